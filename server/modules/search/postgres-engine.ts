import type { Db } from "@/server/db";
import type { SearchEngine } from "@/server/modules/search/search-types";
import { bulkLoadSearchDocuments, ensureSearchIndexes, indexedVersions, indexedVersionsOf, removeSearchDocuments, upsertSearchDocuments } from "@/server/modules/search/postgres-index";
import { searchPostgres } from "@/server/modules/search/postgres-search";

/** The default engine: the search_document table in the app's own PostgreSQL (no extra service). */
export function postgresEngine(db: Db): SearchEngine {
  return {
    name: "postgres",
    // The settings live in the migration (tables, GIN/GiST indexes) and in code (analyser, synonyms); the indexes
    // are re-created if a bulk load left them dropped.
    ensureSettings: () => ensureSearchIndexes(db),
    bulkLoad: (load) => bulkLoadSearchDocuments(db, load),
    upsert: (docs) => upsertSearchDocuments(db, docs),
    remove: (refs) => removeSearchDocuments(db, refs),
    search: (request, viewer) => searchPostgres(db, request, viewer),
    versions: (kind, afterId, limit) => indexedVersions(db, kind, afterId, limit),
    versionsOf: (kind, ids) => indexedVersionsOf(db, kind, ids),
  };
}
