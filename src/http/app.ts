/**
 * The HTTP API. Routes validate with one schema each (the same schemas produce the
 * OpenAPI document), call one service function and map the result.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Db } from '../store/db.ts';
import { SiyuError } from '../shared/errors.ts';
import { errorResponse } from './errors.ts';
import { textInput } from './text-input.ts';
import { statementTimeoutFromEnv, withStatementTimeout } from '../store/statement-timeout.ts';
import { unknownFields } from './unknown-fields.ts';
import { healthRoutes } from './health.routes.ts';
import { eventRoutes } from './events.routes.ts';
import { customerRoutes } from './customers.routes.ts';
import { tagRoutes } from './tags.routes.ts';
import { journeyRoutes } from './journeys.routes.ts';
import { modelRoutes } from './models.routes.ts';
import { clvRoutes } from './clv.routes.ts';
import { acquisitionRoutes } from './acquisition.routes.ts';
import { customersBoardRoutes } from './customers-board.routes.ts';
import { roiRoutes } from './roi.routes.ts';
import { churnRoutes } from './churn.routes.ts';
import { funnelRoutes } from './funnels.routes.ts';
import { analyticsOpsRoutes } from './analytics-ops.routes.ts';
import { audienceRoutes } from './audiences.routes.ts';
import { sopRoutes } from './sop.routes.ts';
import { automationRoutes } from './automation.routes.ts';
import { API_SECURITY, installAuth } from './principal.ts';
import { authRoutes } from './auth.routes.ts';
import { userRoutes } from './users.routes.ts';
import { shopRoutes } from './shop.routes.ts';
import { wecomRoutes } from './wecom.routes.ts';
import { outreachRoutes } from './outreach.routes.ts';
import { schedulingRoutes } from './scheduling.routes.ts';
import { calendarRoutes } from './calendar.routes.ts';
import { settingsRoutes } from './settings.routes.ts';
import { importRoutes } from './imports.routes.ts';
import { adminRoutes } from './admin.routes.ts';
import { materialRoutes } from './materials.routes.ts';
import { momentRoutes } from './moments.routes.ts';
import { groupRoutes } from './groups.routes.ts';
import { recordRoutes } from './record.routes.ts';
import { couponRoutes } from './coupons.routes.ts';
import { taskDeliveryRoutes } from './task-delivery.routes.ts';
import { mountConsole } from './console.ts';
import { mountDocs } from './docs.ts';
import { bodyLimits, jsonBodies, securityHeaders, storableParams } from './edge.ts';

export interface AppDeps {
  db: Db;
  /** Time limit on each database statement of a request (ms, 0 = none); default SIYU_STATEMENT_TIMEOUT_MS or 10 s. */
  statementTimeoutMs?: number;
  /** The store without that limit, for admin maintenance runs (a full recompute); set by createApp. */
  maintenanceDb?: Db;
  /** Clock, injectable for tests. */
  now?: () => number;
  /** Reverse proxies whose X-Forwarded-For is believed (CIDR list; default SIYU_TRUSTED_PROXIES). */
  trustedProxies?: string;
}

export type Api = OpenAPIHono;

export function newRouter(): OpenAPIHono {
  return new OpenAPIHono({
    defaultHook: async (result, c) => {
      const issues = result.success
        ? result.target === 'json' ? unknownFields(await c.req.json(), result.data).map((p) => ({ path: p.join('.'), message: 'unknown field' })) : []
        : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      if (issues.length === 0) return undefined;
      return c.json({
        code: 'validation_failed',
        message: issues.map((i) => `${i.path || 'request'}: ${i.message}`).join('; '),
        details: issues,
      }, 422);
    },
  });
}

export function createApp(appDeps: AppDeps): OpenAPIHono {
  const deps: AppDeps = { ...appDeps, maintenanceDb: appDeps.db, db: withStatementTimeout(appDeps.db, appDeps.statementTimeoutMs ?? statementTimeoutFromEnv()) };
  const app = newRouter();
  app.onError((err, c) => errorResponse(c, err));
  app.notFound((c) => errorResponse(c, new SiyuError('not_found', `no route for ${c.req.method} ${c.req.path}`)));
  // Body limits first; then text a PostgreSQL text cannot hold, before anything parses a body (see text-input.ts).
  app.use('*', securityHeaders(), bodyLimits(), textInput(), storableParams(), jsonBodies());
  installAuth(app, deps);
  app.route('/', healthRoutes(deps));
  app.route('/', authRoutes(deps));
  app.route('/', userRoutes(deps));
  app.route('/', eventRoutes(deps));
  app.route('/', customerRoutes(deps));
  app.route('/', tagRoutes(deps));
  app.route('/', journeyRoutes(deps));
  app.route('/', modelRoutes(deps));
  app.route('/', clvRoutes(deps));
  app.route('/', acquisitionRoutes(deps));
  app.route('/', customersBoardRoutes(deps));
  app.route('/', roiRoutes(deps));
  app.route('/', churnRoutes(deps));
  app.route('/', funnelRoutes(deps));
  app.route('/', analyticsOpsRoutes(deps));
  app.route('/', audienceRoutes(deps));
  app.route('/', sopRoutes(deps));
  app.route('/', automationRoutes(deps));
  app.route('/', shopRoutes(deps));
  app.route('/', wecomRoutes(deps));
  app.route('/', outreachRoutes(deps));
  app.route('/', schedulingRoutes(deps));
  app.route('/', calendarRoutes(deps));
  app.route('/', settingsRoutes(deps));
  app.route('/', importRoutes(deps));
  app.route('/', adminRoutes(deps));
  app.route('/', materialRoutes(deps));
  app.route('/', momentRoutes(deps));
  app.route('/', groupRoutes(deps));
  app.route('/', recordRoutes(deps));
  app.route('/', couponRoutes(deps));
  app.route('/', taskDeliveryRoutes(deps));
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    security: API_SECURITY,
    info: {
      title: 'Siyu (私域) API',
      version: '1',
      description: 'Private-domain customer operations engine: events in, customers, tags and segments out.',
    },
  });
  mountDocs(app);
  mountConsole(app);
  return app;
}
