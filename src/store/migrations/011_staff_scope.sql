-- A staff member's customers (owned or followed) are looked up by staff id first: the
-- scope of every staff read (lists, counts, previews, boards, exports) starts here.
CREATE INDEX customers_owner_staff ON customers (owner_staff, workspace_id, customer_id) WHERE owner_staff IS NOT NULL;
CREATE INDEX customer_followers_staff ON customer_followers (staff_id, workspace_id, customer_id) WHERE removed_at IS NULL;
CREATE INDEX customer_aggregates_added_by ON customer_aggregates (added_by_staff, workspace_id, customer_id) WHERE added_by_staff IS NOT NULL;
