/**
 * Generated from the server's /openapi.json by web/scripts/gen-api.ts (npm run gen:api). Do not edit.
 */

export interface paths {
    "/api/v1/admin/backup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A consistent backup of the embedded store, taken while the server runs (admins)
         * @description The whole embedded data directory as a gzipped tarball, copied between transactions. "siyu backup <file>" calls this when a running server holds the data directory; "siyu restore <file>" restores it. A PostgreSQL server store is backed up with pg_dump instead (400 here).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The backup archive */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/gzip": string;
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/acquisition": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Acquisition board (获客看板): new followers by day × channel × staff, removals, net growth, retention, first orders and revenue per channel, campaign heat, with the previous period (环比) */
        get: {
            parameters: {
                query?: {
                    /** @description days after adding in which orders count for the channel (default 90) */
                    attributionDays?: number;
                    /** @description acquisition channel (活码 state); "(none)" for adds without one */
                    channel?: string;
                    /** @description first day; default 29 days before `to` (YYYY-MM-DD, workspace time zone, included) */
                    from?: string;
                    /** @description a saved segment (id or name): only its customers */
                    segment?: string;
                    /** @description staff member (WeCom userid); staff callers always get their own */
                    staff?: string;
                    /** @description last day; default today (YYYY-MM-DD, workspace time zone, included) */
                    to?: string;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The board */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AcquisitionBoard"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/churn": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Churn list and reason report: removals (删人) in a range with tenure, last touch, owner and recorded reason, and the share of each reason (staff: their own customers) */
        get: {
            parameters: {
                query?: {
                    channel?: string;
                    /** @description first day; default 29 days before `to` */
                    from?: string;
                    limit?: number;
                    /** @description only this reason; "(not recorded)" for the unexplained */
                    reason?: string;
                    /** @description removals by or owned by this staff member */
                    staff?: string;
                    /** @description last day; default today */
                    to?: string;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The churn report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ChurnReport"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/churn-reasons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's list of churn reasons (default: 搬家, 其他渠道, 朋友推荐, 竞品更优, 产品不满意, 员工冷漠) */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Reasons */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            reasons: string[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Replace the list of churn reasons (reasons already recorded keep counting) */
        put: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reasons: string[];
                    };
                };
            };
            responses: {
                /** @description Reasons */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            reasons: string[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/churn/{id}/reason": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Record why a customer left, against their latest removal (or the one at removedAt); staff for their own customers */
        put: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                        reason: string;
                        removedAt?: string;
                    };
                };
            };
            responses: {
                /** @description The recorded reason */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customerId: number;
                            note: string | null;
                            reason: string;
                            removedAt: string;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/complaints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Complaints (complaint.filed) by reason and by staff member, beside the period before */
        get: {
            parameters: {
                query: {
                    /** @description customers of this channel */
                    channel?: string;
                    from: string;
                    /** @description customers of this saved segment (name or id) */
                    segment?: string;
                    /** @description one staff member (managers; staff always see their own) */
                    staff?: string;
                    /** @description inclusive */
                    to: string;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The complaints */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ComplaintsBoard"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The content board (内容看板): reads, readers, shares and buyers within the attribution window per item, reads per sending staff member, the most active readers, beside the period before */
        get: {
            parameters: {
                query: {
                    /** @description customers of this channel */
                    channel?: string;
                    from: string;
                    /** @description customers of this saved segment (name or id) */
                    segment?: string;
                    /** @description one staff member (managers; staff always see their own) */
                    staff?: string;
                    /** @description inclusive */
                    to: string;
                    /** @description attribution window after a reader's first read, days (default 7) */
                    windowDays?: number;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The board */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ContentBoard"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/content-items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The content list: every content id seen in events or kept by the operator, with title, type and products */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The list */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ContentItem"][];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Add or change content items (title, type, products) by content id; each item is checked on its own and a bad one fails alone */
        put: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description ContentItemInput objects: {contentId, title, type?, productIds?} */
                        items: unknown[];
                    };
                };
            };
            responses: {
                /** @description What was saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            errors: {
                                index: number;
                                reason: string;
                            }[];
                            saved: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/costs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Costs per channel and campaign and period (fixed and traffic cost) */
        get: {
            parameters: {
                query?: {
                    key?: string;
                    kind?: "channel" | "campaign";
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Cost entries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AcquisitionCost"][];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Set the cost of a channel or campaign for a period (replaces the entry starting that day; overlapping entries are refused) */
        put: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description yuan, a decimal string ("1200.50") or a number; default 0
                         * @example 1200.00
                         */
                        fixed?: string | number;
                        /**
                         * @description first day of the period
                         * @example 2026-11-01
                         */
                        from: string;
                        key: string;
                        /** @enum {string} */
                        kind: "channel" | "campaign";
                        note?: string;
                        /**
                         * @description last day of the period (included)
                         * @example 2026-11-30
                         */
                        to: string;
                        /**
                         * @description yuan, a decimal string ("1200.50") or a number; default 0
                         * @example 1200.00
                         */
                        traffic?: string | number;
                    };
                };
            };
            responses: {
                /** @description The entry */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AcquisitionCost"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Remove a cost entry (the one of that channel or campaign starting that day) */
        delete: {
            parameters: {
                query: {
                    /** @description first day of the entry */
                    from: string;
                    key: string;
                    kind: "channel" | "campaign";
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The removed entry */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AcquisitionCost"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/customers/trend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A model's distribution over time (the last day of each day, week or month), from the daily snapshots: only customers who existed then, placed on what was known then */
        get: {
            parameters: {
                query: {
                    /** @description only customers acquired through this channel (not for staff: their own customers) */
                    channel?: string;
                    /** @description first day; default 12 weeks before `to` */
                    from?: string;
                    /** @description default week (Monday–Sunday) */
                    interval?: "day" | "week" | "month";
                    /** @description "customers": total and still-a-friend counts */
                    model: "trust" | "lifecycle_ecommerce" | "lifecycle_sales" | "rfm" | "value_tier" | "customers";
                    /** @description last day; default today */
                    to?: string;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The trend */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomerTrend"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A funnel over a date range: customers, conversion and median time per step, optionally split by channel, owner, RFM segment or value tier (staff: their customers) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["FunnelQuery"];
                };
            };
            responses: {
                /** @description The funnel */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Funnel"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/funnel/audience": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Keep the customers at a step (dropped: true — who stopped there) as a saved segment, for a mass message or an SOP */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        dropped?: boolean;
                        funnel: components["schemas"]["FunnelQuery"];
                        name: string;
                        step: number;
                    };
                };
            };
            responses: {
                /** @description The saved segment */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FunnelAudience"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/funnel/defaults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The default funnel steps (browse → click → add to cart → purchase → share), window and the event types a step can use */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Defaults */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            eventTypes: string[];
                            splits: ("channel" | "staff" | "rfmSegment" | "valueTier")[];
                            steps: components["schemas"]["FunnelStep"][];
                            windowHours: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/operations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The operations board (运营看板): today's tasks, execution per staff member, SOP and mass message, touches delivered and suppressed by reason, the staff leaderboard, beside the period before */
        get: {
            parameters: {
                query: {
                    /** @description customers of this channel */
                    channel?: string;
                    from: string;
                    /** @description customers of this saved segment (name or id) */
                    segment?: string;
                    /** @description one staff member (managers; staff always see their own) */
                    staff?: string;
                    /** @description inclusive */
                    to: string;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The board */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OperationsBoard"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/responsiveness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** First-response time to customers' private messages per staff member (median, p90, share within 5 / 30 minutes, in service hours) and per week, beside the period before */
        get: {
            parameters: {
                query: {
                    /** @description customers of this channel */
                    channel?: string;
                    from: string;
                    /** @description service hours, local START-END (default 9-18); waits count only inside them */
                    hours?: string;
                    /** @description customers of this saved segment (name or id) */
                    segment?: string;
                    /** @description one staff member (managers; staff always see their own) */
                    staff?: string;
                    /** @description inclusive */
                    to: string;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The figures */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ResponsivenessBoard"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/roi": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** ROI per channel and campaign: cost in the range, cost per follower, attributed revenue (orders within the window after acquisition), ROI and payback */
        get: {
            parameters: {
                query?: {
                    /** @description default 90 */
                    attributionDays?: number;
                    /** @description first day; default 29 days before `to` */
                    from?: string;
                    /** @description last day; default today */
                    to?: string;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The board */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RoiBoard"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audiences/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** How many of the caller's customers a filter matches (live count for the filter builder) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default") */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        filter: components["schemas"]["AudienceFilter"];
                        q?: string;
                    };
                };
            };
            responses: {
                /** @description The count */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audiences/fields": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every filter field with its operators and allowed values (zh + en), for a data-driven filter builder */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default") */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Fields and sort keys */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            fields: {
                                example?: unknown;
                                field: string;
                                keys?: {
                                    [key: string]: {
                                        label: {
                                            en: string;
                                            zh: string;
                                        };
                                        values?: {
                                            label: {
                                                en: string;
                                                zh: string;
                                            };
                                            value: string;
                                        }[];
                                    };
                                };
                                kind: string;
                                label: {
                                    en: string;
                                    zh: string;
                                };
                                ops: {
                                    label: {
                                        en: string;
                                        zh: string;
                                    };
                                    op: string;
                                }[];
                                values?: {
                                    label: {
                                        en: string;
                                        zh: string;
                                    };
                                    value: string | number;
                                }[];
                                /** @description the allowed values for each value of one key: the lifecycle stages of each path */
                                valuesByKey?: {
                                    key: string;
                                    values: {
                                        [key: string]: {
                                            label: {
                                                en: string;
                                                zh: string;
                                            };
                                            value: string;
                                        }[];
                                    };
                                };
                            }[];
                            sorts: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audiences/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Count and first page of an audience */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default") */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        filter?: components["schemas"]["AudienceFilter"];
                        limit?: number;
                        /** @description Free text: name, phone (any spelling, or its last digits), identity, customer id */
                        q?: string;
                        sort?: components["schemas"]["CustomerSort"];
                    };
                };
            };
            responses: {
                /** @description Count and first page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            items: components["schemas"]["CustomerListItem"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in: sets the httpOnly session cookie siyu_session and the readable CSRF cookie siyu_csrf
         * @description A wrong login and a wrong password get the same answer. 5 attempts that fail in 15 minutes lock the login for 15 minutes (429), 20 lock the client address (read from X-Forwarded-For only when the peer is in SIYU_TRUSTED_PROXIES). Parallel attempts count one by one.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example admin */
                        login?: string;
                        password: string;
                        /** @description deprecated: the former name of `login` */
                        username?: string;
                    };
                };
            };
            responses: {
                /** @description Signed in */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"] & {
                            /** @description the value to send in the x-csrf-token header (also in the siyu_csrf cookie) */
                            csrfToken: string;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Wrong login or password */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many failed sign-ins; try later */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: the session ends and its cookies are cleared */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                        };
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in, with role, staff id and whether phone numbers are shown */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The caller */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your own password (required after a one-time password); other sessions end */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not signed in */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The current password is wrong */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description 5 wrong current passwords in 15 minutes: locked for 15 minutes */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Acquisition channels (渠道 codes) with their names and how many customers each brought, for labels and pickers */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Channels, by code */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                channel: string;
                                customers: number;
                                name: string | null;
                            }[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The task is no longer pending */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clv/distribution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How predicted value and P(alive) spread over the caller's customers (staff: their own), from the latest fit */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Bands */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ClvDistribution"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clv/fits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The predicted-value fits kept by each recompute, newest first: parameters and log-likelihoods */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Fits */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ClvFit"][];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clv/predictions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customers by predicted value (or by value at stake, CLV × (1 − P(alive))), within the caller's scope */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number | null;
                    sort?: "clv" | "atStake";
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of predictions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ClvPredictionPage"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/coupon-issues/{issueId}/redeem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that the customer used the coupon (written as coupon.redeemed) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    issueId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        orderId?: string;
                    };
                };
            };
            responses: {
                /** @description The coupon, redeemed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CouponIssue"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Switched off or lapsed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/coupons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Coupon definitions with how many were issued and redeemed */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Coupons */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Coupon"][];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/coupons/{couponId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or change a coupon definition (name, value, validity, reminder) */
        put: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    couponId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        minSpend?: string | number;
                        name: string;
                        remindDays?: number | null;
                        validDays: number;
                        /** @description yuan */
                        value: string | number;
                    };
                };
            };
            responses: {
                /** @description The coupon */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Coupon"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/custom-fields": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's custom customer fields */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Fields in display order */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["CustomField"][];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/custom-fields/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or change a custom field (its type cannot change while customers hold values; options in use cannot be dropped) */
        put: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        label: string;
                        options?: string[];
                        position?: number;
                        /** @enum {string} */
                        type: "text" | "number" | "date" | "single" | "multi";
                    };
                };
            };
            responses: {
                /** @description The field */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomField"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The field's values no longer fit */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Remove a custom field and every customer's value of it */
        delete: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What was removed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            valuesRemoved: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customers matching a filter and/or search text, sorted, one keyset page at a time (only the caller's customers) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    /** @description AudienceFilter as JSON */
                    filter?: string;
                    limit?: number;
                    q?: string;
                    /** @description addedAt|lastInteractionAt|paidAmount|trustLevel|engagement|name|customerId, optionally :asc or :desc (default addedAt:desc) */
                    sort?: string;
                    total?: "true" | "false";
                    /** @description Workspace id (default "default") */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomerPage"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One customer: identities, profile, aggregates, tags and model placements (a merged id leads to the surviving record) */
        get: {
            parameters: {
                query?: {
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The customer */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Customer"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/clv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One customer's predicted value: P(alive), expected purchases, expected spend and CLV (null before a fit or without a paid order) */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The prediction */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            prediction: components["schemas"]["CustomerClv"];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/coupons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's coupons, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Coupons issued */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["CouponIssue"][];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Issue a coupon to the customer: recorded, coupon.issued written, the expiry reminder planned. The same key issues once */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        couponId: string;
                        /** @description exactly-once key; default: one per caller, customer, coupon and day */
                        key?: string;
                    };
                };
            };
            responses: {
                /** @description Already issued under this key */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CouponIssue"];
                    };
                };
                /** @description Issued now */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CouponIssue"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Switched off or lapsed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/followups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The follow-up log (跟进记录), newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Follow-ups */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Followup"][];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Log a follow-up; a next follow-up day creates one task due that day (10:00 local) for the staff member */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description YYYY-MM-DD, today or later */
                        nextOn?: string | null;
                        note: string;
                        /** @description who followed up (admins and operators; staff are always themselves); default the owner */
                        staffId?: string;
                        /** @enum {string} */
                        type: "call" | "visit" | "chat" | "other";
                    };
                };
            };
            responses: {
                /** @description The follow-up */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Followup"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/journeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where a customer stands in each journey, and their stage history */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Positions and history */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            history: components["schemas"]["StageStay"][];
                            positions: {
                                daysInStage: number;
                                enteredAt: string;
                                journey: string;
                                journeyId: number;
                                ordered: boolean;
                                position: number;
                                reason: string | null;
                                source: string;
                                stage: string;
                                stageId: number;
                                stages: number;
                            }[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or customers still stand in the stage or journey (force to take them out) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/merges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Merges this customer took part in (as survivor or as merged record) */
        get: {
            parameters: {
                query?: {
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Merges, oldest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Merge"][];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's orders, newest first (with those of records merged into them), amounts in yuan */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Orders */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                amount: string | null;
                                items: unknown[];
                                orderId: string;
                                paidAt: string | null;
                                platform: string | null;
                                refunded: string;
                            }[];
                            total: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/pins/{model}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Pin a customer's trust level or value tier by hand; kept until removed, the computed one is still shown */
        put: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                    model: "trust" | "value_tier";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                        /**
                         * @description trust: L0…L5; value_tier: 普通, 一般价值, 中等价值, 高价值 or 核心
                         * @example L3
                         */
                        value: string | number;
                    };
                };
            };
            responses: {
                /** @description The customer's placements after the pin */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomerModels"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Remove a pin: the computed level or tier applies again */
        delete: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                    model: "trust" | "value_tier";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The customer's placements after the pin is gone */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomerModels"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such customer, or nothing pinned */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/record": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer record: remark and description (with their WeCom sync state), region, birthday, age band, custom field values */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The record */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomerRecord"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change fields of the record (null clears one); a remark or description change is written to the owning staff member's WeCom contact */
        patch: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description under_18, 18_24, 25_34, 35_44, 45_54, 55_64, 65_plus */
                        ageBand?: string | null;
                        /** @description YYYY-MM-DD */
                        birthday?: string | null;
                        city?: string | null;
                        custom?: {
                            [key: string]: string | number | string[] | null;
                        };
                        description?: string | null;
                        province?: string | null;
                        remark?: string | null;
                    };
                };
            };
            responses: {
                /** @description The record after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomerRecord"] & {
                            changed: string[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/customers/{id}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put a tag on a customer (in a single-choice group it replaces the one held) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description last day the tag holds (YYYY-MM-DD, workspace time zone) or an ISO 8601 date-time */
                        expiresAt?: string;
                        reason?: string;
                        /**
                         * @description "group/tag" (an alias works too) or the tag id
                         * @example 会员等级/金卡
                         */
                        tag: string | number;
                    };
                };
            };
            responses: {
                /** @description The customer's tags after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customerId: number;
                            replaced: string[];
                            /** @enum {string} */
                            status: "added" | "updated" | "unchanged";
                            tag: string;
                            tagId: number;
                            tags: {
                                category: string;
                                expiresAt: string | null;
                                group: string;
                                reason: string | null;
                                source: string;
                                sourceId: string | null;
                                tag: string;
                                taggedAt: string;
                                tagId: number;
                            }[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A system group or category, maintained by the segmentation models */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or the category is not empty */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/tags/{tagId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Take a tag off a customer */
        delete: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                    tagId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The customer's tags after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customerId: number;
                            removed: boolean;
                            tag: string;
                            tags: {
                                category: string;
                                expiresAt: string | null;
                                group: string;
                                reason: string | null;
                                source: string;
                                sourceId: string | null;
                                tag: string;
                                taggedAt: string;
                                tagId: number;
                            }[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A system group or category, maintained by the segmentation models */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or the category is not empty */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's timeline, newest first: events, tag changes (with source and reason), model changes, journey stage entries/exits and tasks */
        get: {
            parameters: {
                query?: {
                    /** @description nextBefore of the previous page */
                    before?: string;
                    /** @description default 50 */
                    limit?: number;
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of entries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["TimelineEntry"][];
                            nextBefore: string | null;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export customers (identities, owner, tags, model placements, aggregates) as CSV or NDJSON; staff get their own customers, phones masked unless their role shows them */
        get: {
            parameters: {
                query?: {
                    /** @description default csv */
                    format?: "csv" | "ndjson";
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One record per customer, streamed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": string;
                        "text/csv": string;
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The customer list with the filter in the body (for filters too long for a URL) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default") */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        cursor?: string;
                        filter?: components["schemas"]["AudienceFilter"];
                        limit?: number;
                        /** @description Free text: name, phone (any spelling, or its last digits), identity, customer id */
                        q?: string;
                        sort?: components["schemas"]["CustomerSort"];
                        /** @description Also count the whole audience */
                        total?: boolean;
                    };
                };
            };
            responses: {
                /** @description One page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomerPage"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send events (JSON array or NDJSON)
         * @description Each event is validated on its own: bad ones are rejected with their index and reason, the rest land. The same id sent again is reported as a duplicate. At most 10000 events or 10 MiB per request.
         */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default") */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Event"][];
                    "application/x-ndjson": string;
                };
            };
            responses: {
                /** @description What happened to each event */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IngestResult"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many events or too large a body */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/focus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A staff member's focus list for today: at-risk important customers, super users due for care, L3 ready for a first order */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description default: the caller's own staff id */
                    staff?: string;
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Ranked entries with reasons and suggested actions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string;
                            entries: components["schemas"]["FocusEntry"][];
                            staffId: string;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The task is no longer pending */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customer groups (社群): owner, members, joins and leaves in 30 days, group tags */
        get: {
            parameters: {
                query?: {
                    owner?: string;
                    tag?: string;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Groups */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["GroupSummary"][];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom refused or did not answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/{chatId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One group: members who are customers in the caller's scope, joins and leaves per day */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    chatId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The group */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GroupDetail"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom refused or did not answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/{chatId}/conversion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members against everyone else: paid orders and amount, and joins through a join code */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    chatId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Conversion */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GroupConversion"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom refused or did not answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/{chatId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** "Invite to this group" tasks for the customers' owners, once per customer and group (invited → joined is in the conversion) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    chatId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        customerIds: number[];
                    };
                };
            };
            responses: {
                /** @description Invitations */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            duplicates: number;
                            notFound: number[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom refused or did not answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/{chatId}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a group's tags (VIP群, 快闪群, 兴趣群 …) */
        put: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    chatId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        tags: string[];
                    };
                };
            };
            responses: {
                /** @description The tags */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            chatId: string;
                            tags: string[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom refused or did not answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/join-ways": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Group join codes and how many joined through each */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Join codes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["GroupJoinWay"][];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom refused or did not answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** A join code (WeCom groupchat/add_join_way) for 1–5 groups; its state is the channel joins are attributed to */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        chatIds: string[];
                        remark?: string;
                        state: string;
                    };
                };
            };
            responses: {
                /** @description The join code */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GroupJoinWay"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom refused or did not answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/mass-messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Group mass messages with per-group results */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Group mass messages */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["GroupMass"][];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom refused or did not answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** A mass message to the groups picked by tag or owner; each group is sent once by its owner */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        groups: {
                            chatIds?: string[];
                            /** @description groups owned by these staff members */
                            owners?: string[];
                            /** @description groups with any of these group tags (VIP群, 快闪群 …) */
                            tags?: string[];
                        };
                        materials?: (number | string)[];
                        text?: string;
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description Created; the WeCom worker sends it */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GroupMass"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom refused or did not answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/mass-messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One group mass message with per-group results */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The group mass message */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GroupMass"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom refused or did not answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send due group SOP steps and queued group mass messages now, and read results back (the WeCom worker does this by itself) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What happened */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            failed: {
                                chatId: string;
                                error: string;
                                sendKey: string;
                            }[];
                            queued: number;
                            results: {
                                sent: number;
                                waiting: number;
                            };
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom refused or did not answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/sops": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Group SOPs with what each step has sent, per status */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Group SOPs */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["GroupSop"][];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom refused or did not answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** A group SOP: steps at a day offset from each group's creation or on a fixed date, in a send window, with library content; each group gets each step once */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        groups: {
                            chatIds?: string[];
                            /** @description groups owned by these staff members */
                            owners?: string[];
                            /** @description groups with any of these group tags (VIP群, 快闪群 …) */
                            tags?: string[];
                        };
                        name: string;
                        steps: {
                            /** @description a fixed date instead of an offset */
                            date?: string;
                            key: string;
                            materials?: (number | string)[];
                            /** @description days after the group was created */
                            offsetDays?: number;
                            text?: string;
                            window?: {
                                end: string;
                                start: string;
                            };
                        }[];
                    };
                };
            };
            responses: {
                /** @description Created (switched on) */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GroupSop"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom refused or did not answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/sops/{id}/enabled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Switch a group SOP on or off; switched on again, it does not catch up on steps due while off */
        put: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        enabled: boolean;
                    };
                };
            };
            responses: {
                /** @description The group SOP */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GroupSop"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom refused or did not answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Read every group and its members from WeCom now (the WeCom worker also does this when it reconciles) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Synced */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            groups: number;
                            joined: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom refused or did not answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holidays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The holiday calendar: built-in festivals (春节, 元宵, 端午, 七夕, 中秋, 国庆; 2026–2035) and the workspace's own days */
        get: {
            parameters: {
                query?: {
                    /** @description default today */
                    from?: string;
                    name?: string;
                    /** @description default a year from from */
                    to?: string;
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Holidays by date */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Holiday"][];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Add days to the workspace calendar (e.g. 会员日); a bad day is refused alone, with its row and reason */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        days: {
                            date: string;
                            name: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description What was added */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            added: components["schemas"]["Holiday"][];
                            errors: {
                                field: string;
                                reason: string;
                                row: number;
                            }[];
                            /** @description already in the calendar: nothing written */
                            existing: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holidays/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a day the workspace added (built-in festivals stay) */
        delete: {
            parameters: {
                query?: {
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The removed day */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Holiday"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest import runs of the workspace (running, done, failed, interrupted) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Import runs, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runs: components["schemas"]["ImportRun"][];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/journeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customer journeys (客户旅程) with their stages */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every journey */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Journey"][];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or customers still stand in the stage or journey (force to take them out) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a custom journey: an exclusive tag group in 旅程, one tag per stage */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["JourneyDefinition"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Journey"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or customers still stand in the stage or journey (force to take them out) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/journeys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One journey */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description journey id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The journey */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Journey"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or customers still stand in the stage or journey (force to take them out) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a journey and its tag group (force=true when customers stand in it) */
        delete: {
            parameters: {
                query?: {
                    force?: "true" | "false";
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description journey id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customers: number;
                            journey: string;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or customers still stand in the stage or journey (force to take them out) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a journey, make it ordered or unordered, describe it */
        patch: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description journey id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        name?: string;
                        ordered?: boolean;
                    };
                };
            };
            responses: {
                /** @description Updated */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Journey"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or customers still stand in the stage or journey (force to take them out) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/journeys/{id}/board": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The journey board: each stage with its count and first page of cards */
        get: {
            parameters: {
                query?: {
                    /** @description an AudienceFilter as JSON, ANDed with the stage */
                    filter?: string;
                    limit?: number;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description journey id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Board */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            columns: {
                                cards: components["schemas"]["StageCard"][];
                                count: number;
                                nextCursor: string | null;
                                position: number;
                                stage: string;
                                stageId: number;
                            }[];
                            journey: components["schemas"]["Journey"];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or customers still stand in the stage or journey (force to take them out) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/journeys/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent stays in the journey's stages, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description journey id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Stays */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["StageStay"][];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or customers still stand in the stage or journey (force to take them out) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/journeys/{id}/moves": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move customers to a stage (a reason is required from staff; audited) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description journey id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        customerIds: number[];
                        /** @description move customers who do not meet the stage's entry condition */
                        force?: boolean;
                        reason?: string;
                        /** @example 已购买 */
                        stage: string | number;
                    };
                };
            };
            responses: {
                /** @description What moved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            directions: {
                                customerId: number;
                                /** @enum {string} */
                                direction: "entered" | "forward" | "back" | "moved";
                                from: string | null;
                            }[];
                            journey: string;
                            moved: number[];
                            refused: {
                                customerId: number;
                                reason: string;
                            }[];
                            stage: string;
                            unchanged: number[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or customers still stand in the stage or journey (force to take them out) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/journeys/{id}/stages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a stage (at a position, default last) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description journey id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        entryFilter?: components["schemas"]["AudienceFilter"];
                        name: string;
                        position?: number;
                    };
                };
            };
            responses: {
                /** @description The journey */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Journey"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or customers still stand in the stage or journey (force to take them out) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/journeys/{id}/stages/{stageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a stage (force=true when customers stand in it: they leave the journey) */
        delete: {
            parameters: {
                query?: {
                    force?: "true" | "false";
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description journey id or name */
                    id: string;
                    /** @description stage (tag) id or name */
                    stageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customers: number;
                            journey: string;
                            stage: string;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or customers still stand in the stage or journey (force to take them out) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a stage or set its entry condition (null clears it) */
        patch: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description journey id or name */
                    id: string;
                    /** @description stage (tag) id or name */
                    stageId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        entryFilter?: components["schemas"]["AudienceFilter"];
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description The journey */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Journey"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or customers still stand in the stage or journey (force to take them out) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/journeys/{id}/stages/{stageId}/cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One board column, page by page (newest arrivals first) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    /** @description an AudienceFilter as JSON, ANDed with the stage */
                    filter?: string;
                    limit?: number;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description journey id or name */
                    id: string;
                    /** @description stage (tag) id or name */
                    stageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Cards */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cards: components["schemas"]["StageCard"][];
                            nextCursor: string | null;
                            stage: string;
                            stageId: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or customers still stand in the stage or journey (force to take them out) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/journeys/{id}/stages/order": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Put the stages in a new order (name every stage once) */
        put: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description journey id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        order: (string | number)[];
                    };
                };
            };
            responses: {
                /** @description The journey */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Journey"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or customers still stand in the stage or journey (force to take them out) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/journeys/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per stage: customers now, entries, time in stage, conversion to later stages */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description journey id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Stats */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            journey: string;
                            ordered: boolean;
                            stages: {
                                avgDaysInStage: number | null;
                                completedStays: number;
                                conversionToNext: number | null;
                                convertedToLater: number | null;
                                customers: number;
                                entered: number;
                                medianDaysInStage: number | null;
                                position: number;
                                stage: string;
                                stageId: number;
                            }[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or customers still stand in the stage or journey (force to take them out) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/journeys/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The seed journey templates and which are installed */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Templates */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                journeyId: number | null;
                                /** @enum {string} */
                                key: "purchase_frequency" | "membership" | "persona" | "product_interest" | "b2b_intent";
                                labelEn: string | null;
                                name: string;
                                /** @description How to read the journey: its order, what a stage means */
                                note: {
                                    en: string;
                                    zh: string;
                                };
                                ordered: boolean;
                                stages: {
                                    labelEn: string | null;
                                    name: string;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or customers still stand in the stage or journey (force to take them out) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/journeys/templates/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Install a template (again: returns the journey it made) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    key: "purchase_frequency" | "membership" | "persona" | "product_interest" | "b2b_intent";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Installed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Journey"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or customers still stand in the stage or journey (force to take them out) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mass-messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Mass messages, newest first */
        get: {
            parameters: {
                query?: {
                    before?: number;
                    limit?: number;
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of mass messages */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["MassMessage"][];
                            nextBefore: number | null;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The task is no longer pending */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Mass message (群发): with dryRun, the counts only (nothing written); else one task per staff member with its recipients */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @default private_chat
                         * @enum {string}
                         */
                        channel?: "private_chat" | "moments" | "group";
                        /** @description may use {name} and {staff} */
                        content: string;
                        /** @description "same content" key; default a hash of the normalised content */
                        contentKey?: string;
                        /** @default false */
                        dryRun?: boolean;
                        filter?: components["schemas"]["AudienceFilter"];
                        /** @description library items (id or content id) sent with the words: images, links, mini-programs, files */
                        materials?: (number | string)[];
                        /**
                         * @default marketing
                         * @enum {string}
                         */
                        purpose?: "marketing" | "service";
                        segment?: string | number;
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description The dry run */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MassMessagePlan"];
                    };
                };
                /** @description The mass message as sent */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MassMessagePlan"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The task is no longer pending */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mass-messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A mass message with per-staff progress and a page of recipients */
        get: {
            parameters: {
                query?: {
                    after?: number | null;
                    limit?: number;
                    staff?: string;
                    status?: "pending" | "sent" | "failed" | "suppressed" | "excluded";
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The mass message */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MassMessage"] & {
                            nextAfter: number | null;
                            progress: {
                                excluded: number;
                                failed: number;
                                pending: number;
                                sent: number;
                                staffId: string;
                                staffName: string | null;
                                suppressed: number;
                                taskId: number | null;
                                taskStatus: string | null;
                            }[];
                            recipients: {
                                code: string | null;
                                content: string | null;
                                customerId: number;
                                name: string | null;
                                reason: string | null;
                                staffId: string | null;
                                /** @enum {string} */
                                status: "pending" | "sent" | "failed" | "suppressed" | "excluded";
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The task is no longer pending */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/materials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The material library (素材库): text, images, links, mini-programs and files */
        get: {
            parameters: {
                query?: {
                    kind?: "text" | "image" | "link" | "miniprogram" | "file";
                    limit?: number;
                    productId?: string;
                    /** @description words of the title, or a content id */
                    q?: string;
                    /** @description engagement: most viewed and shared first */
                    sort?: "recent" | "engagement";
                    tag?: string;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Items, newest change first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Material"][];
                            total: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The content id is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The file is over its limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The file is of a type the library does not take */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Add an item; image, file and the covers of links and mini-programs refer to uploaded files (fileId) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        appid?: string;
                        /** @description the id view/share events carry as data.contentId; default: generated */
                        contentId?: string;
                        coverFileId?: number;
                        description?: string;
                        fileId?: number;
                        /** @enum {string} */
                        kind: "text" | "image" | "link" | "miniprogram" | "file";
                        page?: string;
                        productIds?: string[];
                        tags?: string[];
                        /** @description text: the words; other kinds: words sent with the item; may use {name} and {staff} */
                        text?: string;
                        title: string;
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Material"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The content id is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The file is over its limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The file is of a type the library does not take */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/materials/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One item */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description material id or content id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The item */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Material"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The content id is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The file is over its limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The file is of a type the library does not take */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an item and its files (tasks already made keep their copy) */
        delete: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description material id or content id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            materialId: number;
                            title: string;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The content id is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The file is over its limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The file is of a type the library does not take */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change an item (its kind stays); "" clears a field */
        patch: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description material id or content id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        appid?: string;
                        /** @description the id view/share events carry as data.contentId; default: generated */
                        contentId?: string;
                        coverFileId?: number;
                        description?: string;
                        fileId?: number;
                        page?: string;
                        productIds?: string[];
                        tags?: string[];
                        /** @description text: the words; other kinds: words sent with the item; may use {name} and {staff} */
                        text?: string;
                        title?: string;
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description The item after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Material"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The content id is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The file is over its limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The file is of a type the library does not take */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/materials/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The item as one real customer would get it: {name} and {staff} filled in */
        get: {
            parameters: {
                query: {
                    customerId: number;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description material id or content id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The preview */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MaterialPreview"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The content id is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The file is over its limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The file is of a type the library does not take */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/materials/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload a file (the raw bytes as the body): JPG/PNG images ≤10 MB, PDF, Office, MP4 and text files ≤20 MB, told by their content */
        post: {
            parameters: {
                query: {
                    /** @description the name shown when the file is sent */
                    filename: string;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/octet-stream": string;
                };
            };
            responses: {
                /** @description Stored */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MaterialFile"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The content id is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The file is over its limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The file is of a type the library does not take */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/materials/files/{fileId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A stored file, as uploaded */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    fileId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": string;
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The content id is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The file is over its limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The file is of a type the library does not take */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/merges/{mergeId}/undo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Undo a wrong merge: each record gets back what was its own and is placed by the models again; the pair is never merged again */
        post: {
            parameters: {
                query?: {
                    workspace?: string;
                };
                header?: never;
                path: {
                    mergeId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The two records, separate again */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            mergedId: number;
                            survivorId: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Already undone, or the survivor was merged again later */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The models' effective configuration (defaults where the workspace sets nothing) */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The configuration */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default {} */
                            engagement: {
                                /** @default 30 */
                                halfLifeDays: number;
                                /** @default {} */
                                points: {
                                    [key: string]: number;
                                };
                            };
                            /** @default {} */
                            lifecycle: {
                                /**
                                 * @default [
                                 *       "ecommerce",
                                 *       "sales"
                                 *     ]
                                 */
                                paths: ("ecommerce" | "sales")[];
                            };
                            /** @default {} */
                            rfm: {
                                fixed?: {
                                    f: number;
                                    m: number;
                                    r: number;
                                };
                                /**
                                 * @default mean
                                 * @enum {string}
                                 */
                                method: "mean" | "fixed" | "quintile";
                                /** @default 4 */
                                quintileHigh: number;
                            };
                            /** @default {} */
                            trust: {
                                /**
                                 * @default [
                                 *       "多少钱",
                                 *       "价格",
                                 *       "怎么买",
                                 *       "有货吗",
                                 *       "链接",
                                 *       "优惠",
                                 *       "发货",
                                 *       "怎么卖",
                                 *       "包邮",
                                 *       "下单"
                                 *     ]
                                 */
                                intentKeywords: string[];
                                /** @default 3 */
                                l2ChatRounds: number;
                                /** @default 2 */
                                l3CustomerConversations: number;
                                /** @default 365 */
                                l5ComplaintWindowDays: number;
                                /** @default 1 */
                                l5MaxComplaints: number;
                                /** @default 3 */
                                l5MinOrders: number;
                                /** @default 0.2 */
                                l5MonetaryTopShare: number;
                                /** @default 90 */
                                l5RecentChatDays: number;
                            };
                            /** @default {} */
                            valueTier: {
                                /** @default 3 */
                                coreMinOrders: number;
                                /** @default 1 */
                                coreMinReferrals: number;
                                /** @default 2 */
                                highMinOrders: number;
                                /** @default 90 */
                                periodDays: number;
                            };
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Replace the models' configuration (validated; a bad setting is named), then recompute everyone with it */
        put: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default {} */
                        engagement?: {
                            /** @default 30 */
                            halfLifeDays?: number;
                            /** @default {} */
                            points?: {
                                [key: string]: number;
                            };
                        };
                        /** @default {} */
                        lifecycle?: {
                            /**
                             * @default [
                             *       "ecommerce",
                             *       "sales"
                             *     ]
                             */
                            paths?: ("ecommerce" | "sales")[];
                        };
                        /** @default {} */
                        rfm?: {
                            fixed?: {
                                f: number;
                                m: number;
                                r: number;
                            };
                            /**
                             * @default mean
                             * @enum {string}
                             */
                            method?: "mean" | "fixed" | "quintile";
                            /** @default 4 */
                            quintileHigh?: number;
                        };
                        /** @default {} */
                        trust?: {
                            /**
                             * @default [
                             *       "多少钱",
                             *       "价格",
                             *       "怎么买",
                             *       "有货吗",
                             *       "链接",
                             *       "优惠",
                             *       "发货",
                             *       "怎么卖",
                             *       "包邮",
                             *       "下单"
                             *     ]
                             */
                            intentKeywords?: string[];
                            /** @default 3 */
                            l2ChatRounds?: number;
                            /** @default 2 */
                            l3CustomerConversations?: number;
                            /** @default 365 */
                            l5ComplaintWindowDays?: number;
                            /** @default 1 */
                            l5MaxComplaints?: number;
                            /** @default 3 */
                            l5MinOrders?: number;
                            /** @default 0.2 */
                            l5MonetaryTopShare?: number;
                            /** @default 90 */
                            l5RecentChatDays?: number;
                        };
                        /** @default {} */
                        valueTier?: {
                            /** @default 3 */
                            coreMinOrders?: number;
                            /** @default 1 */
                            coreMinReferrals?: number;
                            /** @default 2 */
                            highMinOrders?: number;
                            /** @default 90 */
                            periodDays?: number;
                        };
                    };
                };
            };
            responses: {
                /** @description The stored configuration and the recompute it caused */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            config: {
                                /** @default {} */
                                engagement: {
                                    /** @default 30 */
                                    halfLifeDays: number;
                                    /** @default {} */
                                    points: {
                                        [key: string]: number;
                                    };
                                };
                                /** @default {} */
                                lifecycle: {
                                    /**
                                     * @default [
                                     *       "ecommerce",
                                     *       "sales"
                                     *     ]
                                     */
                                    paths: ("ecommerce" | "sales")[];
                                };
                                /** @default {} */
                                rfm: {
                                    fixed?: {
                                        f: number;
                                        m: number;
                                        r: number;
                                    };
                                    /**
                                     * @default mean
                                     * @enum {string}
                                     */
                                    method: "mean" | "fixed" | "quintile";
                                    /** @default 4 */
                                    quintileHigh: number;
                                };
                                /** @default {} */
                                trust: {
                                    /**
                                     * @default [
                                     *       "多少钱",
                                     *       "价格",
                                     *       "怎么买",
                                     *       "有货吗",
                                     *       "链接",
                                     *       "优惠",
                                     *       "发货",
                                     *       "怎么卖",
                                     *       "包邮",
                                     *       "下单"
                                     *     ]
                                     */
                                    intentKeywords: string[];
                                    /** @default 3 */
                                    l2ChatRounds: number;
                                    /** @default 2 */
                                    l3CustomerConversations: number;
                                    /** @default 365 */
                                    l5ComplaintWindowDays: number;
                                    /** @default 1 */
                                    l5MaxComplaints: number;
                                    /** @default 3 */
                                    l5MinOrders: number;
                                    /** @default 0.2 */
                                    l5MonetaryTopShare: number;
                                    /** @default 90 */
                                    l5RecentChatDays: number;
                                };
                                /** @default {} */
                                valueTier: {
                                    /** @default 3 */
                                    coreMinOrders: number;
                                    /** @default 1 */
                                    coreMinReferrals: number;
                                    /** @default 2 */
                                    highMinOrders: number;
                                    /** @default 90 */
                                    periodDays: number;
                                };
                            };
                            /** @description intent keywords or engagement points changed, so every customer's events were read again */
                            rebuiltInputs: boolean;
                            recompute: components["schemas"]["RecomputeResult"];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/movement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Movement between levels: for each model, where customers stood at the start of the range and where at its end (from model_history), within the caller's scope */
        get: {
            parameters: {
                query: {
                    /** @description start: a date (its first instant, workspace zone) or an ISO 8601 date-time */
                    from: string;
                    model: "trust" | "value_tier" | "rfm_segment" | "lifecycle_ecommerce" | "lifecycle_sales";
                    /** @description end: a date (through its last instant) or a date-time; default now */
                    to?: string;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Flows from level to level */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ModelMovement"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent recompute runs, newest first, with status and error (staff: without the workspace-wide totals) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Runs */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ModelRun"][];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/moments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Moments (朋友圈) posts by publish time: a calendar range, a staff member, a status */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    staff?: string;
                    status?: "planned" | "sending" | "submitted" | "published" | "failed" | "cancelled";
                    to?: string;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Posts, latest publish time first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["MomentPost"][];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The post is no longer planned */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Plan a post: content from the library, the staff who post, visibility, a publish time. Held to the per-staff daily limit, not to the marketing trust gate or cap */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description library items (id or content id): text, images (up to 9) or one link */
                        materials?: (number | string)[];
                        /** @description when it goes to WeCom (ISO 8601) */
                        publishAt: string;
                        staffIds: string[];
                        /** @description tag ids or "group/tag" paths, for visibility "tags" */
                        tags?: (number | string)[];
                        text?: string;
                        /** @description for the calendar; default: the start of the text */
                        title?: string;
                        /**
                         * @description all: every customer of the posting staff; tags: only customers with one of the tags (定向可见)
                         * @default all
                         * @enum {string}
                         */
                        visibility?: "all" | "tags";
                    };
                };
            };
            responses: {
                /** @description Planned */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MomentPost"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The post is no longer planned */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/moments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One post with each staff member's publish status and its likes and comments */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The post */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MomentPost"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The post is no longer planned */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Cancel a planned post (one already sent to WeCom cannot be taken back here) */
        delete: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The cancelled post */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MomentPost"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The post is no longer planned */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/moments/comment-tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** "Comment thoughtfully on this customer's Moments" tasks for the owners of L0/L1 customers, at most one per customer and week */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        limit?: number;
                        staffId?: string;
                        trustLevels?: number[];
                    };
                };
            };
            responses: {
                /** @description Tasks made */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            customers: number;
                            duplicates: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The post is no longer planned */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/moments/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send due posts to WeCom now (add_moment_task) and read results back (publish status per staff, likes and comments); the WeCom worker does this on its own too */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What happened */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            failed: {
                                error: string;
                                postId: number;
                            }[];
                            results: {
                                events: number;
                                failed: number;
                                published: number;
                                staffPublished: number;
                            };
                            submitted: {
                                jobid: string;
                                postId: number;
                            }[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The post is no longer planned */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/moments/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The per-staff daily limit on Moments posts (default 3) */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MomentSettings"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The post is no longer planned */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Change the per-staff daily limit on Moments posts */
        put: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        perStaffDaily: number;
                    };
                };
            };
            responses: {
                /** @description The settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MomentSettings"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The post is no longer planned */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/operations-calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The operations calendar: per day, SOP steps and tasks due, scheduled sends, holidays and the holiday / anniversary touches rules will make */
        get: {
            parameters: {
                query?: {
                    /** @description default today */
                    from?: string;
                    /** @description default 13 days after from; at most 62 */
                    to?: string;
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Days from from to to */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            days: components["schemas"]["CalendarDay"][];
                            from: string;
                            timeZone: string;
                            to: string;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The contact policy: minimum trust for marketing, frequency cap, quiet hours, WeCom daily mass-message limit */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The policy in force (defaults where unset) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default {} */
                            frequencyCap: {
                                /** @default 2 */
                                touches: number;
                                /** @default 7 */
                                windowDays: number;
                            };
                            /** @default 3 */
                            marketingMinTrust: number;
                            /** @default 1 */
                            massMessagesPerDay: number;
                            /** @default {} */
                            quietHours: {
                                /** @default true */
                                enabled: boolean;
                                /** @default 08:00 */
                                end: string;
                                /** @default 22:00 */
                                start: string;
                            };
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The task is no longer pending */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Replace the contact policy (validated; a bad setting is named) */
        put: {
            parameters: {
                query?: {
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": unknown;
                };
            };
            responses: {
                /** @description The stored policy */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default {} */
                            frequencyCap: {
                                /** @default 2 */
                                touches: number;
                                /** @default 7 */
                                windowDays: number;
                            };
                            /** @default 3 */
                            marketingMinTrust: number;
                            /** @default 1 */
                            massMessagesPerDay: number;
                            /** @default {} */
                            quietHours: {
                                /** @default true */
                                enabled: boolean;
                                /** @default 08:00 */
                                end: string;
                                /** @default 22:00 */
                                start: string;
                            };
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The task is no longer pending */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recompute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Full re-segmentation of every customer (recency, period windows, decay); runs to the end before answering */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /**
                         * @description As of the end of this day in the workspace time zone
                         * @example 2026-11-30
                         */
                        asOf?: string;
                    };
                };
            };
            responses: {
                /** @description The finished run */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecomputeResult"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Automation rules: WHEN trigger IF filter THEN actions */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every rule */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["AutomationRule"][];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Add a rule, or save a new version of the rule with that name (errors name the field, e.g. actions[1].tag) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": unknown;
                };
            };
            responses: {
                /** @description Updated or unchanged */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rule: components["schemas"]["AutomationRule"];
                            /** @enum {string} */
                            status: "created" | "updated" | "unchanged";
                        };
                    };
                };
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rule: components["schemas"]["AutomationRule"];
                            /** @enum {string} */
                            status: "created" | "updated" | "unchanged";
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One rule with its versions */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description rule id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The rule */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AutomationRule"] & {
                            versions: {
                                savedAt: string;
                                savedBy: string | null;
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Save a new version of a rule */
        put: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description rule id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": unknown;
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rule: components["schemas"]["AutomationRule"];
                            /** @enum {string} */
                            status: "created" | "updated" | "unchanged";
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Delete a rule (its firings and runs stay for the record) */
        delete: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description rule id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            ruleId: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Switch a rule off */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description rule id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The rule */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AutomationRule"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/{id}/dry-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Dry-run a saved rule on current data */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description rule id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        days?: number;
                    };
                };
            };
            responses: {
                /** @description The would-be effect */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RuleDryRun"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Switch a rule on */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description rule id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The rule */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AutomationRule"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-run a rule over the changes of a date range (what already fired is skipped) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description rule id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description date (workspace time zone) or date-time
                         * @example 2026-11-01
                         */
                        from: string;
                        /**
                         * @description last day included, or an exclusive date-time
                         * @example 2026-11-30
                         */
                        to: string;
                    };
                };
            };
            responses: {
                /** @description What the replay did */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: {
                                action: number;
                                affected: number;
                                note?: string;
                                type: string;
                            }[];
                            alreadyFired: number;
                            errors: number;
                            fired: number;
                            rule: string;
                            triggered: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/dry-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Who a rule (not yet saved) would fire for on current data, and what it would do — without doing it */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        days?: number;
                        rule?: unknown;
                    };
                };
            };
            responses: {
                /** @description The would-be effect */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RuleDryRun"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every rule as one file, to review and keep in version control */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The rules file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rules: components["schemas"]["Rule"][];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Save every rule of a file (all or nothing) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        rules: unknown[];
                    };
                };
            };
            responses: {
                /** @description What happened to each rule */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                rule: components["schemas"]["AutomationRule"];
                                /** @enum {string} */
                                status: "created" | "updated" | "unchanged";
                            }[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What rules did: firings, replays, errors, refused cycles and deep cascades */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    rule?: string;
                    status?: "fired" | "cycle" | "depth_exceeded" | "error" | "replay";
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["RuleRun"][];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/schema": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The JSON Schema of a rule file */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description JSON Schema (draft 2020-12) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scheduled-sends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Scheduled sends by send time (a staff member: their own) */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    limit?: number;
                    status?: "scheduled" | "sent" | "cancelled" | "failed";
                    to?: string;
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Scheduled sends */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["ScheduledSend"][];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The scheduled send has started, been sent, cancelled or failed: it can no longer be changed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Schedule a mass message (定时群发): checked and estimated now, sent at sendAt by one server process */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @default private_chat
                         * @enum {string}
                         */
                        channel?: "private_chat" | "moments" | "group";
                        /** @description may use {name} and {staff} */
                        content: string;
                        /** @description "same content" key; default a hash of the normalised content */
                        contentKey?: string;
                        filter?: components["schemas"]["AudienceFilter"];
                        /**
                         * @default marketing
                         * @enum {string}
                         */
                        purpose?: "marketing" | "service";
                        segment?: string | number;
                        /** @description when to send (in the future, at most a year ahead) */
                        sendAt: string;
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description The scheduled send with an estimate */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScheduledSend"] & {
                            /** @description a dry run as of now; the contact policy is applied again at the send time */
                            estimate: {
                                alreadyReceived: number;
                                audience: number;
                                recipients: number;
                                suppressed: number;
                            };
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The scheduled send has started, been sent, cancelled or failed: it can no longer be changed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scheduled-sends/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One scheduled send */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The scheduled send */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScheduledSend"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The scheduled send has started, been sent, cancelled or failed: it can no longer be changed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a scheduled send that has not started (content, audience, time) */
        patch: {
            parameters: {
                query?: {
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        channel?: "private_chat" | "moments" | "group";
                        /** @description may use {name} and {staff} */
                        content?: string;
                        /** @description "same content" key; default a hash of the normalised content */
                        contentKey?: string;
                        filter?: components["schemas"]["AudienceFilter"];
                        /** @enum {string} */
                        purpose?: "marketing" | "service";
                        segment?: string | number;
                        /** @description when to send (in the future, at most a year ahead) */
                        sendAt?: string;
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description The scheduled send after the change, with a new estimate */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScheduledSend"] & {
                            /** @description a dry run as of now; the contact policy is applied again at the send time */
                            estimate: {
                                alreadyReceived: number;
                                audience: number;
                                recipients: number;
                                suppressed: number;
                            };
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The scheduled send has started, been sent, cancelled or failed: it can no longer be changed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/scheduled-sends/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a scheduled send that has not started */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @description kept with the cancelled send */
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description The cancelled send */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScheduledSend"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The scheduled send has started, been sent, cancelled or failed: it can no longer be changed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each model's distribution (count and share): as stored; a past day from its daily snapshot (only customers who existed then, placed on what was known then); today or later evaluated without storing anything */
        get: {
            parameters: {
                query?: {
                    /** @description As of the end of this day in the workspace time zone */
                    asOf?: string;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The distribution per model */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SegmentDistribution"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/segments/saved": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Saved segments (分群), by name */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default") */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Saved segments */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SavedSegment"][];
                    };
                };
            };
        };
        put?: never;
        /** Save a filter under a name (names are checked now; replace: true overwrites one of that name) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default") */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        filter: components["schemas"]["AudienceFilter"];
                        name: string;
                        replace?: boolean;
                    };
                };
            };
            responses: {
                /** @description The saved segment */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SavedSegment"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/segments/saved/{ref}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One saved segment with its current count (only the caller's customers) */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default") */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description Segment name or id */
                    ref: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The segment */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SavedSegment"] & {
                            count: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Change a saved segment's filter or description */
        put: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default") */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description Segment name or id */
                    ref: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        filter: components["schemas"]["AudienceFilter"];
                    };
                };
            };
            responses: {
                /** @description The segment */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SavedSegment"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Delete a saved segment (refused while another segment uses it) */
        delete: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default") */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description Segment name or id */
                    ref: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The deleted segment */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SavedSegment"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/webhook-targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Internal targets rule webhooks may post to (by default only the public internet) */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The allowed internal targets */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookTargets"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Allow internal targets for rule webhooks (loopback, private and link-local addresses are refused otherwise; admin only) */
        put: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebhookTargets"];
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookTargets"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shop/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent webhook and file deliveries with their outcome */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    source?: string;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description 0 for unsigned requests refused, counted per minute */
                            deliveryId: number;
                            error: string | null;
                            events: string[];
                            orderId: string | null;
                            outcome: string;
                            receivedAt: string;
                            /** @description How many requests the entry stands for (refusals are counted per minute) */
                            requests: number;
                            source: string;
                        }[];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shop/sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Shops that send order webhooks */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Sources */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ShopSource"][];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Register a shop; its signing secret is returned this once */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        secret?: string;
                        /** @example youzan */
                        source: string;
                    };
                };
            };
            responses: {
                /** @description The source with its secret */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ShopSource"] & {
                            secret: string;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Already registered */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shop/sources/{source}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Disable or enable a shop source (a disabled source's webhooks are refused) */
        patch: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    source: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        disabled: boolean;
                    };
                };
            };
            responses: {
                /** @description The source */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ShopSource"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/shop/sources/{source}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace a shop's signing secret (returned this once) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    source: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description New secret */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            secret: string;
                            source: string;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sops": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SOPs (标准作业流程): per-stage playbooks of timed steps */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every SOP */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Sop"][];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create an SOP from its definition (the same JSON as an SOP file) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SopDefinition"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Sop"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sops/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One SOP with its definition */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description SOP id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The SOP */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Sop"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Replace the definition (a new version). Steps keep their identity by key: editing content never re-sends; a removed step is cancelled */
        put: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description SOP id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SopDefinition"];
                };
            };
            responses: {
                /** @description The new version */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Sop"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Delete an SOP: its scheduled steps are cancelled, tasks already made stay */
        delete: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description SOP id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cancelled: number;
                            name: string;
                            sopId: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sops/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What an SOP has done: per-step counts by status and the latest deliveries */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    status?: "scheduled" | "due" | "suppressed" | "cancelled";
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description SOP id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deliveries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SopDeliveries"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sops/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Switch an SOP off: open stays end, scheduled steps are cancelled */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description SOP id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Disabled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cancelled: number;
                            enrollment: {
                                alreadyIn: number;
                                delivered: {
                                    created: number;
                                    deferred: number;
                                    duplicates: number;
                                    suppressed: number;
                                };
                                enrolled: number;
                                scheduled: number;
                                skipped?: string;
                            } | null;
                            sop: components["schemas"]["Sop"];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sops/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Switch an SOP on for customers entering its stage; enrollCurrent also enrolls those in the stage now */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    /** @description SOP id or name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        enrollCurrent?: boolean;
                    };
                };
            };
            responses: {
                /** @description Enabled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cancelled: number;
                            enrollment: {
                                alreadyIn: number;
                                delivered: {
                                    created: number;
                                    deferred: number;
                                    duplicates: number;
                                    suppressed: number;
                                };
                                enrolled: number;
                                scheduled: number;
                                skipped?: string;
                            } | null;
                            sop: components["schemas"]["Sop"];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sops/dry-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What an SOP would do for the customers in its stage now: deliveries per step, policy suppressions and why, samples. No side effects */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description an SOP definition (not stored) */
                        definition?: unknown;
                        samples?: number;
                        /** @description a stored SOP (id or name) */
                        sop?: string | number;
                    };
                };
            };
            responses: {
                /** @description The dry run */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SopDryRun"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The staff members the workspace knows (WeCom staff, customers' owners and follow users, accounts' staff ids) with their names, for pickers */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Known staff, by staff id */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                customers: number;
                                login: string | null;
                                name: string | null;
                                staffId: string;
                            }[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The task is no longer pending */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tag taxonomy: categories → groups → tags, with aliases and how many customers hold each tag */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tree */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TagTree"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A system group or category, maintained by the segmentation models */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or the category is not empty */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a tag in a group */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description group name or id
                         * @example 会员等级
                         */
                        group: string | number;
                        /** @example 金卡 */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tag"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A system group or category, maintained by the segmentation models */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or the category is not empty */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a tag, taking it off its customers (audited) */
        delete: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description customers who lost a tag they held */
                            customers: number;
                            tag: string;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A system group or category, maintained by the segmentation models */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or the category is not empty */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a tag */
        patch: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example 黑金卡 */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Renamed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tag"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A system group or category, maintained by the segmentation models */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or the category is not empty */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/tags/{id}/aliases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give a tag another name in its group ("客户已下单" → "客户首单") */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example 客户已下单 */
                        alias: string;
                    };
                };
            };
            responses: {
                /** @description Added */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alias: string;
                            tag: string;
                            tagId: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A system group or category, maintained by the segmentation models */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or the category is not empty */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/{id}/aliases/{alias}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove an alias of a tag */
        delete: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    alias: string;
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alias: string;
                            tag: string;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A system group or category, maintained by the segmentation models */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or the category is not empty */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put one tag on many customers at once (by ids or by an audience filter), within the caller's scope, in one transaction */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        customerIds?: number[];
                        filter?: components["schemas"]["AudienceFilter"];
                        reason?: string;
                        /**
                         * @description "group/tag" (an alias works too) or the tag id
                         * @example 会员等级/金卡
                         */
                        tag: string | number;
                    };
                };
            };
            responses: {
                /** @description What happened to each customer */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            added: number;
                            matched: number;
                            /** @description ids that do not exist or are outside the caller's scope (nothing was done to them) */
                            refused: number[];
                            replaced: number;
                            tag: string;
                            tagId: number;
                            unchanged: number;
                            updated: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A system group or category, maintained by the segmentation models */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or the category is not empty */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a tag category */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example 客户属性 */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TagCategory"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A system group or category, maintained by the segmentation models */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or the category is not empty */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/categories/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a tag category (with force=true also its groups and tags) */
        delete: {
            parameters: {
                query?: {
                    force?: "true" | "false";
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            category: string;
                            /** @description customers who lost a tag they held */
                            customers: number;
                            groups: number;
                            tags: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A system group or category, maintained by the segmentation models */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or the category is not empty */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a tag category */
        patch: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example 客户画像 */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Renamed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TagCategory"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A system group or category, maintained by the segmentation models */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or the category is not empty */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/tags/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a tag group, single-choice (exclusive) or multi-choice */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description category name or id */
                        category: string | number;
                        exclusive?: boolean;
                        /** @example 会员等级 */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TagGroup"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A system group or category, maintained by the segmentation models */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or the category is not empty */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a tag group with its tags, taking them off customers */
        delete: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description customers who lost a tag they held */
                            customers: number;
                            group: string;
                            tags: number;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A system group or category, maintained by the segmentation models */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or the category is not empty */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a tag group */
        patch: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example 会员 */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Renamed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TagGroup"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A system group or category, maintained by the segmentation models */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or the category is not empty */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/tags/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Merge a tag into another: its customers move, its name becomes an alias */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description "group/tag" (an alias works too) or the tag id
                         * @example 会员等级/金卡
                         */
                        from: string | number;
                        /**
                         * @description "group/tag" (an alias works too) or the tag id
                         * @example 会员等级/金卡
                         */
                        into: string | number;
                    };
                };
            };
            responses: {
                /** @description Merged */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alias: string | null;
                            aliasesMoved: number;
                            aliasNote?: string;
                            alreadyHeld: number;
                            from: string;
                            into: string;
                            moved: number;
                            skipped: {
                                customerId: number;
                                holds: string;
                            }[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A system group or category, maintained by the segmentation models */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The name is taken, or the category is not empty */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tasks by due time (keyset pages), only those the caller may see */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    customer?: number;
                    /** @description today: due today; overdue: pending and due before today; open: pending and due by the end of today */
                    due?: "today" | "overdue" | "open";
                    /** @description what made the task: an SOP step, a rule, a mass message, a care reminder or a hand-made task */
                    kind?: "sop_step" | "rule" | "mass_message" | "care" | "manual";
                    limit?: number;
                    massMessage?: number;
                    /** @description who asked for the task: an SOP, a rule, a mass message, a staff member, the API, or service (a customer message left unanswered) */
                    source?: "sop" | "rule" | "mass_message" | "staff" | "api" | "service";
                    staff?: string;
                    status?: "pending" | "sent" | "skipped" | "failed" | "suppressed" | "cancelled";
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of tasks */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Task"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The task is no longer pending */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One task with every status change (who, when, note) */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The task */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"] & {
                            history: {
                                actor: {
                                    id: string | null;
                                    kind: string;
                                };
                                at: string;
                                from: string | null;
                                note: string | null;
                                to: string;
                            }[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The task is no longer pending */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Record what became of a pending task: sent, skipped or failed */
        patch: {
            parameters: {
                query?: {
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                        /** @enum {string} */
                        status: "sent" | "skipped" | "failed";
                    };
                };
            };
            responses: {
                /** @description The task after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"] & {
                            history: {
                                actor: {
                                    id: string | null;
                                    kind: string;
                                };
                                at: string;
                                from: string | null;
                                note: string | null;
                                to: string;
                            }[];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The task is no longer pending */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/tasks/send-to-wecom": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** One-click delivery: pending private-chat tasks due today (SOP steps, rules, care, follow-ups) go to WeCom as add_msg_template, one per staff member and text, so a morning's steps are one confirmation. Staff send their own. Results come back into the tasks as WeCom reports them */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @description admins and operators: only this staff member's tasks */
                        staffId?: string;
                        /** @description only these tasks */
                        taskIds?: number[];
                    };
                };
            };
            responses: {
                /** @description What went to WeCom */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskSendReport"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom is not configured */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Execution per staff member over a window of due times (default the last 7 days), and suppressions by reason */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    staff?: string;
                    to?: string;
                    /** @description Workspace id (public paths only) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Per-staff counts and execution rate */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            from: string;
                            staff: {
                                cancelled: number;
                                /** @description sent / (sent + skipped + failed + overdue pending); null when nothing was due */
                                executionRate: number | null;
                                failed: number;
                                overdue: number;
                                pending: number;
                                sent: number;
                                skipped: number;
                                staffId: string | null;
                                staffName: string | null;
                                suppressed: number;
                                tasks: number;
                            }[];
                            suppressed: {
                                code: string;
                                count: number;
                                reason: string;
                            }[];
                            to: string;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The task is no longer pending */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API tokens (never the token itself: its prefix, scopes and last use) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Tokens */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiToken"][];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The login is taken, or the change would leave no admin */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create an API token; the token is returned this once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        expiresAt?: string;
                        /** @example shop-sync */
                        name: string;
                        /**
                         * @description resource:read / resource:write (resource = the path segment after /api/v1/, e.g. events:write, customers:read), phones:read, or admin
                         * @example [
                         *       "events:write"
                         *     ]
                         */
                        scopes: string[];
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apiToken: components["schemas"]["ApiToken"];
                            /** @description send as "Authorization: Bearer <token>"; shown only now */
                            token: string;
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The login is taken, or the change would leave no admin */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API token (at once: its next request is refused) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiToken"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The login is taken, or the change would leave no admin */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Staff accounts of the workspace */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Users */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"][];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The login is taken, or the change would leave no admin */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a staff account; without a password a one-time one is returned (this once) and must be changed at first sign-in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example zhangsan */
                        login: string;
                        name?: string;
                        password?: string;
                        /** @enum {string} */
                        role: "admin" | "operator" | "staff";
                        /** @description default: admins and operators yes, staff no */
                        seesPhones?: boolean;
                        /** @description required for role staff: their WeCom userid */
                        staffId?: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            oneTimePassword: string | null;
                            user: components["schemas"]["User"];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The login is taken, or the change would leave no admin */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{user}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One staff account */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description login or user id */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The user */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The login is taken, or the change would leave no admin */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Disable a staff account (kept for the audit trail; sessions end) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description login or user id */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Disabled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The login is taken, or the change would leave no admin */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change name, role, staff id, phone visibility or disable/enable (sessions end when powers change) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description login or user id */
                    user: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        disabled?: boolean;
                        name?: string;
                        /** @enum {string} */
                        role?: "admin" | "operator" | "staff";
                        seesPhones?: boolean;
                        staffId?: string | null;
                    };
                };
            };
            responses: {
                /** @description The user after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The login is taken, or the change would leave no admin */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/users/{user}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reset a password: a one-time password is returned (this once), to be changed at sign-in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description login or user id */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Reset */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            oneTimePassword: string;
                            user: components["schemas"]["User"];
                        };
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The login is taken, or the change would leave no admin */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{user}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift a sign-in lockout */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description login or user id */
                    user: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Unlocked */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The login is taken, or the change would leave no admin */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/orders/{source}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive an order status update from a shop (signed)
         * @description Authenticated by signature, not by login: `x-siyu-timestamp` is the unix time in seconds and `x-siyu-signature` is `sha256=` + hex HMAC-SHA256 of `<timestamp>.<raw body>` with the source's secret. Updates of the same order are idempotent and may arrive in any order: a refund before its payment, the same status twice, an older refund after a newer one.
         */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header: {
                    "x-siyu-signature": string;
                    "x-siyu-timestamp": string;
                };
                path: {
                    source: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ShopOrderUpdate"];
                };
            };
            responses: {
                /** @description What the update changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ShopOrderOutcome"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing, stale or wrong signature */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body larger than 1048576 bytes */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many refused webhooks from this sender this minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/wecom/callback/{workspace}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** WeCom URL verification: answers the decrypted echostr */
        get: {
            parameters: {
                query?: {
                    echostr?: string;
                    msg_signature?: string;
                    nonce?: string;
                    timestamp?: string;
                };
                header?: never;
                path: {
                    workspace: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The decrypted echostr, as plain text */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Bad ciphertext, padding, corp id or XML (details.wecomCode: -40002…-40010) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Signature mismatch, or a timestamp more than 300 s from the server clock (details.wecomCode -40001) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom is not configured for this workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many refused callbacks from this sender this minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * WeCom event callback (encrypted XML): stored, then processed
         * @description Verified (signature in constant time), decrypted, checked against the corp id, stored in the durable inbox (retries de-duplicated) and answered with "success" at once; a worker fetches the details and applies them.
         */
        post: {
            parameters: {
                query?: {
                    echostr?: string;
                    msg_signature?: string;
                    nonce?: string;
                    timestamp?: string;
                };
                header?: never;
                path: {
                    workspace: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "text/xml": string;
                };
            };
            responses: {
                /** @description "success" */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Bad ciphertext, padding, corp id or XML (details.wecomCode: -40002…-40010) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Signature mismatch, or a timestamp more than 300 s from the server clock (details.wecomCode -40001) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom is not configured for this workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many refused callbacks from this sender this minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/wecom/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The WeCom configuration, secrets masked */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Configuration */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WecomConfig"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Set corp id, callback token, EncodingAESKey, secret and API base (sealed at rest) */
        put: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WecomConfigInput"];
                };
            };
            responses: {
                /** @description Saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WecomConfig"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/wecom/contact-ways": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Channel codes made through Siyu */
        get: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Channel codes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WecomReport"][];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** A 「联系我」 channel QR code for a staff member (state = channel) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        channel: string;
                        remark?: string;
                        staffId: string;
                    };
                };
            };
            responses: {
                /** @description Created (or the existing one) */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WecomReport"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/wecom/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent callbacks (with their processing result) and refused callbacks */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Inbox */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WecomReport"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/wecom/reconcile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Compare WeCom's contacts and tags with Siyu's and repair drift (missed callbacks) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What was repaired */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WecomReport"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom refused or did not answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/wecom/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Full sync: tags both ways, every contact of every follow user, customer groups, pending tag pushes */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What the sync did */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WecomReport"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description WeCom refused or did not answer */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/wecom/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hand a staff member's customers to another (离职继承 when resigned, else 在职继承) */
        post: {
            parameters: {
                query?: {
                    /** @description Workspace id (default "default"; must be the caller's own) */
                    workspace?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        externalUserIds?: string[];
                        from: string;
                        /** @default true */
                        resigned?: boolean;
                        to: string;
                    };
                };
            };
            responses: {
                /** @description Transfers started */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WecomReport"];
                    };
                };
                /** @description Bad request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Validation failed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and store check */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Healthy */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                            /** @enum {string} */
                            store: "embedded" | "server";
                        };
                    };
                };
                /** @description The store cannot be reached at the moment (code store_unavailable); the server keeps running and reconnects by itself */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AcquisitionBoard: {
            attributionDays: number;
            byChannel: (components["schemas"]["AcquisitionTotals"] & {
                /** @description 0–1; null when nothing could be measured */
                change: number | null;
                channel: string;
                name: string | null;
                previousNewFollowers: number;
                retention: components["schemas"]["Retention"];
            })[];
            byStaff: {
                name: string | null;
                net: number;
                newFollowers: number;
                removals: number;
                staffId: string;
            }[];
            campaigns: {
                campaign: string;
                /** @description joins + new followers + 3 × orders */
                heat: number;
                joins: number;
                newFollowers: number;
                orders: number;
                rank: number;
                revenueFen: number;
            }[];
            /** @description relative change against the previous period (环比); null when the previous period had none */
            change: {
                /** @description 0–1; null when nothing could be measured */
                firstOrders: number | null;
                /** @description 0–1; null when nothing could be measured */
                net: number | null;
                /** @description 0–1; null when nothing could be measured */
                newFollowers: number | null;
                /** @description 0–1; null when nothing could be measured */
                removals: number | null;
                /** @description 0–1; null when nothing could be measured */
                revenueFen: number | null;
            };
            daily: {
                day: string;
                net: number;
                newFollowers: number;
                removals: number;
            }[];
            dailyByChannel: {
                channel: string;
                day: string;
                newFollowers: number;
            }[];
            from: string;
            previous: {
                from: string;
                to: string;
            };
            previousTotals: components["schemas"]["AcquisitionTotals"];
            /** @description who removed whom: the customer deleted us, or staff deleted the customer */
            removedBy: {
                customer: number;
                staff: number;
                unknown: number;
            };
            retention: components["schemas"]["Retention"];
            to: string;
            totals: components["schemas"]["AcquisitionTotals"];
        };
        AcquisitionCost: {
            fixedFen: number;
            from: string;
            /** @description the channel (活码 state) or campaign id */
            key: string;
            /** @enum {string} */
            kind: "channel" | "campaign";
            note: string | null;
            to: string;
            trafficFen: number;
            updatedAt: string;
            updatedBy: string | null;
        };
        AcquisitionTotals: {
            /** @description 0–1; null when nothing could be measured */
            conversionRate: number | null;
            /** @description new customers whose first paid order came within the attribution window after adding */
            firstOrders: number;
            net: number;
            /** @description customers behind them (one customer adding two staff members counts once) */
            newCustomers: number;
            /** @description contact.added events in the range */
            newFollowers: number;
            /** @description contact.removed events (删人, either side) */
            removals: number;
            /** @description net paid by the new customers within the attribution window after adding, fen */
            revenueFen: number;
        };
        ApiToken: {
            createdAt: string;
            createdBy: string | null;
            expiresAt: string | null;
            lastUsedAt: string | null;
            name: string;
            /** @description the first characters, to tell tokens apart */
            prefix: string;
            revokedAt: string | null;
            scopes: string[];
            tokenId: number;
        };
        /** @description AND / OR / NOT tree of conditions; see GET /api/v1/audiences/fields for every field, its operators and values. At most 500 conditions, 10 levels and 20000 listed values. */
        AudienceFilter: {
            and: components["schemas"]["AudienceFilter"][];
        } | {
            or: components["schemas"]["AudienceFilter"][];
        } | {
            not: components["schemas"]["AudienceFilter"];
        } | {
            /** @enum {string} */
            field: "gender";
            /** @enum {string} */
            op: "in" | "notIn";
            values: ("male" | "female" | "unknown")[];
        } | {
            /** @enum {string} */
            field: "tag";
            /** @enum {string} */
            op: "has" | "lacks";
            tag: string | number;
        } | {
            /** @enum {string} */
            field: "tagGroup";
            group: string | number;
            /** @enum {string} */
            op: "hasAny" | "hasNone";
        } | {
            /** @enum {string} */
            field: "stage";
            journey: string | number;
            /** @enum {string} */
            op?: "is" | "isNot";
            stage?: string | number;
        } | {
            /** @enum {string} */
            field: "trustLevel";
            /** @enum {string} */
            op: "eq" | "ne" | "gt" | "gte" | "lt" | "lte";
            value: number;
        } | {
            /** @enum {string} */
            field: "lifecycle";
            /** @enum {string} */
            op: "in" | "notIn";
            /** @enum {string} */
            path: "ecommerce" | "sales";
            values: string[];
        } | {
            /** @enum {string} */
            field: "rfmSegment" | "valueTier";
            /** @enum {string} */
            op: "in" | "notIn";
            values: string[];
        } | {
            /** @enum {string} */
            field: "engagement";
            /** @enum {string} */
            op: "gt" | "gte" | "lt" | "lte";
            value: number;
        } | {
            /** @enum {string} */
            field: "pAlive" | "clv";
            /** @enum {string} */
            op: "gt" | "gte" | "lt" | "lte";
            value: number;
        } | {
            /** @enum {string} */
            field: "paidOrders" | "chatRounds" | "customerConversations" | "messagesReceived" | "messagesSent" | "momentsInteractions" | "groupInteractions" | "contentViews" | "contentShares" | "formsSubmitted" | "campaignsJoined" | "couponsIssued" | "couponsRedeemed" | "complaints" | "referrals" | "intentHits";
            /** @enum {string} */
            op: "eq" | "ne" | "gt" | "gte" | "lt" | "lte";
            value: number;
        } | {
            /** @enum {string} */
            field: "paidAmount" | "refundedAmount";
            /** @enum {string} */
            op: "eq" | "ne" | "gt" | "gte" | "lt" | "lte";
            value: number | string;
        } | {
            /** @enum {string} */
            field: "addedAt" | "lastInteractionAt" | "lastPaidAt" | "firstPaidAt" | "lastPrivateChatAt" | "lastSeenAt";
            /** @enum {string} */
            op: "withinDays" | "beforeDays" | "after" | "before" | "exists" | "missing";
            value?: number | string;
        } | {
            /** @enum {string} */
            field: "ownerStaff" | "channel" | "follower";
            /** @enum {string} */
            op: "in" | "notIn";
            values: string[];
        } | {
            /** @enum {string} */
            field: "province" | "city";
            /** @enum {string} */
            op: "in" | "notIn";
            values: string[];
        } | {
            /** @enum {string} */
            field: "ageBand";
            /** @enum {string} */
            op: "in" | "notIn";
            values: ("under_18" | "18_24" | "25_34" | "35_44" | "45_54" | "55_64" | "65_plus")[];
        } | {
            /** @enum {string} */
            field: "birthday";
            /** @enum {string} */
            op: "upcomingDays" | "exists" | "missing";
            value?: number;
        } | {
            /** @enum {string} */
            field: "custom";
            key: string;
            /** @enum {string} */
            op: "in" | "notIn" | "eq" | "gt" | "gte" | "lt" | "lte" | "exists" | "missing";
            value?: number | string;
            values?: string[];
        } | {
            /** @enum {string} */
            field: "wecomFriend";
            value: boolean;
        } | {
            /** @enum {string} */
            field: "search";
            value: string;
        } | {
            /** @enum {string} */
            field: "segment";
            /** @enum {string} */
            op?: "in" | "notIn";
            segment: string | number;
        } | {
            /** @enum {string} */
            field: "customerId";
            /** @enum {string} */
            op: "in" | "notIn";
            values: number[];
        };
        AutomationRule: {
            createdAt: string;
            definition: components["schemas"]["Rule"];
            enabled: boolean;
            name: string;
            ruleId: number;
            updatedAt: string;
            version: number;
        };
        CalendarDay: {
            date: string;
            holidays: components["schemas"]["Holiday"][];
            /** @description other planned work (e.g. Moments posts) from the domains that plan it */
            items: {
                at: string;
                id: string;
                kind: string;
                status: string;
                title: string;
            }[];
            scheduledSends: components["schemas"]["ScheduledSend"][];
            sopSteps: {
                delivered: number;
                scheduled: number;
                sop: string;
                sopId: number;
                suppressed: number;
            }[];
            tasks: {
                byKind: {
                    [key: string]: number;
                };
                done: number;
                pending: number;
                suppressed: number;
            };
            touches: {
                /** @description customers the rule would reach that day (in the caller's scope) */
                customers: number;
                enabled: boolean;
                /** @enum {string} */
                kind: "holiday" | "date" | "recurring";
                label: {
                    en: string;
                    zh: string;
                };
                occurrence: string;
                on: string;
                rule: string;
                ruleId: number;
            }[];
        };
        ChurnEntry: {
            addedAt: string | null;
            /** @description customer (they deleted us) or staff (we deleted them) */
            by: string | null;
            channel: string | null;
            customerId: number;
            lastStaffMessageAt: string | null;
            /** @description the last event before the removal */
            lastTouch: {
                at: string;
                staffId: string | null;
                type: string;
            } | null;
            name: string | null;
            note: string | null;
            owner: string | null;
            reason: string | null;
            recordedBy: string | null;
            removedAt: string;
            staffId: string | null;
            /** @description whole days a friend before the removal */
            tenureDays: number | null;
        };
        ChurnReport: {
            byCustomer: number;
            byStaff: number;
            from: string;
            items: components["schemas"]["ChurnEntry"][];
            medianTenureDays: number | null;
            /** @description the workspace's reasons */
            options: string[];
            reasons: {
                reason: string;
                removals: number;
                share: number;
                shareOfRecorded: number | null;
            }[];
            removals: number;
            to: string;
        };
        ClvDistribution: {
            /** @description CLV bands, yuan, [from, to) */
            clv: {
                customers: number;
                from: number;
                to: number | null;
            }[];
            customers: number;
            fit: components["schemas"]["ClvFit"] & (Record<string, never> | null);
            meanPAlive: number | null;
            pAlive: {
                customers: number;
                from: number;
                to: number;
            }[];
            totalClv: number;
        };
        ClvFit: {
            /** @description BG/NBD (repeat purchases, P(alive)); null when no customer had a paid order */
            bgnbd: {
                a: number;
                alpha: number;
                b: number;
                logLikelihood: number;
                r: number;
            } | null;
            /** @example 2026-11-30 */
            calibrationEnd: string;
            /** @description customers fitted (null for staff: a workspace-wide figure) */
            customers: number | null;
            fitId: number;
            fittedAt: string;
            /** @description Gamma-Gamma (spend per transaction); null without a repeat customer who spent */
            gammaGamma: {
                logLikelihood: number;
                p: number;
                q: number;
                /** @description yuan */
                v: number;
            } | null;
            /** @description the stored predictions' horizon, in the fit's unit */
            horizon: number;
            monthlyDiscount: number;
            repeatCustomers: number | null;
            /** @description the recompute run that made this fit */
            runId: number | null;
            seconds: number;
            /** @enum {string} */
            unit: "day" | "week";
        };
        ClvPredictionPage: {
            items: {
                clv: number;
                customerId: number;
                expectedPurchases: number;
                expectedSpend: number;
                name: string | null;
                pAlive: number;
                x: number;
            }[];
            total: number;
        };
        ComplaintsBoard: {
            byReason: {
                count: number;
                previous: number;
                /** @description as filed; empty when none was given */
                reason: string;
            }[];
            byStaff: {
                count: number;
                name: string | null;
                previous: number;
                reasons: {
                    count: number;
                    reason: string;
                }[];
                staffId: string | null;
            }[];
            from: string;
            previous: {
                from: string;
                to: string;
            };
            to: string;
            total: {
                /** @description relative change (环比); null from zero */
                change: number | null;
                current: number;
                delta: number;
                previous: number;
            };
        };
        ContentBoard: {
            byStaff: {
                contents: number;
                name: string | null;
                /** @description the staff member the read came through (the event's staffId) */
                staffId: string | null;
                viewers: number;
                views: number;
            }[];
            from: string;
            items: {
                /** @description readers who paid within the window after their first read in the range */
                buyers: number;
                contentId: string;
                conversion: number;
                previousViews: number;
                rank: number;
                /** @description their orders in the window, fen, net of refunds */
                revenueFen: number;
                shares: number;
                title: string | null;
                type: string | null;
                viewers: number;
                views: number;
            }[];
            previous: {
                from: string;
                to: string;
            };
            to: string;
            views: {
                /** @description relative change (环比); null from zero */
                change: number | null;
                current: number;
                delta: number;
                previous: number;
            };
            visitors: {
                contents: number;
                customerId: number;
                name: string | null;
                shares: number;
                views: number;
            }[];
            windowDays: number;
        };
        ContentItem: {
            contentId: string;
            productIds: string[];
            /**
             * @description event: first seen in an event; operator: kept in the list
             * @enum {string}
             */
            source: "event" | "operator";
            title: string | null;
            /** @enum {string} */
            type: "article" | "video" | "poster" | "mini_program" | "live" | "other";
            updatedAt: string;
        };
        Coupon: {
            active: boolean;
            couponId: string;
            issued: number;
            minSpend: string;
            name: string;
            redeemed: number;
            /** @description a reminder task this many days before it lapses (10:00 local); null: none */
            remindDays: number | null;
            /** @description valid this many days, the day of issue counted */
            validDays: number;
            /** @description yuan */
            value: string;
        };
        CouponIssue: {
            couponId: string;
            couponName: string;
            customerId: number;
            expiresAt: string;
            issuedAt: string;
            issueId: string;
            orderId: string | null;
            redeemedAt: string | null;
            reminderTaskId: number | null;
            source: {
                id: string;
                /** @enum {string} */
                type: "task" | "sop" | "rule" | "staff" | "api";
            };
            staffId: string | null;
            /** @enum {string} */
            status: "issued" | "redeemed" | "expired";
            value: string;
        };
        Customer: {
            addedAt: string | null;
            aggregates: {
                [key: string]: unknown;
            };
            campaign: string | null;
            channel: string | null;
            contactRemoved: boolean;
            createdAt: string;
            customerId: number;
            followers: {
                addedAt: string | null;
                removedAt: string | null;
                staffId: string;
            }[];
            gender: string | null;
            identities: {
                /** @enum {string} */
                kind: "external_user_id" | "union_id" | "phone" | "buyer_id";
                value: string;
            }[];
            /** @description Trust level, lifecycle stages, RFM, value tier and engagement, each with its evidence and guidance; null until the models first placed the customer */
            models: components["schemas"]["CustomerModels"] | null;
            name: string | null;
            ownerStaff: string | null;
            tags: {
                category: string;
                expiresAt: string | null;
                group: string;
                reason: string | null;
                source: string;
                sourceId: string | null;
                tag: string;
                taggedAt: string;
                tagId: number;
            }[];
            /** @description false: known only from a shop or an import, not yet a WeCom friend */
            wecomFriend: boolean;
        };
        CustomerClv: {
            calibrationEnd: string;
            /** @description predicted value over the horizon, discounted monthly, yuan */
            clv: number;
            /** @description expected transactions over the horizon */
            expectedPurchases: number;
            /** @description expected spend per transaction, yuan */
            expectedSpend: number;
            horizon: number;
            horizonMonths: number;
            /** @description mean spend of the repeat transactions, yuan */
            meanSpend: number;
            monthlyDiscount: number;
            /** @description probability the customer is still buying, 0–1 */
            pAlive: number;
            /** @description time from the first transaction to the calibration end, in the unit */
            T: number;
            /** @description time from the first to the last transaction, in the unit */
            tx: number;
            /** @enum {string} */
            unit: "day" | "week";
            /** @description repeat transactions (order days after the first) up to the calibration end */
            x: number;
        } | null;
        CustomerListItem: {
            addedAt: string | null;
            channel: string | null;
            customerId: number;
            /** @description Engagement score, decayed to now */
            engagement: number;
            lifecycle: {
                ecommerce: string | null;
                sales: string | null;
            };
            name: string | null;
            ownerStaff: string | null;
            /** @description Yuan */
            paidAmount: string;
            paidOrders: number;
            /** @description First phone, masked (138****8000) unless the caller may see phones */
            phone: string | null;
            rfmSegment: string | null;
            tags: string[];
            trustLevel: number | null;
            valueTier: string | null;
        };
        CustomerModels: {
            /** @description when these placements were computed for */
            asOf: string;
            /** @description engagement score: points per behaviour, decayed by the half-life */
            engagement: number;
            /** @description the latest 50 changes, newest first */
            history: {
                at: string;
                /** @description event, recompute, pin, config or merge */
                cause: string;
                from: string | null;
                model: string;
                to: string | null;
            }[];
            lifecycle: {
                ecommerce: {
                    guidance: components["schemas"]["GuidanceZhEn"] | null;
                    value: string | null;
                };
                sales: {
                    guidance: components["schemas"]["GuidanceZhEn"] | null;
                    value: string | null;
                };
            };
            /** @description null when the customer has no paid order */
            rfm: {
                /** @description paid orders not fully refunded */
                f: number;
                guidance: components["schemas"]["GuidanceZhEn"];
                /**
                 * @description paid amount net of refunds, yuan
                 * @example 420.00
                 */
                m: string;
                /** @description whole days since the last paid order */
                r: number;
                /** @description 1–5 quintile scores when the workspace scores RFM by quintile, else null */
                scores?: unknown;
                segment: string;
            } | null;
            trust: {
                computed: number;
                evidence: components["schemas"]["Evidence"][];
                guidance: components["schemas"]["GuidanceZhEn"];
                /** @description the level in force: the pinned one if pinned, else the computed one */
                level: number;
                /** @example 认同我的人 */
                name: string;
                pinned: number | null;
            };
            valueTier: {
                /** @enum {string} */
                computed: "普通" | "一般价值" | "中等价值" | "高价值" | "核心";
                evidence: components["schemas"]["Evidence"][];
                guidance: components["schemas"]["GuidanceZhEn"];
                /** @enum {string|null} */
                pinned: "普通" | "一般价值" | "中等价值" | "高价值" | "核心" | null;
                /** @enum {string} */
                tier: "普通" | "一般价值" | "中等价值" | "高价值" | "核心";
            };
        };
        CustomerPage: {
            items: components["schemas"]["CustomerListItem"][];
            nextCursor: string | null;
            total?: number;
        };
        CustomerRecord: {
            /** @enum {string|null} */
            ageBand: "under_18" | "18_24" | "25_34" | "35_44" | "45_54" | "55_64" | "65_plus" | null;
            /** @description the band is worked out from the birthday, not set */
            ageBandFromBirthday: boolean;
            /** @description YYYY-MM-DD */
            birthday: string | null;
            city: string | null;
            /** @description custom field values by key: text, number, date YYYY-MM-DD, single choice, multi choice (list) */
            custom: {
                [key: string]: string | number | string[];
            };
            customerId: number;
            /** @description WeCom description (≤150 characters) */
            description: string | null;
            province: string | null;
            /** @description 备注 of the owning staff member in WeCom (≤20 characters) */
            remark: string | null;
            remarkSync: {
                /** @description WeCom refused the last write (no relationship, outside the visible range …) */
                error: string | null;
                /** @description edited in Siyu, not yet written to WeCom */
                pending: boolean;
                syncedAt: string | null;
            };
        };
        CustomerSort: {
            /** @enum {string} */
            by: "addedAt" | "lastInteractionAt" | "paidAmount" | "trustLevel" | "engagement" | "name" | "customerId";
            /** @enum {string} */
            dir: "asc" | "desc";
        };
        CustomerTrend: {
            buckets: {
                /** @description the day, the week's Monday or the month (YYYY-MM) */
                bucket: string;
                counts: {
                    [key: string]: number;
                };
                /** @description the snapshot day standing for the bucket (its last) */
                day: string;
                total: number;
            }[];
            from: string;
            /** @enum {string} */
            interval: "day" | "week" | "month";
            model: string;
            to: string;
            /** @description the model's values present, in its order */
            values: string[];
        };
        CustomField: {
            key: string;
            label: string;
            options: string[];
            position: number;
            /** @enum {string} */
            type: "text" | "number" | "date" | "single" | "multi";
        };
        Error: {
            /** @example validation_failed */
            code: string;
            details?: unknown;
            message: string;
        };
        /** @description The event envelope (DESIGN §3); data depends on type */
        Event: {
            customer: {
                externalUserId?: string;
                name?: string;
                phone?: string;
                platformIds?: {
                    [key: string]: string;
                };
                unionId?: string;
            };
            /** @default {} */
            data: {
                [key: string]: unknown;
            };
            id: string;
            occurredAt: string;
            staffId?: string;
            /** @enum {string} */
            touchpoint?: "private_chat" | "group" | "moments" | "article" | "mini_program" | "shop" | "store" | "other";
            type: string;
        };
        EventPredicate: {
            /** @description the field is a list holding this value, or a text containing it */
            contains?: string | number | boolean;
            containsAny?: (string | number | boolean)[];
            eq?: string | number | boolean;
            exists?: boolean;
            /** @description path in the event data, e.g. "contentId", "items[].productId"; "$staffId" and "$touchpoint" read the envelope */
            field: string;
            gt?: number;
            gte?: number;
            in?: (string | number | boolean)[];
            lt?: number;
            lte?: number;
            /** @description a regular expression */
            matches?: string;
        } | {
            all: components["schemas"]["EventPredicate"][];
        } | {
            any: components["schemas"]["EventPredicate"][];
        } | {
            not: components["schemas"]["EventPredicate"];
        };
        Evidence: {
            at?: string;
            en: string;
            /** @description the events behind this reason */
            eventIds?: string[];
            zh: string;
        };
        FocusEntry: {
            action: {
                en: string;
                goalEn: string;
                goalZh: string;
                zh: string;
            };
            customerId: number;
            lastContactAt: string | null;
            name: string | null;
            rank: number;
            reason: {
                /** @enum {string} */
                code: "at_risk" | "super_user_care" | "ready_for_first_order";
                en: string;
                zh: string;
            };
            rfmSegment: string | null;
            score: number;
            trustLevel: number;
            urgency: number;
            value: number;
        };
        Followup: {
            createdAt: string;
            customerId: number;
            followupId: number;
            nextOn: string | null;
            note: string;
            staffId: string;
            task: {
                dueAt: string;
                status: string;
                taskId: number;
            } | null;
            /** @enum {string} */
            type: "call" | "visit" | "chat" | "other";
        };
        Funnel: {
            from: string;
            groups: {
                /** @description the channel, owner, segment or tier; null: none */
                key: string | null;
                steps: components["schemas"]["FunnelStepResult"][];
            }[];
            /** @enum {string|null} */
            split: "channel" | "staff" | "rfmSegment" | "valueTier" | null;
            steps: components["schemas"]["FunnelStepResult"][];
            to: string;
            windowHours: number;
        };
        FunnelAudience: {
            customers: number;
            name: string;
            segmentId: number;
        };
        FunnelQuery: {
            /**
             * @description entries (first-step events) from this day, workspace time zone
             * @example 2026-11-01
             */
            from: string;
            /** @description only customers of this saved segment (name or id) */
            segment?: string | number;
            /**
             * @description one funnel per channel, owner, RFM segment or value tier
             * @enum {string}
             */
            split?: "channel" | "staff" | "rfmSegment" | "valueTier";
            /** @description ordered steps; default browse → click → add to cart → purchase → share */
            steps?: components["schemas"]["FunnelStep"][];
            /**
             * @description up to and including this day
             * @example 2026-11-30
             */
            to: string;
            /** @description conversion window from the entry, hours (default 168) */
            windowHours?: number;
        };
        FunnelStep: {
            label?: string;
            /**
             * @description an event type (GET /api/v1/analytics/funnel/defaults lists the default steps)
             * @example content.viewed
             */
            type: string;
            /** @description the event data must contain these values (JSON containment: {"productId": "p1"}, {"productIds": ["p1"]}) */
            where?: {
                [key: string]: string | number | boolean | (string | number | boolean)[];
            };
        };
        FunnelStepResult: {
            /** @description of those at the step before, 0–1 */
            conversion: number;
            /** @description customers who reached the step */
            customers: number;
            label: string | null;
            /** @description median time from the step before */
            medianSeconds: number | null;
            /** @description of those who entered, 0–1 */
            overall: number;
            step: number;
            type: string;
        };
        GroupConversion: {
            chatId: string;
            invited: number;
            invitedJoined: number;
            joinedViaCode: number;
            memberOrders: {
                customers: number;
                paidFen: number;
                paidOrders: number;
            };
            members: number;
            name: string | null;
            otherOrders: {
                customers: number;
                paidFen: number;
                paidOrders: number;
            };
        };
        GroupDetail: components["schemas"]["GroupSummary"] & {
            daily: {
                day: string;
                joined: number;
                left: number;
            }[];
            memberCustomers: {
                customerId: number;
                joinedAt: string | null;
                name: string | null;
                state: string | null;
            }[];
        };
        GroupJoinWay: {
            chatIds: string[];
            configId: string;
            createdAt: string;
            /** @description group.joined events carrying this state */
            joined: number;
            qrCode: string | null;
            remark: string | null;
            state: string;
        };
        GroupMass: {
            createdAt: string;
            groupMassId: number;
            materialIds: number[];
            results: {
                chatId: string;
                error: string | null;
                name: string | null;
                sender: string;
                status: string;
            }[];
            selection?: unknown;
            text: string;
            title: string;
        };
        GroupSop: {
            definition?: unknown;
            enabled: boolean;
            enabledAt: string;
            groupSopId: number;
            name: string;
            sends: {
                groups: number;
                status: string;
                stepKey: string | null;
            }[];
        };
        GroupSummary: {
            chatId: string;
            createdAt: string | null;
            /** @description external members */
            customers: number;
            dismissed: boolean;
            joined30d: number;
            left30d: number;
            /** @description external members who are customers in the caller's scope */
            linked: number;
            members: number;
            name: string | null;
            owner: string | null;
            tags: string[];
        };
        Guidance: {
            actions: string[];
            avoid: string[];
            goal: string;
            label: string;
        };
        /** @description Goal, actions and what not to do, in Chinese and English */
        GuidanceZhEn: {
            en: components["schemas"]["Guidance"];
            zh: components["schemas"]["Guidance"];
        };
        Holiday: {
            date: string;
            /** @description set for a day the workspace added (to remove it); null for a built-in festival */
            holidayId: number | null;
            label: {
                en: string;
                zh: string;
            };
            name: string;
            /** @enum {string} */
            source: "builtin" | "workspace";
        };
        ImportRun: {
            error: string | null;
            file: string;
            finishedAt: string | null;
            importId: number;
            /** @enum {string} */
            kind: "customers" | "orders" | "events";
            rowsLanded: number;
            rowsRead: number;
            rowsRejected: number;
            rowsUnchanged: number;
            startedAt: string;
            /**
             * @description interrupted: the process running it stopped mid-way; committed batches are kept, importing the same file again completes it
             * @enum {string}
             */
            status: "running" | "done" | "failed" | "interrupted";
            workspaceId: string;
        };
        IngestResult: {
            accepted: {
                customerId: number;
                id: string;
                index: number;
            }[];
            duplicates: {
                id: string;
                index: number;
            }[];
            rejected: {
                id?: string;
                index: number;
                reason: string;
            }[];
        };
        Journey: {
            description: string | null;
            groupId: number;
            journeyId: number;
            labelEn?: string;
            name: string;
            ordered: boolean;
            stages: components["schemas"]["JourneyStage"][];
            templateKey: string | null;
        };
        JourneyDefinition: {
            description?: string;
            /** @example 门店到访 */
            name: string;
            /** @default true */
            ordered: boolean;
            stages: {
                entryFilter?: components["schemas"]["AudienceFilter"];
                name: string;
            }[];
        };
        JourneyStage: {
            entryFilter: components["schemas"]["AudienceFilter"];
            labelEn?: string;
            name: string;
            /** @example 购买频次/已购买 */
            path: string;
            position: number;
            /** @description the stage's tag id */
            stageId: number;
        };
        MassMessage: {
            audience?: unknown;
            /** @enum {string} */
            channel: "private_chat" | "moments" | "group";
            content: string;
            contentKey: string;
            counts?: unknown;
            createdAt: string;
            createdBy: {
                id: string | null;
                kind: string;
            };
            dueAt: string;
            massMessageId: number;
            /** @enum {string} */
            purpose: "marketing" | "service";
            title: string;
        };
        MassMessagePlan: {
            audience: number;
            contentKey: string;
            /** @description sent in quiet hours: the tasks are due at their end */
            deferred: boolean;
            dryRun: boolean;
            dueAt: string;
            excluded: {
                alreadyReceived: number;
                noStaff: number;
            };
            /** @description null for a dry run */
            massMessageId: number | null;
            perStaff: {
                recipients: number;
                staffId: string;
                staffName: string | null;
                taskId: number | null;
            }[];
            recipients: number;
            seconds: number;
            suppressed: {
                byReason: {
                    code: string;
                    count: number;
                    en: string;
                    samples: {
                        customerId: number;
                        /** @description masked, e.g. 王* */
                        name: string;
                    }[];
                    zh: string;
                }[];
                total: number;
            };
        };
        Material: {
            appid: string | null;
            contentId: string;
            cover: components["schemas"]["MaterialFile"];
            createdAt: string;
            createdBy: string | null;
            description: string | null;
            /** @description content.viewed / content.shared events whose data.contentId is the item's, workspace-wide */
            engagement: {
                shares: number;
                viewers: number;
                views: number;
            };
            file: components["schemas"]["MaterialFile"];
            /** @enum {string} */
            kind: "text" | "image" | "link" | "miniprogram" | "file";
            materialId: number;
            page: string | null;
            productIds: string[];
            tags: string[];
            text: string | null;
            title: string;
            updatedAt: string;
            url: string | null;
        };
        MaterialFile: {
            createdAt: string;
            fileId: number;
            filename: string;
            mime: string;
            sha256: string;
            sizeBytes: number;
        } | null;
        MaterialPreview: {
            customerId: number;
            customerName: string | null;
            description: string | null;
            materialId: number;
            staffId: string | null;
            text: string | null;
            title: string;
            unknownVariables: string[];
        };
        Me: {
            /** @enum {string} */
            kind: "user" | "token";
            mustChangePassword: boolean;
            name: string;
            /** @enum {string} */
            role: "admin" | "operator" | "staff";
            seesPhones: boolean;
            /** @description WeCom userid of a staff member */
            staffId: string | null;
            /**
             * @description the login (a token's name for API tokens)
             * @example admin
             */
            userId: string;
            workspaceId: string;
        };
        Merge: {
            because: {
                /** @enum {string} */
                kind: "external_user_id" | "union_id" | "phone" | "buyer_id";
                value: string;
            }[];
            mergedAt: string;
            mergedId: number;
            mergeId: number;
            moved: {
                events: number;
                identities: number;
                orders: number;
                tags: number;
            };
            survivorId: number;
            undoneAt: string | null;
        };
        ModelMovement: {
            changes: number;
            customers: number;
            flows: {
                customers: number;
                /** @description null: placed for the first time */
                from: string | null;
                to: string | null;
            }[];
            from: string;
            model: string;
            to: string;
        };
        ModelRun: {
            asOf: string;
            cause: string;
            changed: number | null;
            customers: number | null;
            error: string | null;
            finishedAt: string | null;
            requestedAt: string;
            runId: number;
            startedAt: string | null;
            /** @enum {string} */
            status: "queued" | "running" | "done" | "failed";
        };
        MomentPost: {
            createdAt: string;
            createdBy: string | null;
            /** @description moment.liked / moment.commented events of the post, of customers in the caller's scope */
            engagement: {
                comments: number;
                customers: number;
                likes: number;
            };
            error: string | null;
            materials: {
                kind: string;
                materialId: number;
                title: string;
            }[];
            momentId: string | null;
            postId: number;
            publishAt: string;
            /** @description who posts it; invalid = WeCom refused the sender */
            staff: {
                staffId: string;
                /** @enum {string} */
                status: "pending" | "published" | "not_published" | "invalid";
            }[];
            /** @enum {string} */
            status: "planned" | "sending" | "submitted" | "published" | "failed" | "cancelled";
            tags: {
                path: string;
                tagId: number;
            }[];
            text: string;
            title: string;
            /** @enum {string} */
            visibility: "all" | "tags";
        };
        MomentSettings: {
            perStaffDaily: number;
        };
        OperationsBoard: {
            byMass: {
                dueAt: string;
                excluded: number;
                failed: number;
                massMessageId: number;
                pending: number;
                /** @description done ÷ due, 0–1; null when nothing was due */
                rate: number | null;
                recipients: number;
                sent: number;
                suppressed: number;
                title: string;
            }[];
            bySop: {
                due: number;
                name: string | null;
                /** @description done ÷ due, 0–1; null when nothing was due */
                rate: number | null;
                sent: number;
                sopId: string;
            }[];
            from: string;
            leaderboard: {
                due: number;
                failed: number;
                /** @description median minutes from due to done */
                medianMinutesLate: number | null;
                name: string | null;
                /** @description due and still pending: overdue */
                pending: number;
                rank?: number;
                /** @description done ÷ due, 0–1; null when nothing was due */
                rate: number | null;
                sent: number;
                skipped: number;
                staffId: string;
            }[];
            previous: {
                from: string;
                to: string;
            };
            tasks: {
                due: number;
                failed: number;
                /** @description due and still pending: overdue */
                pending: number;
                previous: {
                    due: number;
                    failed: number;
                    /** @description due and still pending: overdue */
                    pending: number;
                    /** @description done ÷ due, 0–1; null when nothing was due */
                    rate: number | null;
                    sent: number;
                    skipped: number;
                };
                /** @description done ÷ due, 0–1; null when nothing was due */
                rate: number | null;
                sent: number;
                skipped: number;
            };
            to: string;
            today: {
                byStaff: {
                    name: string | null;
                    pending: number;
                    sent: number;
                    skipped: number;
                    staffId: string;
                }[];
                date: string;
                pending: number;
                sent: number;
                skipped: number;
            };
            touches: {
                byReason: {
                    /** @description trust_below_min, frequency_cap, mass_daily_limit, … */
                    code: string;
                    count: number;
                    previous: number;
                }[];
                cancelled: number;
                failed: number;
                planned: number;
                sent: {
                    /** @description relative change (环比); null from zero */
                    change: number | null;
                    current: number;
                    delta: number;
                    previous: number;
                };
                suppressed: {
                    /** @description relative change (环比); null from zero */
                    change: number | null;
                    current: number;
                    delta: number;
                    previous: number;
                };
            };
        };
        RecomputeResult: {
            asOf: string;
            customers: number;
            error?: string;
            historyRows: number;
            /** @description customers whose level, stage, segment or tier changed */
            moved: number;
            runId: number;
            seconds: number;
            /** @enum {string} */
            status: "done" | "failed";
        };
        ResponsivenessBoard: {
            from: string;
            hours: {
                end: number;
                start: number;
            };
            previous: {
                from: string;
                to: string;
            };
            staff: {
                answered: number;
                /** @description customer messages that opened a conversation or followed the staff's last word */
                asks: number;
                /** @description median service-hour minutes to the first answer */
                medianMinutes: number | null;
                name: string | null;
                p90Minutes: number | null;
                previousMedianMinutes: number | null;
                staffId: string | null;
                unanswered: number;
                /** @description share of asks answered within 5 service-hour minutes, 0–1 */
                within5: number;
                /** @description share answered within 30 minutes, 0–1 */
                within30: number;
            }[];
            to: string;
            total: {
                answered: number;
                /** @description customer messages that opened a conversation or followed the staff's last word */
                asks: number;
                /** @description median service-hour minutes to the first answer */
                medianMinutes: number | null;
                p90Minutes: number | null;
                previous: {
                    answered: number;
                    /** @description customer messages that opened a conversation or followed the staff's last word */
                    asks: number;
                    /** @description median service-hour minutes to the first answer */
                    medianMinutes: number | null;
                    p90Minutes: number | null;
                    unanswered: number;
                    /** @description share of asks answered within 5 service-hour minutes, 0–1 */
                    within5: number;
                    /** @description share answered within 30 minutes, 0–1 */
                    within30: number;
                };
                unanswered: number;
                /** @description share of asks answered within 5 service-hour minutes, 0–1 */
                within5: number;
                /** @description share answered within 30 minutes, 0–1 */
                within30: number;
            };
            weekly: {
                answered: number;
                /** @description customer messages that opened a conversation or followed the staff's last word */
                asks: number;
                /** @description median service-hour minutes to the first answer */
                medianMinutes: number | null;
                p90Minutes: number | null;
                staffId: string | null;
                unanswered: number;
                /** @description the Monday of the week */
                week: string;
                /** @description share of asks answered within 5 service-hour minutes, 0–1 */
                within5: number;
                /** @description share answered within 30 minutes, 0–1 */
                within30: number;
            }[];
        };
        /** @description share of adds still a friend 7 / 30 / 90 days later, of those old enough to tell */
        Retention: {
            /** @description 0–1; null when nothing could be measured */
            d7: number | null;
            /** @description 0–1; null when nothing could be measured */
            d30: number | null;
            /** @description 0–1; null when nothing could be measured */
            d90: number | null;
        };
        RoiBoard: {
            attributionDays: number;
            campaigns: components["schemas"]["RoiRow"][];
            channels: components["schemas"]["RoiRow"][];
            from: string;
            to: string;
            totals: {
                /** @description the share of each cost period that falls in the range */
                costFen: number;
                /** @description (fixed + traffic) / new followers */
                costPerFollowerFen: number | null;
                /** @description customers acquired (first touch in the range) */
                customers: number;
                fixedFen: number;
                newFollowers: number;
                /** @description days from the range's first day until the revenue covered the cost; null: not (yet) */
                paybackDays: number | null;
                /** @description net paid by the acquired customers within the attribution window after acquisition */
                revenueFen: number;
                /** @description revenue / cost; null without a cost */
                roi: number | null;
                trafficFen: number;
            };
            /** @description false while orders may still come within the window after the range */
            windowComplete: boolean;
        };
        RoiRow: {
            /** @description the share of each cost period that falls in the range */
            costFen: number;
            /** @description (fixed + traffic) / new followers */
            costPerFollowerFen: number | null;
            /** @description customers acquired (first touch in the range) */
            customers: number;
            fixedFen: number;
            key: string;
            name: string | null;
            newFollowers: number;
            /** @description days from the range's first day until the revenue covered the cost; null: not (yet) */
            paybackDays: number | null;
            /** @description net paid by the acquired customers within the attribution window after acquisition */
            revenueFen: number;
            /** @description revenue / cost; null without a cost */
            roi: number | null;
            trafficFen: number;
        };
        /** @description An automation rule: WHEN trigger IF filter THEN actions */
        Rule: {
            actions: components["schemas"]["RuleAction"][];
            description?: string;
            /** @default false */
            enabled: boolean;
            /** @description the customer must match this audience filter at the time */
            if?: {
                and: components["schemas"]["AudienceFilter"][];
            } | {
                or: components["schemas"]["AudienceFilter"][];
            } | {
                not: components["schemas"]["AudienceFilter"];
            } | {
                /** @enum {string} */
                field: "gender";
                /** @enum {string} */
                op: "in" | "notIn";
                values: ("male" | "female" | "unknown")[];
            } | {
                /** @enum {string} */
                field: "tag";
                /** @enum {string} */
                op: "has" | "lacks";
                tag: string | number;
            } | {
                /** @enum {string} */
                field: "tagGroup";
                group: string | number;
                /** @enum {string} */
                op: "hasAny" | "hasNone";
            } | {
                /** @enum {string} */
                field: "stage";
                journey: string | number;
                /** @enum {string} */
                op?: "is" | "isNot";
                stage?: string | number;
            } | {
                /** @enum {string} */
                field: "trustLevel";
                /** @enum {string} */
                op: "eq" | "ne" | "gt" | "gte" | "lt" | "lte";
                value: number;
            } | {
                /** @enum {string} */
                field: "lifecycle";
                /** @enum {string} */
                op: "in" | "notIn";
                /** @enum {string} */
                path: "ecommerce" | "sales";
                values: string[];
            } | {
                /** @enum {string} */
                field: "rfmSegment" | "valueTier";
                /** @enum {string} */
                op: "in" | "notIn";
                values: string[];
            } | {
                /** @enum {string} */
                field: "engagement";
                /** @enum {string} */
                op: "gt" | "gte" | "lt" | "lte";
                value: number;
            } | {
                /** @enum {string} */
                field: "pAlive" | "clv";
                /** @enum {string} */
                op: "gt" | "gte" | "lt" | "lte";
                value: number;
            } | {
                /** @enum {string} */
                field: "paidOrders" | "chatRounds" | "customerConversations" | "messagesReceived" | "messagesSent" | "momentsInteractions" | "groupInteractions" | "contentViews" | "contentShares" | "formsSubmitted" | "campaignsJoined" | "couponsIssued" | "couponsRedeemed" | "complaints" | "referrals" | "intentHits";
                /** @enum {string} */
                op: "eq" | "ne" | "gt" | "gte" | "lt" | "lte";
                value: number;
            } | {
                /** @enum {string} */
                field: "paidAmount" | "refundedAmount";
                /** @enum {string} */
                op: "eq" | "ne" | "gt" | "gte" | "lt" | "lte";
                value: number | string;
            } | {
                /** @enum {string} */
                field: "addedAt" | "lastInteractionAt" | "lastPaidAt" | "firstPaidAt" | "lastPrivateChatAt" | "lastSeenAt";
                /** @enum {string} */
                op: "withinDays" | "beforeDays" | "after" | "before" | "exists" | "missing";
                value?: number | string;
            } | {
                /** @enum {string} */
                field: "ownerStaff" | "channel" | "follower";
                /** @enum {string} */
                op: "in" | "notIn";
                values: string[];
            } | {
                /** @enum {string} */
                field: "province" | "city";
                /** @enum {string} */
                op: "in" | "notIn";
                values: string[];
            } | {
                /** @enum {string} */
                field: "ageBand";
                /** @enum {string} */
                op: "in" | "notIn";
                values: ("under_18" | "18_24" | "25_34" | "35_44" | "45_54" | "55_64" | "65_plus")[];
            } | {
                /** @enum {string} */
                field: "birthday";
                /** @enum {string} */
                op: "upcomingDays" | "exists" | "missing";
                value?: number;
            } | {
                /** @enum {string} */
                field: "custom";
                key: string;
                /** @enum {string} */
                op: "in" | "notIn" | "eq" | "gt" | "gte" | "lt" | "lte" | "exists" | "missing";
                value?: number | string;
                values?: string[];
            } | {
                /** @enum {string} */
                field: "wecomFriend";
                value: boolean;
            } | {
                /** @enum {string} */
                field: "search";
                value: string;
            } | {
                /** @enum {string} */
                field: "segment";
                /** @enum {string} */
                op?: "in" | "notIn";
                segment: string | number;
            } | {
                /** @enum {string} */
                field: "customerId";
                /** @enum {string} */
                op: "in" | "notIn";
                values: number[];
            };
            name: string;
            trigger: components["schemas"]["RuleTrigger"];
        };
        RuleAction: {
            expiresInDays?: number;
            tag: string;
            /** @enum {string} */
            type: "tag";
        } | {
            tag: string;
            /** @enum {string} */
            type: "untag";
        } | {
            journey: string | number;
            stage: string | number;
            /** @enum {string} */
            type: "moveStage";
        } | {
            sop: string | number;
            /** @enum {string} */
            type: "startSop";
        } | {
            /**
             * @default private_chat
             * @enum {string}
             */
            channel: "private_chat" | "moments" | "group";
            /** @default  */
            content: string;
            couponId?: string;
            /** @default 0 */
            dueInHours: number;
            /**
             * @default service
             * @enum {string}
             */
            purpose: "marketing" | "service";
            /** @description who does it; default: the customer's owner */
            staffId?: string;
            title: string;
            /** @enum {string} */
            type: "task";
        } | {
            /** @description signs the body: header x-siyu-signature: sha256=<hex HMAC> */
            secret?: string;
            /** @enum {string} */
            type: "webhook";
            /** Format: uri */
            url: string;
        };
        RuleDryRun: {
            actions: {
                action: number;
                affected: number;
                note?: string;
                type: string;
            }[];
            alreadyFired: number;
            /** @description distinct customers the rule would fire for (condition met, not fired before) */
            customers: number;
            notes: string[];
            rule: string;
            sample: {
                customerId: number;
                name: string | null;
                trigger: string;
            }[];
            /** @description changes in the window the trigger matched (a customer may trigger many times) */
            triggered: number;
            /** @description distinct customers behind those changes */
            triggeredCustomers: number;
            window: {
                from: string;
                to: string;
            };
        };
        RuleRun: {
            at: string;
            customers: number;
            details: {
                [key: string]: unknown;
            };
            rule: string | null;
            ruleId: number | null;
            runId: number;
            /** @enum {string} */
            status: "fired" | "cycle" | "depth_exceeded" | "error" | "replay";
        };
        RuleTrigger: {
            /** @enum {string} */
            event: "contact.added" | "contact.removed" | "message.received" | "message.sent" | "moment.liked" | "moment.commented" | "group.joined" | "group.left" | "group.message" | "content.viewed" | "content.shared" | "product.viewed" | "cart.added" | "form.submitted" | "campaign.joined" | "coupon.issued" | "coupon.redeemed" | "order.paid" | "order.refunded" | "complaint.filed" | "referral.made";
            /** @enum {string} */
            kind: "event";
            where?: components["schemas"]["EventPredicate"];
        } | {
            /** @description values left (e.g. "L2"); any when absent */
            from?: string[];
            /** @enum {string} */
            kind: "model";
            /** @enum {string} */
            model: "trust" | "lifecycle_ecommerce" | "lifecycle_sales" | "rfm" | "value_tier";
            /** @description values entered (e.g. "L3"); any when absent */
            to?: string[];
        } | {
            /** @enum {string} */
            kind: "tagAdded";
            tag: string;
        } | {
            /** @enum {string} */
            kind: "tagRemoved";
            tag: string;
        } | {
            /** @enum {string} */
            kind: "stageEntered";
            /** @description "journey group/stage" */
            stage: string;
        } | {
            /** @enum {string} */
            kind: "stageLeft";
            stage: string;
        } | {
            days: number;
            /** @enum {string} */
            kind: "elapsed";
            /** @description a tag or stage ("group/tag") held since at least `days` */
            tag: string;
            /**
             * @description only when no such event happened since the tag was put on (e.g. order.paid)
             * @enum {string}
             */
            withoutEvent?: "contact.added" | "contact.removed" | "message.received" | "message.sent" | "moment.liked" | "moment.commented" | "group.joined" | "group.left" | "group.message" | "content.viewed" | "content.shared" | "product.viewed" | "cart.added" | "form.submitted" | "campaign.joined" | "coupon.issued" | "coupon.redeemed" | "order.paid" | "order.refunded" | "complaint.filed" | "referral.made";
        } | {
            /** @description once every this many days of the stay, the first after the first period */
            everyDays: number;
            /** @enum {string} */
            kind: "recurring";
            /** @description a stage or segment tag ("group/tag"; model segments are tags too): the touch repeats while the customer holds it */
            tag: string;
        } | {
            /**
             * @description fire this many days ahead of the anniversary
             * @default 0
             */
            daysBefore: number;
            /**
             * @description the customer's date whose anniversary fires the rule: birthday, firstOrder (first paid order), added (joining / membership day)
             * @enum {string}
             */
            field: "birthday" | "firstOrder" | "added";
            /**
             * @description from this hour of the day (workspace time zone)
             * @default 9
             */
            hour: number;
            /** @enum {string} */
            kind: "date";
        } | {
            /** @default 0 */
            daysBefore: number;
            /** @description a built-in festival (春节, 元宵, 端午, 七夕, 中秋, 国庆) or a day the workspace added (e.g. 会员日) */
            holiday: string;
            /** @default 9 */
            hour: number;
            /** @enum {string} */
            kind: "holiday";
        };
        SavedSegment: {
            createdAt: string;
            createdBy: string | null;
            description: string | null;
            filter: components["schemas"]["AudienceFilter"];
            name: string;
            /** @description the user who saved it; staff change and delete only their own */
            owner: string | null;
            segmentId: number;
            updatedAt: string;
        };
        ScheduledSend: {
            /** @description {filter} or {segment}, as given */
            audience?: unknown;
            /** @enum {string} */
            channel: "private_chat" | "moments" | "group";
            content: string;
            contentKey: string | null;
            createdAt: string;
            createdBy: {
                id: string | null;
                kind: string;
            };
            /** @description why it failed, or who cancelled it */
            error: string | null;
            /** @description the mass message it became, once sent */
            massMessageId: number | null;
            /** @enum {string} */
            purpose: "marketing" | "service";
            scheduleId: number;
            sendAt: string;
            /** @description the staff member who scheduled it (their customers only); null: scheduled by a manager */
            staffId: string | null;
            startedAt: string | null;
            /** @enum {string} */
            status: "scheduled" | "sent" | "cancelled" | "failed";
            title: string;
            updatedAt: string;
        };
        SegmentDistribution: {
            asOf: string;
            customers: number;
            models: {
                lifecycle_ecommerce: {
                    count: number;
                    /** @description 0–1, of all customers */
                    share: number;
                    value: string;
                }[];
                lifecycle_sales: {
                    count: number;
                    /** @description 0–1, of all customers */
                    share: number;
                    value: string;
                }[];
                /** @description with "(no order)" for customers without a paid order */
                rfm: {
                    count: number;
                    /** @description 0–1, of all customers */
                    share: number;
                    value: string;
                }[];
                trust: {
                    count: number;
                    /** @description 0–1, of all customers */
                    share: number;
                    value: string;
                }[];
                value_tier: {
                    count: number;
                    /** @description 0–1, of all customers */
                    share: number;
                    value: string;
                }[];
            };
        };
        ShopOrderOutcome: {
            customerId?: number;
            error?: string;
            /** @description Ids of the order events this update produced */
            events: string[];
            orderId: string;
            /**
             * @description unchanged: the update said nothing new (a repeat or an older state)
             * @enum {string}
             */
            outcome: "applied" | "unchanged" | "rejected";
        };
        ShopOrderUpdate: {
            /** @description Order total in CNY (decimal string or number) */
            amount: string | number;
            buyerId?: string;
            externalUserId?: string;
            items?: {
                price?: string | number;
                productId?: string;
                qty?: number;
                sku?: string;
            }[];
            name?: string;
            orderId: string;
            /** Format: date-time */
            paidAt: string;
            phone?: string;
            /** @description Cumulative refunded amount in CNY; a "refunded" update without it means a full refund */
            refundedAmount?: string | number;
            /** Format: date-time */
            refundedAt?: string;
            /** @enum {string} */
            status: "paid" | "refunded";
            unionId?: string;
        };
        ShopSource: {
            createdAt: string;
            disabled: boolean;
            name: string;
            rotatedAt: string | null;
            source: string;
        };
        Sop: {
            createdAt: string;
            definition: components["schemas"]["SopDefinition"];
            enabled: boolean;
            name: string;
            sopId: number;
            stage: {
                /** @example 购买频次/已购买 */
                path: string;
                tagId: number;
            };
            updatedAt: string;
            version: number;
        };
        SopDefinition: {
            description?: string;
            enabled?: boolean;
            name: string;
            reentry?: {
                allowed: boolean;
                coolDownDays?: number;
            };
            stage: string | {
                journey: string;
                stage: string;
            };
            steps: {
                attachments?: {
                    kind: string;
                    ref: string;
                }[];
                /** @enum {string} */
                channel: "private_chat" | "moments" | "group";
                content: string;
                couponId?: string;
                key: string;
                offsetDays?: number;
                offsetHours?: number;
                /** @enum {string} */
                purpose: "marketing" | "service";
                title?: string;
                window?: {
                    end: string;
                    start: string;
                };
            }[];
        };
        SopDeliveries: {
            enrollments: {
                open: number;
                total: number;
            };
            name: string;
            recent: {
                customerId: number;
                dueAt: string;
                /** @description the customer's name */
                name: string | null;
                reason: string | null;
                round: number;
                /** @enum {string} */
                status: "scheduled" | "due" | "suppressed" | "cancelled";
                stepKey: string;
                taskId: string | null;
            }[];
            sopId: number;
            steps: {
                cancelled: number;
                due: number;
                key: string;
                /** @description the step is no longer in the SOP */
                removed: boolean;
                scheduled: number;
                suppressed: number;
                title: string | null;
            }[];
        };
        SopDryRun: {
            members: number;
            samples: {
                customerId: number;
                name: string | null;
                staff: string | null;
                steps: {
                    content: string;
                    decision: string;
                    dueAt: string;
                    key: string;
                }[];
            }[];
            sop: string;
            stage: string;
            steps: {
                alreadyReceived: number;
                channel: string;
                deferred: number;
                deliveries: number;
                dueAt: string;
                key: string;
                purpose: string;
                suppressed: number;
                suppressedBy: {
                    [key: string]: number;
                };
                title: string | null;
            }[];
            truncated: boolean;
        };
        StageCard: {
            customerId: number;
            enteredAt: string;
            name: string | null;
            ownerStaff: string | null;
            trustLevel: number | null;
            valueTier: string | null;
        };
        StageStay: {
            customerId: number;
            daysInStage: number;
            /** @enum {string} */
            direction: "entered" | "forward" | "back" | "moved";
            enteredAt: string;
            from: string | null;
            historyId: number;
            journey: string | null;
            journeyId: number;
            leftAt: string | null;
            leftReason: string | null;
            next: string | null;
            reason: string | null;
            source: string;
            sourceId: string | null;
            stage: string | null;
            stageId: number;
        };
        Tag: {
            exclusive: boolean;
            group: string;
            groupId: number;
            name: string;
            path: string;
            system: boolean;
            tagId: number;
        };
        TagCategory: {
            categoryId: number;
            name: string;
            system: boolean;
        };
        TagGroup: {
            categoryId: number;
            exclusive: boolean;
            groupId: number;
            name: string;
            system: boolean;
        };
        TagTree: {
            categories: {
                categoryId: number;
                groups: {
                    /** @description single-choice: a customer holds at most one of its tags */
                    exclusive: boolean;
                    groupId: number;
                    name: string;
                    system: boolean;
                    tags: {
                        aliases: string[];
                        customers: number;
                        name: string;
                        path: string;
                        tagId: number;
                    }[];
                }[];
                name: string;
                system: boolean;
            }[];
        };
        Task: {
            attachments: {
                kind: string;
                ref: string;
            }[];
            /** @enum {string} */
            channel: "private_chat" | "moments" | "group";
            content: string;
            contentKey: string | null;
            couponId: string | null;
            createdAt: string;
            customerId: number | null;
            customerName: string | null;
            dedupeKey: string;
            deferred: boolean;
            doneAt: string | null;
            dueAt: string;
            /** @enum {string} */
            kind: "sop_step" | "rule" | "mass_message" | "care" | "manual";
            massMessageId: number | null;
            /** @enum {string} */
            purpose: "marketing" | "service";
            /** @description the time first asked for; differs from dueAt when quiet hours deferred it */
            requestedAt: string;
            source: {
                id: string;
                /** @enum {string} */
                type: "sop" | "rule" | "mass_message" | "staff" | "api" | "service";
            };
            staffId: string | null;
            /** @enum {string} */
            status: "pending" | "sent" | "skipped" | "failed" | "suppressed" | "cancelled";
            /** @description why suppressed: trust_below_min, frequency_cap, mass_daily_limit */
            statusCode: string | null;
            statusReason: string | null;
            taskId: number;
            title: string;
            updatedAt: string;
        };
        TaskSendReport: {
            failed: {
                error: string;
                sendId: number;
                staffId: string;
                tasks: number;
            }[];
            /** @description tasks left pending: the customer is not a WeCom contact */
            notContacts: number;
            /** @description tasks left pending: the customer already has today's WeCom mass messages (contact policy) */
            overMassCap: number;
            sends: {
                msgid: string;
                refused: number;
                sendId: number;
                staffId: string;
                tasks: number;
            }[];
        };
        TimelineEntry: {
            at: string;
            /** @description event: text snippet, amount, orderId, contentId …; tag: tag, source, sourceId, reason; model: from, to, cause; stage: journey, stage, from/next; task: title, status, dueAt */
            details: {
                [key: string]: unknown;
            };
            id: string;
            /** @enum {string} */
            kind: "event" | "tag" | "model" | "stage" | "task";
            staffId: string | null;
            summary: string;
            touchpoint: string | null;
            /** @description event: its type; tag: tag.added / tag.removed / tag.replaced …; model: the model; stage: entered / left; task: its kind */
            type: string;
        };
        User: {
            createdAt: string;
            disabled: boolean;
            failedAttempts: number;
            lastLoginAt: string | null;
            lockedUntil: string | null;
            login: string;
            mustChangePassword: boolean;
            name: string;
            /** @enum {string} */
            role: "admin" | "operator" | "staff";
            seesPhones: boolean;
            /** @description WeCom userid; a staff account sees the customers this staff member owns or follows */
            staffId: string | null;
            userId: number;
            workspaceId: string;
        };
        WebhookTargets: {
            /**
             * @description Host names, addresses or CIDR ranges outside the public internet that rule webhooks may post to (e.g. "crm.intranet", "10.20.0.0/16", "127.0.0.1")
             * @example [
             *       "crm.intranet",
             *       "10.20.0.0/16"
             *     ]
             */
            allowed: string[];
        };
        WecomConfig: {
            aesKey: string;
            apiBase: string;
            callbackPath: string;
            corpId: string;
            /** @description masked */
            secret: string;
            token: string;
            updatedAt: string;
            welcomeMessage: string | null;
            workspaceId: string;
        };
        WecomConfigInput: {
            aesKey: string;
            /** Format: uri */
            apiBase?: string;
            corpId: string;
            secret: string;
            token: string;
            /** @description sent to every new contact through its WelcomeCode; {name} = the contact */
            welcomeMessage?: string;
        };
        WecomReport: {
            [key: string]: unknown;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
