-- Command centre (issue 16): "knights on duty by district over time" needs duty history; knight_profile holds
-- only the current on_duty flag. One row per continuous on-duty stretch, by the knight's home district (a
-- public, coarse place — never a position), kept by a trigger so every writer (the knight's own toggle, a
-- delivery platform's REST push, the duty-limit job, the bulk seed) records it.

CREATE TABLE "knight_duty_session" (
  "id" BIGSERIAL NOT NULL,
  "knight_id" TEXT NOT NULL,
  "district_code" VARCHAR(6) NOT NULL,
  "started_at" TIMESTAMPTZ(3) NOT NULL,
  "ended_at" TIMESTAMPTZ(3),
  CONSTRAINT "knight_duty_session_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "knight_duty_session_district_code_started_at_idx" ON "knight_duty_session" ("district_code", "started_at");
CREATE INDEX "knight_duty_session_knight_id_idx" ON "knight_duty_session" ("knight_id");
-- At most one open stretch per knight (raw SQL: partial index).
CREATE UNIQUE INDEX "knight_duty_session_one_open" ON "knight_duty_session" ("knight_id") WHERE "ended_at" IS NULL;
ALTER TABLE "knight_duty_session" ADD CONSTRAINT "knight_duty_session_knight_id_fkey" FOREIGN KEY ("knight_id") REFERENCES "knight_profile"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "knight_duty_session" ADD CONSTRAINT "knight_duty_session_district_code_fkey" FOREIGN KEY ("district_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE FUNCTION muster_knight_duty_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.on_duty AND (TG_OP = 'INSERT' OR NOT OLD.on_duty) THEN
    INSERT INTO knight_duty_session (knight_id, district_code, started_at)
    VALUES (NEW.id, NEW.home_district_code, COALESCE(NEW.on_duty_since, now()))
    ON CONFLICT (knight_id) WHERE ended_at IS NULL DO NOTHING;
  ELSIF TG_OP = 'UPDATE' AND OLD.on_duty AND NOT NEW.on_duty THEN
    UPDATE knight_duty_session SET ended_at = GREATEST(started_at, COALESCE(NEW.off_duty_at, now()))
    WHERE knight_id = NEW.id AND ended_at IS NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER knight_duty_session_insert AFTER INSERT ON "knight_profile"
  FOR EACH ROW EXECUTE FUNCTION muster_knight_duty_session();
CREATE TRIGGER knight_duty_session_update AFTER UPDATE OF on_duty ON "knight_profile"
  FOR EACH ROW WHEN (OLD.on_duty IS DISTINCT FROM NEW.on_duty) EXECUTE FUNCTION muster_knight_duty_session();
-- Derived data: also under session_replication_role = replica (the bulk seed's FK-trigger bypass).
ALTER TABLE "knight_profile" ENABLE ALWAYS TRIGGER knight_duty_session_insert;
ALTER TABLE "knight_profile" ENABLE ALWAYS TRIGGER knight_duty_session_update;

-- Knights on duty now start their history where their current stretch began.
INSERT INTO knight_duty_session (knight_id, district_code, started_at)
SELECT id, home_district_code, COALESCE(on_duty_since, now()) FROM knight_profile WHERE on_duty;
