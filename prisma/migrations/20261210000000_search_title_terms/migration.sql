-- The title lexemes a prefix can match (ti: Latin stems, pinyin and initials), for expanding a typed word's prefix
-- into exact lexemes (server/modules/search/search-title-terms.ts). SP-GiST serves ^@ (starts with) whatever the
-- database's collation.
CREATE TABLE "search_title_term" (
  "term" TEXT NOT NULL,
  CONSTRAINT "search_title_term_pkey" PRIMARY KEY ("term")
);
CREATE INDEX "search_title_term_prefix" ON "search_title_term" USING spgist ("term");

-- from what is indexed already (no reindex)
INSERT INTO "search_title_term" ("term")
SELECT DISTINCT l FROM "search_document" d, unnest(tsvector_to_array(d."title_tsv")) AS l
WHERE l ~ '^ti:[a-z]'
ON CONFLICT DO NOTHING;
