import type { Db } from "@/server/db";
import type { SearchEngine } from "@/server/modules/search/search-types";
import { postgresEngine } from "@/server/modules/search/postgres-engine";
import { meiliEngineFromEnv } from "@/server/modules/search/meili-engine";

/**
 * The engines the sync keeps up to date, primary first: PostgreSQL always (the fallback must never lag because
 * another engine is down), then Meilisearch when MEILI_HOST is set.
 */
export function syncEngines(db: Db): SearchEngine[] {
  const meili = meiliEngineFromEnv();
  return meili ? [postgresEngine(db), meili] : [postgresEngine(db)];
}
