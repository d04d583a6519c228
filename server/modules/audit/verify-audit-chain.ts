import type { Db } from "@/server/db";
import { auditHash } from "@/server/modules/audit/record-audit";
import type { JsonValue } from "@/server/modules/audit/canonical-json";

type AuditRow = {
  seq: bigint;
  actorId: string | null;
  orgId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: unknown;
  prevHash: string | null;
  hash: string;
  createdAt: Date;
};

export type AuditChainReport = { ok: true; checked: number } | { ok: false; checked: number; brokenAtSeq: bigint; reason: string };

/**
 * Walks the chain in seq order and recomputes every hash; reports the first row that does not fit. With `after`
 * (a row of the chain), only the rows after it, chained from its hash (the surge drill checks a run's tail).
 */
export async function verifyAuditChain(db: Db, batchSize = 1000, after?: { seq: bigint; hash: string }): Promise<AuditChainReport> {
  let prevHash: string | null = after?.hash ?? null;
  let afterSeq: bigint | null = after?.seq ?? null;
  let checked = 0;
  for (;;) {
    const rows: AuditRow[] = await db.auditEvent.findMany({
      where: afterSeq === null ? {} : { seq: { gt: afterSeq } },
      orderBy: { seq: "asc" },
      take: batchSize,
      select: {
        seq: true, actorId: true, orgId: true, action: true, entityType: true,
        entityId: true, data: true, prevHash: true, hash: true, createdAt: true,
      },
    });
    if (rows.length === 0) return { ok: true, checked };
    for (const r of rows) {
      if (r.prevHash !== prevHash) return { ok: false, checked, brokenAtSeq: r.seq, reason: "prevHash does not match the previous row" };
      const expected = auditHash(prevHash, { ...r, data: r.data as JsonValue });
      if (expected !== r.hash) return { ok: false, checked, brokenAtSeq: r.seq, reason: "hash does not match the row's content" };
      prevHash = r.hash;
      afterSeq = r.seq;
      checked++;
    }
  }
}
