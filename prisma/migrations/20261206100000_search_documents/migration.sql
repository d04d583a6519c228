-- Search (issue 14): document versions, the PostgreSQL engine's document table, the typo vocabulary and the
-- sync worker's lag row.

-- One sequence for every searchable table: a row's search_version is set on each insert and update, so a later
-- write of the same row always carries a larger number (updates of one row are serialised by its row lock) and
-- an index can refuse an older document than the one it holds.
CREATE SEQUENCE "search_version_seq" AS bigint;

ALTER TABLE "resource" ADD COLUMN "search_version" BIGINT NOT NULL DEFAULT nextval('search_version_seq');
ALTER TABLE "need" ADD COLUMN "search_version" BIGINT NOT NULL DEFAULT nextval('search_version_seq');
ALTER TABLE "organization" ADD COLUMN "search_version" BIGINT NOT NULL DEFAULT nextval('search_version_seq');
ALTER TABLE "resource_type" ADD COLUMN "search_version" BIGINT NOT NULL DEFAULT nextval('search_version_seq');
-- The volatile default numbered the existing rows; from now on the trigger below sets every value.
ALTER TABLE "resource" ALTER COLUMN "search_version" SET DEFAULT 0;
ALTER TABLE "need" ALTER COLUMN "search_version" SET DEFAULT 0;
ALTER TABLE "organization" ALTER COLUMN "search_version" SET DEFAULT 0;
ALTER TABLE "resource_type" ALTER COLUMN "search_version" SET DEFAULT 0;

CREATE FUNCTION muster_search_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_version := nextval('search_version_seq');
  RETURN NEW;
END $$;

CREATE TRIGGER resource_search_version BEFORE INSERT OR UPDATE ON "resource"
  FOR EACH ROW EXECUTE FUNCTION muster_search_version();
CREATE TRIGGER need_search_version BEFORE INSERT OR UPDATE ON "need"
  FOR EACH ROW EXECUTE FUNCTION muster_search_version();
CREATE TRIGGER organization_search_version BEFORE INSERT OR UPDATE ON "organization"
  FOR EACH ROW EXECUTE FUNCTION muster_search_version();
CREATE TRIGGER resource_type_search_version BEFORE INSERT OR UPDATE ON "resource_type"
  FOR EACH ROW EXECUTE FUNCTION muster_search_version();
-- Also under session_replication_role = replica (the bulk seed and restores): a version is never skipped.
ALTER TABLE "resource" ENABLE ALWAYS TRIGGER resource_search_version;
ALTER TABLE "need" ENABLE ALWAYS TRIGGER need_search_version;
ALTER TABLE "organization" ENABLE ALWAYS TRIGGER organization_search_version;
ALTER TABLE "resource_type" ENABLE ALWAYS TRIGGER resource_type_search_version;

-- The PostgreSQL engine's index: one row per searchable document, text pre-tokenised in the app and stored as a
-- tsvector cast verbatim (the 'simple' way: no parser, no dictionary), so a search is one GIN lookup. Lexeme
-- namespaces in the one vector: bare = text (jieba words, character bigrams and unigrams, stemmed English; weight A
-- title, B the rest); py:/in: = pinyin and initials (weight D, only Latin queries produce them); k: c: t: r: av: vf:
-- pm: vis: vo: vu: aud: = kind, filters and visibility, so filters join the same index scan. Query words are cut to
-- letters and digits, so a query can never name a namespaced lexeme.
CREATE TABLE "search_document" (
  "kind"         TEXT NOT NULL,
  "id"           TEXT NOT NULL,
  "version"      BIGINT NOT NULL,
  "title"        TEXT NOT NULL,
  "title_en"     TEXT,
  "category"     TEXT,
  "type_code"    TEXT,
  "region_code"  TEXT,
  "available"    BOOLEAN NOT NULL,
  "verified"     BOOLEAN NOT NULL,
  "price_mode"   TEXT,
  "owner_org_id" TEXT,
  "lat"          DOUBLE PRECISION,
  "lng"          DOUBLE PRECISION,
  "tsv"          TSVECTOR NOT NULL,
  "title_norm"   TEXT NOT NULL,
  "indexed_at"   TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "search_document_pkey" PRIMARY KEY ("kind", "id"),
  CONSTRAINT "search_document_kind_check" CHECK ("kind" IN ('resource', 'need', 'organization', 'type'))
);
-- tsv (~2 kB) is only read through the index, so it may live compressed out of line; ranking reads title_norm, the
-- normalised title with its stems, pinyin and initials (~200 bytes, in the row), so a broad match reads narrow rows.
-- fastupdate off: every write goes into the GIN tree at once. With the pending list, searches after a burst of
-- writes scanned it linearly (and the planner costed the index 70× higher) until the next vacuum.
CREATE INDEX "search_document_tsv_gin" ON "search_document" USING gin ("tsv") WITH (fastupdate = off);
CREATE INDEX "search_document_position_gist" ON "search_document" USING gist (muster_ll_to_earth("lat", "lng"))
  WHERE "lat" IS NOT NULL AND "lng" IS NOT NULL;

-- Removed documents' versions, so a late, older upsert cannot bring a removed document back.
CREATE TABLE "search_tombstone" (
  "kind"       TEXT NOT NULL,
  "id"         TEXT NOT NULL,
  "version"    BIGINT NOT NULL,
  "removed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "search_tombstone_pkey" PRIMARY KEY ("kind", "id")
);

-- Latin words seen in documents (English words, pinyin, initials): typo tolerance looks a misspelt query word up
-- here by trigram similarity (pg_trgm works on ASCII), then searches the words it found.
CREATE TABLE "search_term" (
  "term" TEXT NOT NULL,
  CONSTRAINT "search_term_pkey" PRIMARY KEY ("term")
);
CREATE INDEX "search_term_trgm" ON "search_term" USING gin ("term" gin_trgm_ops);

-- The sync worker's report per engine: how far the index lags the database. Searches fall back to PostgreSQL when
-- the Meilisearch row is missing, stale or over the threshold.
CREATE TABLE "search_sync_state" (
  "engine"     TEXT NOT NULL,
  "lag_ms"     BIGINT NOT NULL,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "search_sync_state_pkey" PRIMARY KEY ("engine")
);
