-- Live events (issue 6): an append-only log that SSE subscribers read by id. The id is the resume cursor
-- (a reconnecting client sends the last id it saw and gets everything after it). A statement-level trigger
-- wakes every app instance's listener with one NOTIFY per inserting statement, delivered on commit, so a
-- rolled-back change publishes nothing and fan-out does not depend on which instance a client is on.
CREATE TABLE "live_event" (
  "id" BIGSERIAL PRIMARY KEY,
  "topic" TEXT NOT NULL,
  "kind" TEXT NOT NULL,
  "data" JSONB NOT NULL DEFAULT '{}',
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "live_event_topic_id_idx" ON "live_event" ("topic", "id");
CREATE INDEX "live_event_created_at_idx" ON "live_event" ("created_at");

CREATE FUNCTION muster_live_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('muster_live', '');
  RETURN NULL;
END $$;

CREATE TRIGGER live_event_notify AFTER INSERT ON "live_event"
  FOR EACH STATEMENT EXECUTE FUNCTION muster_live_event_notify();
