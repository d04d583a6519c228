-- Knight tasks on duty (issue 6): the delivery stages a knight walks through, proof of delivery, the
-- safety check-in clock, duty stints (for the duty-hours limit) and an idempotent points ledger.

CREATE TYPE "knight_task_stage" AS ENUM ('ACCEPTED', 'AT_PICKUP', 'PICKED_UP', 'AT_DROPOFF', 'DELIVERED', 'COMPLETED');

-- NULL on resource assignments; on a knight assignment NULL reads as ACCEPTED (the dispatch slice creates
-- the row on accept and may not set it).
ALTER TABLE "assignment"
  ADD COLUMN "task_stage" "knight_task_stage",
  ADD COLUMN "at_pickup_at" TIMESTAMPTZ(3),
  ADD COLUMN "picked_up_at" TIMESTAMPTZ(3),
  ADD COLUMN "at_dropoff_at" TIMESTAMPTZ(3),
  ADD COLUMN "delivered_at" TIMESTAMPTZ(3),
  ADD COLUMN "proof_code" TEXT,
  ADD COLUMN "proof_note" TEXT,
  ADD COLUMN "proof_photo_url" TEXT,
  ADD COLUMN "last_check_in_at" TIMESTAMPTZ(3),
  ADD COLUMN "check_in_alerted_at" TIMESTAMPTZ(3);

-- Optional code the recipient gives the knight at the drop-off; a match completes the task at once.
ALTER TABLE "need" ADD COLUMN "delivery_code" TEXT;

-- A stint is continuous duty; a break shorter than the rest period does not end it.
ALTER TABLE "knight_profile"
  ADD COLUMN "duty_stint_started_at" TIMESTAMPTZ(3),
  ADD COLUMN "off_duty_at" TIMESTAMPTZ(3),
  ADD COLUMN "life_safety_count" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "night_count" INTEGER NOT NULL DEFAULT 0;

-- One award per assignment (unique), so a retried completion never pays twice.
CREATE TABLE "knight_points_entry" (
  "id" TEXT PRIMARY KEY,
  "knight_id" TEXT NOT NULL REFERENCES "knight_profile"("id") ON DELETE CASCADE,
  "assignment_id" TEXT NOT NULL REFERENCES "assignment"("id") ON DELETE CASCADE,
  "points" INTEGER NOT NULL,
  "reason" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "knight_points_entry_assignment_id_key" ON "knight_points_entry" ("assignment_id");
CREATE INDEX "knight_points_entry_knight_id_created_at_idx" ON "knight_points_entry" ("knight_id", "created_at");
CREATE INDEX "knight_points_entry_created_at_idx" ON "knight_points_entry" ("created_at");
