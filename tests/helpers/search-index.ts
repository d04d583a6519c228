import type { Db } from "@/server/db";
import { SEARCH_KINDS } from "@/lib/schemas/search";
import { scanSearchDocuments } from "@/server/modules/search/load-search-documents";
import { postgresEngine } from "@/server/modules/search/postgres-engine";

/** Test helper: (re)index every current document of every kind into the PostgreSQL search index, as the reindex does. */
export async function indexEverything(db: Db): Promise<number> {
  const engine = postgresEngine(db);
  let n = 0;
  for (const kind of SEARCH_KINDS) {
    let after: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof scanSearchDocuments>> = await scanSearchDocuments(db, kind, after, 500);
      if (page.docs.length) await engine.upsert(page.docs);
      n += page.docs.length;
      if (page.lastId === null) break;
      after = page.lastId;
    }
  }
  return n;
}
