-- search_document.title_tsv: the document's title terms (ti:) and filter terms (k: c: t: r: av: vf: pm:), copied
-- from tsv into a small vector that stays in the row. A search near a point walks the GiST index nearest first and
-- tests each row's title and filters on it: the same lexemes as tsv, so the same answer, without detoasting the
-- ~2 kB out-of-line tsv (~19 µs a row, which made such a walk slower than reading every text match).
-- The one definition of which lexemes: the writer fills the column with this function too.
CREATE FUNCTION muster_search_row_lexemes(tsv tsvector) RETURNS tsvector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT array_to_tsvector(ARRAY(SELECT l FROM unnest(tsvector_to_array(tsv)) AS l WHERE l ~ '^(ti|k|c|t|r|av|vf|pm):')) $$;

ALTER TABLE "search_document" ADD COLUMN "title_tsv" TSVECTOR;
-- in the row (compressed if need be), never out of line
ALTER TABLE "search_document" ALTER COLUMN "title_tsv" SET STORAGE MAIN;

-- Backfill from the stored vectors (no reindex). Every row gets a new version: without the indexes that is a plain
-- heap write, and one sorted build of each index afterwards is far cheaper than inserting every row's ~100
-- lexemes into the GIN tree again (fastupdate off). Same definitions as 20261206100000_search_documents.
DROP INDEX IF EXISTS "search_document_tsv_gin";
DROP INDEX IF EXISTS "search_document_position_gist";
UPDATE "search_document" SET "title_tsv" = muster_search_row_lexemes("tsv");
ALTER TABLE "search_document" ALTER COLUMN "title_tsv" SET NOT NULL;
SET maintenance_work_mem = '512MB';
CREATE INDEX "search_document_tsv_gin" ON "search_document" USING gin ("tsv") WITH (fastupdate = off);
CREATE INDEX "search_document_position_gist" ON "search_document" USING gist (muster_ll_to_earth("lat", "lng"))
  WHERE "lat" IS NOT NULL AND "lng" IS NOT NULL;
RESET maintenance_work_mem;
ANALYZE "search_document";
