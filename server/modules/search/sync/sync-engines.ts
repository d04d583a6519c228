import type { Db } from "@/server/db";
import type { SearchEngine } from "@/server/modules/search/search-types";
import { postgresEngine } from "@/server/modules/search/postgres-engine";

/**
 * The engines the sync keeps up to date, primary first: PostgreSQL always (the fallback must never lag because
 * another engine is down), then Meilisearch when it is configured.
 */
export function syncEngines(db: Db): SearchEngine[] {
  return [postgresEngine(db)];
}
