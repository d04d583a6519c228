-- Search sync (issue 14): every change of a searchable row writes an outbox row in the SAME transaction, by
-- trigger rather than by a helper each write path must remember. A trigger cannot be forgotten by a future
-- write path, and today's paths already include raw SQL (need quantities, unmet reasons, bulk listing inserts),
-- offer counters and ON DELETE CASCADE, none of which would pass through an app-level helper.
--
-- Topics: search.resource | search.need | search.organization | search.type, and search.incident | search.user |
-- search.region, which only fan out; aggregate_id is the row id (a region's code). A row that is shown inside other
-- documents (an organisation in its listings, a type in its listings and needs, an incident in its needs, a person
-- in their expert listings, a region in everything placed in it) is fanned out by the worker when it processes the
-- row, so one verification does not write thousands of outbox rows inside the dispatcher's transaction.
-- Statement-level triggers with transition tables keep bulk writes (CSV imports, bulk inserts) set-based. The
-- bulk seed loads with session_replication_role = replica (these triggers off): the reconcile at worker start, or
-- `npm run search:reindex`, fills the index after it.

-- Retry backoff: a failed row is not claimed again before available_at.
ALTER TABLE "outbox_event" ADD COLUMN "available_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- What the worker claims, oldest first.
CREATE INDEX "outbox_event_search_pending_idx" ON "outbox_event" ("created_at")
  WHERE "processed_at" IS NULL AND "topic" LIKE 'search.%';

-- TG_ARGV: [0] the outbox kind, [1] the key column (default id).
CREATE FUNCTION muster_search_outbox() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  -- clock_timestamp(), not now(): the lag is measured from the change, not from the start of a long transaction.
  EXECUTE format(
    $q$INSERT INTO outbox_event (id, topic, aggregate_id, payload, created_at, available_at)
       SELECT 'sx' || replace(gen_random_uuid()::text, '-', ''), %L, x.%I::text, %L::jsonb, clock_timestamp(), clock_timestamp()
       FROM %I x$q$,
    'search.' || TG_ARGV[0], COALESCE(TG_ARGV[1], 'id'),
    CASE WHEN TG_OP = 'DELETE' THEN '{"op":"delete"}' ELSE '{}' END,
    CASE WHEN TG_OP = 'DELETE' THEN 'old_rows' ELSE 'new_rows' END);
  -- Delivered on commit only: the worker wakes at once instead of polling (a rolled-back change wakes nobody).
  PERFORM pg_notify('muster_search', '');
  RETURN NULL;
END $fn$;

-- Row-level variant for tables written one row at a time whose trigger fires only when a shown column changes.
CREATE FUNCTION muster_search_outbox_row() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO outbox_event (id, topic, aggregate_id, payload, created_at, available_at)
  VALUES ('sx' || replace(gen_random_uuid()::text, '-', ''), 'search.' || TG_ARGV[0], to_jsonb(NEW) ->> COALESCE(TG_ARGV[1], 'id'), '{}',
          clock_timestamp(), clock_timestamp());
  PERFORM pg_notify('muster_search', '');
  RETURN NULL;
END $fn$;

CREATE TRIGGER resource_search_outbox_ins AFTER INSERT ON "resource" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_search_outbox('resource');
CREATE TRIGGER resource_search_outbox_upd AFTER UPDATE ON "resource" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_search_outbox('resource');
CREATE TRIGGER resource_search_outbox_del AFTER DELETE ON "resource" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_search_outbox('resource');

CREATE TRIGGER need_search_outbox_ins AFTER INSERT ON "need" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_search_outbox('need');
CREATE TRIGGER need_search_outbox_upd AFTER UPDATE ON "need" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_search_outbox('need');
CREATE TRIGGER need_search_outbox_del AFTER DELETE ON "need" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_search_outbox('need');

CREATE TRIGGER organization_search_outbox_ins AFTER INSERT ON "organization" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_search_outbox('organization');
CREATE TRIGGER organization_search_outbox_upd AFTER UPDATE ON "organization" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_search_outbox('organization');
CREATE TRIGGER organization_search_outbox_del AFTER DELETE ON "organization" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_search_outbox('organization');

CREATE TRIGGER resource_type_search_outbox_ins AFTER INSERT ON "resource_type" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_search_outbox('type');
CREATE TRIGGER resource_type_search_outbox_upd AFTER UPDATE ON "resource_type" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_search_outbox('type');
CREATE TRIGGER resource_type_search_outbox_del AFTER DELETE ON "resource_type" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_search_outbox('type');

-- Incidents are not searched themselves; their needs' documents carry the incident's title, place and status.
-- (A new incident has no needs yet; a deleted one takes its needs along, whose own triggers fire.)
CREATE TRIGGER incident_search_outbox_upd AFTER UPDATE ON "incident" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_search_outbox('incident');

-- A person's name and account state show on their own (expert) listings; the expert profile's existence makes an
-- individual's listing public. A region's names (and its parents') show on everything placed in it.
CREATE TRIGGER users_search_outbox AFTER UPDATE OF name, disabled_at ON "users"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.disabled_at IS DISTINCT FROM NEW.disabled_at)
  EXECUTE FUNCTION muster_search_outbox_row('user');
CREATE TRIGGER expert_profile_search_outbox_ins AFTER INSERT ON "expert_profile" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_search_outbox('user', 'user_id');
CREATE TRIGGER expert_profile_search_outbox_del AFTER DELETE ON "expert_profile" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_search_outbox('user', 'user_id');
CREATE TRIGGER region_search_outbox AFTER UPDATE OF name_zh, name_en, parent_code ON "region"
  FOR EACH ROW WHEN (OLD.name_zh IS DISTINCT FROM NEW.name_zh OR OLD.name_en IS DISTINCT FROM NEW.name_en
                     OR OLD.parent_code IS DISTINCT FROM NEW.parent_code)
  EXECUTE FUNCTION muster_search_outbox_row('region', 'code');
