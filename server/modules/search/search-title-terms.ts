import type { Db } from "@/server/db";
import { TITLE_MARK } from "@/server/modules/search/search-lexemes";
import { insertMissingTerms } from "@/server/modules/search/insert-missing-terms";

/**
 * The vocabulary of title lexemes a typed prefix can match (search_title_term): ti: Latin stems, pinyin (ti:py:) and
 * initials (ti:in:), all starting with a letter after the mark. A search expands a prefix ('ti:drone':*) into the
 * exact lexemes that start with it ('ti:drone'): a GIN partial match collects every item of its keys before the AND,
 * while exact lexemes are probed only where the rarer terms (a ring's geo cells) have items — 40 → 15 ms per ring
 * for drone near Nanjing at 1M. Each upsert records its documents' terms before writing them, so the vocabulary
 * holds every indexed title lexeme (a term no document holds any more only costs an empty probe). It is never
 * pruned: a prune could race an upsert that relies on the term being there.
 */

/** A prefix with more lexemes than this stays a prefix (a short one such as 'p' would OR hundreds). */
export const MAX_PREFIX_EXPANSION = 16;

const PREFIXABLE = new RegExp(`^${TITLE_MARK}[a-z]`);

/** The lexemes of a document's title terms that a prefix can match. */
export function prefixableTitleLexemes(lexemes: Iterable<string>): string[] {
  return [...lexemes].filter((l) => PREFIXABLE.test(l));
}

/** Records title lexemes in the vocabulary before the documents holding them are written. */
export async function recordTitleTerms(db: Db, terms: string[]): Promise<void> {
  await insertMissingTerms(db, "search_title_term", terms);
}

/** Each prefix's exact lexemes (possibly none), or no entry when it has more than MAX_PREFIX_EXPANSION. */
export async function expandTitlePrefixes(db: Db, prefixes: string[]): Promise<Map<string, string[]>> {
  if (prefixes.length === 0) return new Map();
  const rows = await db.$queryRaw<{ p: string; terms: string[] }[]>`
    SELECT p, coalesce(array_agg(t.term) FILTER (WHERE t.term IS NOT NULL), '{}') AS terms
    FROM unnest(${prefixes}::text[]) AS p
    LEFT JOIN LATERAL (SELECT s.term FROM search_title_term s WHERE s.term ^@ p LIMIT ${MAX_PREFIX_EXPANSION + 1}) t ON true
    GROUP BY p`;
  return new Map(rows.filter((r) => r.terms.length <= MAX_PREFIX_EXPANSION).map((r) => [r.p, r.terms.sort()]));
}
