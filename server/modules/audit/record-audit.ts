import { createHash } from "node:crypto";
import { runBeforeCommit, type Db, type PrismaClient } from "@/server/db";
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

/** Audit rows waiting for the end of their transaction, in call order. */
const pending = new WeakMap<object, AuditInput[]>();

/**
 * Appends hash-chained AuditEvents. Call it inside the transaction that makes the change, so the rows commit
 * or roll back with it. A transaction-level advisory lock serialises writers so the chain stays linear
 * (prevHash is also UNIQUE in the schema as a second guard). That lock is global, so it is taken as late as
 * possible: inside a transaction opened by server/db.ts the rows are written as the transaction's last
 * statements (runBeforeCommit) and the lock is held only for the commit, not for the rest of the work
 * (under a surge, every audited write used to queue behind whole transactions). The chain order is still
 * the commit order, which is what seq and the replay read. Given a plain client, it opens its own short
 * transaction and writes at once, returning the rows.
 */
export async function recordAudit(db: PrismaClient, input: AuditInput): Promise<{ id: string; hash: string }>;
export async function recordAudit(db: Db, input: AuditInput): Promise<{ id: string; hash: string } | void>;
export async function recordAudit(db: Db, input: AuditInput): Promise<{ id: string; hash: string } | void> {
  const rows = await recordAudits(db, [input]);
  return rows?.[0];
}

/** Several rows in order, chained one after another under one lock by one INSERT. Same rules as recordAudit. */
export async function recordAudits(db: PrismaClient, inputs: AuditInput[]): Promise<{ id: string; hash: string }[]>;
export async function recordAudits(db: Db, inputs: AuditInput[]): Promise<{ id: string; hash: string }[] | void>;
export async function recordAudits(db: Db, inputs: AuditInput[]): Promise<{ id: string; hash: string }[] | void> {
  if (inputs.length === 0) return [];
  if (isClient(db)) {
    return (db as PrismaClient).$transaction((tx) => appendAudits(tx, inputs));
  }
  const queued = pending.get(db);
  if (queued) {
    queued.push(...inputs);
    return;
  }
  const batch = [...inputs];
  const deferred = runBeforeCommit(db, async () => {
    pending.delete(db);
    await appendAudits(db, batch);
  });
  if (!deferred) return appendAudits(db, inputs);
  pending.set(db, batch);
}

/** Takes the chain's lock and writes the rows now, chained after the last one. */
async function appendAudits(db: Prisma.TransactionClient, inputs: AuditInput[]): Promise<{ id: string; hash: string }[]> {
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
