-- Search sync (issue 14): every change of a searchable row writes an outbox row in the SAME transaction, by
-- trigger rather than by a helper each write path must remember. A trigger cannot be forgotten by a future
-- write path, and today's paths already include raw SQL (need quantities, unmet reasons, bulk listing inserts),
-- offer counters and ON DELETE CASCADE, none of which would pass through an app-level helper.
--
-- Topics: search.resource | search.need | search.organization | search.type | search.incident; aggregate_id is
-- the row id. Organisation, type and incident rows are fanned out to the documents that show them (their
-- listings / needs) by the worker when it processes the row, so one verification does not write thousands of
-- outbox rows inside the dispatcher's transaction. Statement-level triggers with transition tables keep bulk
-- writes (the 1M seed, CSV imports) set-based.

-- Retry backoff: a failed row is not claimed again before available_at.
ALTER TABLE "outbox_event" ADD COLUMN "available_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- What the worker claims, oldest first.
CREATE INDEX "outbox_event_search_pending_idx" ON "outbox_event" ("created_at")
  WHERE "processed_at" IS NULL AND "topic" LIKE 'search.%';

CREATE FUNCTION muster_search_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- clock_timestamp(), not now(): the lag is measured from the change, not from the start of a long transaction.
  IF TG_OP = 'DELETE' THEN
    INSERT INTO outbox_event (id, topic, aggregate_id, payload, created_at, available_at)
    SELECT 'sx' || replace(gen_random_uuid()::text, '-', ''), 'search.' || TG_ARGV[0], o.id, '{"op":"delete"}', clock_timestamp(), clock_timestamp()
    FROM old_rows o;
  ELSE
    INSERT INTO outbox_event (id, topic, aggregate_id, payload, created_at, available_at)
    SELECT 'sx' || replace(gen_random_uuid()::text, '-', ''), 'search.' || TG_ARGV[0], n.id, '{}', clock_timestamp(), clock_timestamp()
    FROM new_rows n;
  END IF;
  -- Delivered on commit only: the worker wakes at once instead of polling (a rolled-back change wakes nobody).
  PERFORM pg_notify('muster_search', '');
  RETURN NULL;
END $$;

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

-- Incidents are not searched themselves; their needs' documents carry the incident's place, region and status.
CREATE TRIGGER incident_search_outbox_upd AFTER UPDATE ON "incident" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION muster_search_outbox('incident');
