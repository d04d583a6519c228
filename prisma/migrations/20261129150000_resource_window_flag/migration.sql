-- Matching (issue 5): the candidate query probes a listing's availability windows only when it has some
-- (about 1 in 5 listings do). resource.has_availability_windows is kept by the database, per statement, so a
-- bulk insert of windows updates each listing once.

ALTER TABLE "resource" ADD COLUMN "has_availability_windows" BOOLEAN NOT NULL DEFAULT false;

UPDATE "resource" r SET has_availability_windows = true
WHERE EXISTS (SELECT 1 FROM availability_window w WHERE w.resource_id = r.id);

CREATE FUNCTION muster_resource_window_flag() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE resource r SET has_availability_windows = true
    WHERE r.id IN (SELECT n.resource_id FROM new_rows n) AND NOT r.has_availability_windows;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    -- Lock first, then look: the next statement's snapshot sees windows a concurrent writer of the same
    -- listing committed while we waited, so its flag is never cleared under it.
    PERFORM 1 FROM resource r WHERE r.id IN (SELECT o.resource_id FROM old_rows o) ORDER BY r.id FOR NO KEY UPDATE;
    UPDATE resource r SET has_availability_windows = EXISTS (SELECT 1 FROM availability_window w WHERE w.resource_id = r.id)
    WHERE r.id IN (SELECT o.resource_id FROM old_rows o)
      AND r.has_availability_windows <> EXISTS (SELECT 1 FROM availability_window w WHERE w.resource_id = r.id);
  END IF;
  RETURN NULL;
END $$;

-- PostgreSQL allows transition tables only on single-event triggers: one trigger per event, one function.
CREATE TRIGGER availability_window_flag_insert AFTER INSERT ON "availability_window"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION muster_resource_window_flag();
CREATE TRIGGER availability_window_flag_delete AFTER DELETE ON "availability_window"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION muster_resource_window_flag();
CREATE TRIGGER availability_window_flag_update AFTER UPDATE ON "availability_window"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION muster_resource_window_flag();
-- Derived data: also under session_replication_role = replica (the bulk seed's FK-trigger bypass, restores).
ALTER TABLE "availability_window" ENABLE ALWAYS TRIGGER availability_window_flag_insert;
ALTER TABLE "availability_window" ENABLE ALWAYS TRIGGER availability_window_flag_delete;
ALTER TABLE "availability_window" ENABLE ALWAYS TRIGGER availability_window_flag_update;
