import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db";
import type { SearchKind } from "@/server/modules/search/search-types";

/** The table behind each searchable kind (each has the trigger-set search_version column). */
export const SEARCH_TABLE: Record<SearchKind, string> = { resource: "resource", need: "need", organization: "organization", type: "resource_type" };

export const SEARCH_KINDS = Object.keys(SEARCH_TABLE) as SearchKind[];

/**
 * The version to remove a document at: the row's own search_version while the row exists (it stopped being
 * indexable, e.g. a closed need), else a fresh value of the sequence, newer than anything read before the delete.
 */
export async function currentVersions(db: Db, kind: SearchKind, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const rows = await db.$queryRaw<{ id: string; v: string }[]>`
    SELECT u.id, COALESCE(t.search_version, nextval('search_version_seq'))::text AS v
    FROM unnest(${ids}::text[]) AS u(id) LEFT JOIN ${Prisma.raw(`"${SEARCH_TABLE[kind]}"`)} t ON t.id = u.id`;
  for (const r of rows) out.set(r.id, r.v);
  return out;
}
