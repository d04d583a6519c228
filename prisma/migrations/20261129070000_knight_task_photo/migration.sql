-- Knight task photos: the recon report ("go and report photos/text from a point") and the optional proof
-- photo of a delivery. The bytes live in PostgreSQL (≤ 2 MB each after the phone's downscale, ≤ 6 per task,
-- enforced in server/modules/knights/photos); metadata (EXIF/XMP, text chunks) is stripped before the insert,
-- so no photo carries the GPS position it was taken at. Listings never select "bytes".

CREATE TABLE "knight_task_photo" (
  "id" TEXT PRIMARY KEY,
  "assignment_id" TEXT NOT NULL REFERENCES "assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "uploader_id" TEXT NOT NULL REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "content_type" TEXT NOT NULL,
  "byte_size" INTEGER NOT NULL,
  "width" INTEGER,
  "height" INTEGER,
  "bytes" BYTEA NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "knight_task_photo_content_type_check" CHECK ("content_type" IN ('image/jpeg', 'image/png', 'image/webp')),
  CONSTRAINT "knight_task_photo_byte_size_check" CHECK ("byte_size" > 0 AND "byte_size" <= 2097152 AND "byte_size" = octet_length("bytes")),
  CONSTRAINT "knight_task_photo_dimensions_check" CHECK (("width" IS NULL OR "width" > 0) AND ("height" IS NULL OR "height" > 0))
);
CREATE INDEX "knight_task_photo_assignment_id_created_at_idx" ON "knight_task_photo" ("assignment_id", "created_at");
CREATE INDEX "knight_task_photo_uploader_id_idx" ON "knight_task_photo" ("uploader_id");

-- JPEG/PNG/WebP are compressed already: store them out of line without trying to compress them again.
ALTER TABLE "knight_task_photo" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;
