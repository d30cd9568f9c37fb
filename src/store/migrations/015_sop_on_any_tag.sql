-- An SOP may hang on any tag, not only a journey stage: per-product playbooks hang on the
-- multi-choice interest tags (兴趣/商品A), which a customer holds several of at once while
-- the 商品兴趣 journey shows only the latest. Tag changes on a tag an SOP uses are signalled
-- like stage changes, so the worker enrolls and cancels as it does for stages.
CREATE OR REPLACE FUNCTION automation_signal_tags_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO automation_signals (workspace_id, kind, key, customer_id, ref, payload, at, depth, chain)
  SELECT n.workspace_id, 'tag_added', n.tag_id::text, n.customer_id,
         n.tag_id || '@' || (extract(epoch FROM n.tagged_at) * 1000)::bigint,
         jsonb_build_object('groupId', n.group_id, 'exclusive', n.exclusive, 'source', n.source, 'sourceId', n.source_id),
         n.tagged_at, automation_depth(), automation_chain()
  FROM new_rows n
  WHERE (n.exclusive AND n.source <> 'system')
     OR EXISTS (SELECT 1 FROM rule_triggers r WHERE r.workspace_id = n.workspace_id AND r.kind = 'tag' AND r.key = n.tag_id::text)
     OR EXISTS (SELECT 1 FROM sops s WHERE s.workspace_id = n.workspace_id AND s.stage_tag_id = n.tag_id AND s.deleted_at IS NULL);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION automation_signal_tags_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO automation_signals (workspace_id, kind, key, customer_id, ref, payload, at, depth, chain)
  SELECT o.workspace_id, 'tag_removed', o.tag_id::text, o.customer_id,
         o.tag_id || '@' || (extract(epoch FROM o.tagged_at) * 1000)::bigint,
         jsonb_build_object('groupId', o.group_id, 'exclusive', o.exclusive, 'source', o.source, 'sourceId', o.source_id,
           'taggedAt', o.tagged_at),
         statement_timestamp(), automation_depth(), automation_chain()
  FROM old_rows o
  WHERE (o.exclusive AND o.source <> 'system')
     OR EXISTS (SELECT 1 FROM rule_triggers r WHERE r.workspace_id = o.workspace_id AND r.kind = 'tag' AND r.key = o.tag_id::text)
     OR EXISTS (SELECT 1 FROM sops s WHERE s.workspace_id = o.workspace_id AND s.stage_tag_id = o.tag_id AND s.deleted_at IS NULL);
  RETURN NULL;
END $$;
