/**
 * Whether a database error names one of these constraints, SQLSTATEs or Prisma codes. Prisma and its pg
 * driver adapter put them in different places (message, meta, cause), so all three are searched as text.
 */
export function dbErrorMentions(e: unknown, names: string[]): boolean {
  if (typeof e !== "object" || e === null) return false;
  const text = `${(e as Error).message ?? ""} ${safeJson((e as { meta?: unknown }).meta)} ${safeJson((e as { cause?: unknown }).cause)}`;
  return names.some((n) => text.includes(n));
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? "";
  } catch {
    return ""; // unserialisable: the message is enough
  }
}

/** The CHECK that keeps a need's filled total (the sum of its four buckets) within its quantity. */
export const NEED_OVERFILL_CHECK = "need_filled_within_quantity_check";

/** A write would have filled a need beyond its quantity (refused by NEED_OVERFILL_CHECK, SQLSTATE 23514). */
export function isNeedOverfill(e: unknown): boolean {
  return dbErrorMentions(e, [NEED_OVERFILL_CHECK]);
}
