-- Knight dispatch (issue 6): delivery-platform riders (REST v1) and dispatch waves.

-- A rider pushed by a delivery platform: the platform organisation and its own rider id (unique per
-- platform). Both or neither.
ALTER TABLE "knight_profile"
  ADD COLUMN "platform_org_id" TEXT,
  ADD COLUMN "external_rider_id" TEXT;
ALTER TABLE "knight_profile" ADD CONSTRAINT "knight_profile_platform_org_id_fkey"
  FOREIGN KEY ("platform_org_id") REFERENCES "organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE UNIQUE INDEX "knight_profile_platform_org_id_external_rider_id_key" ON "knight_profile"("platform_org_id", "external_rider_id");
ALTER TABLE "knight_profile" ADD CONSTRAINT "knight_profile_platform_rider_check"
  CHECK ("external_rider_id" IS NULL OR "platform_org_id" IS NOT NULL);

-- One row per wave of a dispatch; the running wave is the latest with closed_at NULL.
CREATE TABLE "dispatch_wave" (
  "id" TEXT NOT NULL,
  "need_id" TEXT NOT NULL,
  "wave" INTEGER NOT NULL,
  "radius_km" DOUBLE PRECISION NOT NULL,
  "started_at" TIMESTAMPTZ(3) NOT NULL,
  "ends_at" TIMESTAMPTZ(3) NOT NULL,
  "closed_at" TIMESTAMPTZ(3),
  "close_reason" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "dispatch_wave_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "dispatch_wave_wave_check" CHECK ("wave" >= 1),
  CONSTRAINT "dispatch_wave_radius_check" CHECK ("radius_km" > 0),
  CONSTRAINT "dispatch_wave_window_check" CHECK ("ends_at" > "started_at")
);
CREATE UNIQUE INDEX "dispatch_wave_need_id_wave_key" ON "dispatch_wave"("need_id", "wave");
ALTER TABLE "dispatch_wave" ADD CONSTRAINT "dispatch_wave_need_id_fkey"
  FOREIGN KEY ("need_id") REFERENCES "need"("id") ON DELETE CASCADE ON UPDATE CASCADE;
