import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db";

/** The vocabularies of the PostgreSQL engine: one `term text PRIMARY KEY` column each. */
export type TermTable = "search_term" | "search_title_term";

/**
 * Adds the terms a vocabulary lacks, in sorted order. Only missing terms are inserted: an insert of a term another
 * open transaction has just inserted waits for it, and a sync batch (one transaction, several upserts) waiting so
 * on another could deadlock with it.
 */
export async function insertMissingTerms(db: Db, table: TermTable, terms: Iterable<string>): Promise<void> {
  const sorted = [...new Set(terms)].sort();
  if (sorted.length === 0) return;
  const t = Prisma.raw(`"${table}"`);
  await db.$executeRaw`INSERT INTO ${t} (term)
    SELECT x FROM unnest(${sorted}::text[]) AS x WHERE NOT EXISTS (SELECT 1 FROM ${t} s WHERE s.term = x)
    ON CONFLICT DO NOTHING`;
}
