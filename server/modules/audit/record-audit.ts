import { createHash } from "node:crypto";
import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { canonicalJson, toJsonValue, type JsonValue } from "@/server/modules/audit/canonical-json";

export type AuditInput = {
  actorId: string | null;
  orgId?: string | null;
  /** noun.verb, e.g. "user.signUp", "apiKey.revoke". */
  action: string;
  entityType: string;
  entityId: string;
  data?: Record<string, unknown>;
};

export type AuditHashInput = {
  actorId: string | null;
  orgId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: JsonValue;
  createdAt: Date;
};

/** hash = sha256(prevHash ‖ canonical JSON of the row's content). The genesis row chains from "". */
export function auditHash(prevHash: string | null, row: AuditHashInput): string {
  const content = canonicalJson({
    actorId: row.actorId,
    orgId: row.orgId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    data: row.data,
    createdAt: row.createdAt.toISOString(),
  });
  return createHash("sha256").update(`${prevHash ?? ""}${content}`, "utf8").digest("hex");
}

function isClient(db: Db): db is Db & { $transaction: unknown } {
  return "$transaction" in db;
}

/**
 * Appends one hash-chained AuditEvent. Call it inside the transaction that makes the change, so the
 * audit row commits or rolls back with it. A transaction-level advisory lock serialises writers: the
 * chain stays linear (prevHash is also UNIQUE in the schema as a second guard). Given a plain client,
 * it opens its own short transaction, because an advisory xact lock outside one is released at once.
 */
export async function recordAudit(db: Db, input: AuditInput): Promise<{ id: string; hash: string }> {
  return (await recordAudits(db, [input]))[0]!;
}

/**
 * Appends several audit rows in order, chained one after another under one lock and written by one INSERT
 * (a batch of accepts records one row per winner without a round trip each). Same rules as recordAudit.
 */
export async function recordAudits(db: Db, inputs: AuditInput[]): Promise<{ id: string; hash: string }[]> {
  if (inputs.length === 0) return [];
  if (isClient(db)) {
    return (db as Extract<Db, { $transaction: unknown }>).$transaction((tx) => recordAudits(tx, inputs));
  }
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('muster.audit_chain'))`;
  const last = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  let prevHash = last?.hash ?? null;
  const createdAt = new Date();
  const rows = inputs.map((input) => {
    const row: AuditHashInput = {
      actorId: input.actorId,
      orgId: input.orgId ?? null,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      data: toJsonValue(input.data ?? {}),
      createdAt,
    };
    const hash = auditHash(prevHash, row);
    const out = { ...row, data: row.data as Prisma.InputJsonValue, prevHash, hash };
    prevHash = hash;
    return out;
  });
  // createManyAndReturn keeps the input order, so seq follows the chain.
  return db.auditEvent.createManyAndReturn({ data: rows, select: { id: true, hash: true } });
}
