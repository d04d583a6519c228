import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { ZSearchQueryInput, ZSearchResult, ZSearchSuggestInput, ZSearchSuggestions } from "@/lib/schemas/search-api";
import { DEFAULT_RATE_LIMITER } from "@/server/modules/rate-limit/rate-limit-config";
import { checkSearchBudget } from "@/server/modules/rate-limit/search-budget";
import { searchAsActor, suggestAsActor } from "@/server/modules/search/search-for-actor";

/** The search budget (rate-limit-config.ts `search`) on top of the general one; tests without HTTP skip it. */
const searchProcedure = permissionProcedure("search.read").use(async ({ ctx, next }) => {
  if (ctx.http) await checkSearchBudget(ctx.db, ctx.http.limiter ?? DEFAULT_RATE_LIMITER, ctx.actor, ctx.http.resHeaders);
  return next();
});

/** One search box over the exchange: results with facets (also REST GET /search) and grouped suggestions. */
export const searchRouter = createTRPCRouter({
  query: searchProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/search",
        tags: ["search"],
        protect: true,
        summary: "Search listings, needs, organisations and resource types",
        description:
          "One search over the exchange, Chinese first (word cuts, bigrams, pinyin and initials, synonyms, typo tolerance for Latin words). Only what the caller may see: listings of verified suppliers (and the caller's own), open needs for suppliers (and the caller's own organisation's needs), organisations, types. Filters: `kind` (repeatable), `category`, `typeCode`, `region` (a city includes its districts), `near` + `radiusKm`, `available`, `verified`, `priceMode`. The answer names its `engine` (`fellBack` says why PostgreSQL answered when Meilisearch is configured), carries facet counts, and, when nothing matched as asked, `relaxed` lists the steps taken (words dropped, the region widened). Paged with `cursor`. Also answers to a signed-in session.",
      },
    })
    .input(ZSearchQueryInput)
    .output(ZSearchResult)
    .query(({ ctx, input }) => searchAsActor(ctx.db, ctx.actor, input)),

  /** Instant suggestions for the header box, grouped by kind (tRPC only). */
  suggest: searchProcedure
    .input(ZSearchSuggestInput)
    .output(ZSearchSuggestions)
    .query(({ ctx, input }) => suggestAsActor(ctx.db, ctx.actor, input.q)),
});
