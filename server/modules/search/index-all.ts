import type { Db } from "@/server/db";
import type { SearchEngine, SearchKind } from "@/server/modules/search/search-types";
import { scanSearchDocuments } from "@/server/modules/search/load-search-documents";
import { SEARCH_KINDS } from "@/lib/schemas/search";

/**
 * Writes every indexable document of the database into the engines, page by page in id order (used by tests and
 * as the core of a reindex). Returns the number of documents written per kind.
 */
export async function indexAllDocuments(
  db: Db, engines: SearchEngine[], opts: { kinds?: readonly SearchKind[]; batch?: number; onPage?: (kind: SearchKind, done: number) => void } = {},
): Promise<Record<SearchKind, number>> {
  const counts: Record<SearchKind, number> = { resource: 0, need: 0, organization: 0, type: 0 };
  for (const kind of opts.kinds ?? SEARCH_KINDS) {
    let after: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof scanSearchDocuments>> = await scanSearchDocuments(db, kind, after, opts.batch ?? 1000);
      if (page.lastId === null) break;
      for (const e of engines) await e.upsert(page.docs);
      counts[kind] += page.docs.length;
      opts.onPage?.(kind, counts[kind]);
      after = page.lastId;
    }
  }
  return counts;
}
