import type { Prisma } from "@/server/generated/prisma/client";
import { auditHash, type AuditHashInput } from "@/server/modules/audit/record-audit";
import { toJsonValue } from "@/server/modules/audit/canonical-json";
import type { History } from "./history-log";

type Tx = Prisma.TransactionClient;

/**
 * Writes the seeded history inside the seed's transaction. Audit rows continue the hash chain from its
 * current last row (the admin's creation) with the writer's own hash (record-audit.ts auditHash), under the
 * writer's advisory lock, so verify-audit-chain still verifies; their created_at is the historical time.
 * Both tables are written in time order, so seq and the live cursor ids follow the story.
 */
export async function insertHistory(tx: Tx, h: History, batch = 1000): Promise<{ audits: number; live: number }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('muster.audit_chain'))`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  let prevHash = last?.hash ?? null;
  const rows = h.audits.map((a) => {
    const row: AuditHashInput = {
      actorId: a.actorId, orgId: a.orgId, action: a.action, entityType: a.entityType, entityId: a.entityId,
      data: toJsonValue(a.data), createdAt: a.at,
    };
    const hash = auditHash(prevHash, row);
    const out = { ...row, data: row.data as Prisma.InputJsonValue, prevHash, hash };
    prevHash = hash;
    return out;
  });
  // One INSERT per batch, in order: seq follows the chain (as recordAudits relies on).
  for (let i = 0; i < rows.length; i += batch) await tx.auditEvent.createMany({ data: rows.slice(i, i + batch) });
  const live = h.live.map((e) => ({ topic: e.topic, kind: e.kind, data: e.data as Prisma.InputJsonValue, createdAt: e.at }));
  for (let i = 0; i < live.length; i += batch) await tx.liveEvent.createMany({ data: live.slice(i, i + batch) });
  return { audits: rows.length, live: live.length };
}
