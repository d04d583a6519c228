import type { Db } from "@/server/db";
import { env } from "@/lib/env";
import { ZSearchRequest, type TSearchRequestInput } from "@/lib/schemas/search";
import type { FallbackReason, RelaxStep, SearchEngine, SearchRequest, SearchResponse, SearchViewer } from "@/server/modules/search/search-types";
import { postgresEngine } from "@/server/modules/search/postgres-engine";
import { meiliEngineFromEnv } from "@/server/modules/search/meili-engine";
import { readSyncLag } from "@/server/modules/search/search-sync-state";
import { leastImportant, parseQuery } from "@/server/modules/search/query-analyzer";

/**
 * The one search entry point. Picks the engine — Meilisearch when MEILI_HOST is set and the sync worker reports
 * its lag under SEARCH_MAX_LAG_MS (a report older than SEARCH_LAG_STALE_MS counts as unknown), otherwise
 * PostgreSQL, saying why in `fellBack` — and applies "no dead ends": when nothing matches, drop the least
 * important word, one at a time, then widen the region district → city → province, and report each step taken.
 */

export type SearchExchangeOptions = {
  /** The Meilisearch engine to use (tests); default: from the environment, or none. */
  meili?: SearchEngine | null;
  now?: Date;
};

let envMeili: SearchEngine | null | undefined;
function configuredMeili(): SearchEngine | null {
  if (envMeili === undefined) envMeili = meiliEngineFromEnv();
  return envMeili;
}

async function pickEngine(db: Db, meili: SearchEngine | null, now: Date): Promise<{ engine: SearchEngine; fellBack?: FallbackReason }> {
  const pg = postgresEngine(db);
  if (!meili) return { engine: pg };
  const lag = await readSyncLag(db, "meilisearch");
  if (!lag || now.getTime() - lag.updatedAt.getTime() > env.SEARCH_LAG_STALE_MS) return { engine: pg, fellBack: "meili-lag-unknown" };
  if (lag.lagMs > env.SEARCH_MAX_LAG_MS) return { engine: pg, fellBack: "meili-lagging" };
  return { engine: meili };
}

async function parentRegion(db: Db, code: string): Promise<string | null> {
  const rows = await db.$queryRaw<{ parent_code: string | null }[]>`SELECT parent_code FROM region WHERE code = ${code}`;
  return rows[0]?.parent_code ?? null;
}

/** The next relaxation of a request that found nothing, or null when there is none left. */
async function relaxOnce(db: Db, req: SearchRequest): Promise<{ req: SearchRequest; step: RelaxStep } | null> {
  const words = parseQuery(req.q);
  const drop = leastImportant(words);
  if (drop) {
    const q = words.filter((w) => w !== drop).map((w) => w.text).join(" ");
    return { req: { ...req, q }, step: { kind: "dropWord", word: drop.text } };
  }
  if (req.region) {
    const parent = await parentRegion(db, req.region);
    if (parent) return { req: { ...req, region: parent }, step: { kind: "widenRegion", from: req.region, to: parent } };
  }
  return null;
}

export async function searchExchange(
  db: Db, viewer: SearchViewer, input: TSearchRequestInput, opts: SearchExchangeOptions = {},
): Promise<SearchResponse> {
  let req = ZSearchRequest.parse(input);
  const meili = opts.meili === undefined ? configuredMeili() : opts.meili;
  let { engine, fellBack } = await pickEngine(db, meili, opts.now ?? new Date());
  const run = async (r: SearchRequest) => {
    if (engine.name === "postgres") return engine.search(r, viewer);
    try {
      return await engine.search(r, viewer);
    } catch (e) {
      console.warn(`[muster] search: Meilisearch failed, answering from PostgreSQL (${(e as Error).message})`);
      engine = postgresEngine(db);
      fellBack = "meili-unreachable";
      return engine.search(r, viewer);
    }
  };
  let res = await run(req);
  const relaxed: RelaxStep[] = [];
  // a cursor continues a search that found something: never relax a later page
  while (res.total === 0 && req.relax && !req.cursor) {
    const next = await relaxOnce(db, req);
    if (!next) break;
    req = next.req;
    relaxed.push(next.step);
    res = await run(req);
  }
  return {
    engine: engine.name, ...(fellBack ? { fellBack } : {}), ...res, relaxed,
    applied: { q: req.q, region: req.region ?? null },
  };
}
