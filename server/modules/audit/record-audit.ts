import { createHash, randomUUID } from "node:crypto";
import { runAfterCommit, runBeforeCommit, type Db, type PrismaClient } from "@/server/db";
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

/** The canonical JSON of a row's content: what its hash covers after the previous hash. */
function auditContent(row: AuditHashInput): string {
  return canonicalJson({
    actorId: row.actorId,
    orgId: row.orgId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    data: row.data,
    createdAt: row.createdAt.toISOString(),
  });
}

/**
 * hash = sha256(prevHash ‖ canonical JSON of the row's content). The genesis row chains from "". muster_chain_audits
 * computes the same in SQL (sha256 of the UTF-8 bytes); this is the reference the verification replays.
 */
export function auditHash(prevHash: string | null, row: AuditHashInput): string {
  return createHash("sha256").update(`${prevHash ?? ""}${auditContent(row)}`, "utf8").digest("hex");
}

function isClient(db: Db): db is Db & { $transaction: unknown } {
  return "$transaction" in db;
}

/** Audit rows waiting for the end of their transaction, in call order. */
const pending = new WeakMap<object, AuditInput[]>();

/**
 * Appends hash-chained AuditEvents, in two steps so that the chain's global lock is never held across a client
 * round trip (under a surge a CPU-starved Node process sat idle in transaction holding it, and every audited
 * write of both instances queued behind it until the pools ran dry):
 * 1. Inside the transaction that makes the change, the rows go into audit_pending with their canonical content,
 *    taking no lock; they commit or roll back with the change. Inside a transaction opened by server/db.ts they
 *    are written as its last statement (one INSERT for all of the transaction's rows).
 * 2. Once it has committed, one autocommit statement (muster_chain_audits, see its migration) takes the lock and
 *    moves every pending row into audit_event with prev_hash/hash computed on the server, so the lock is held
 *    only while PostgreSQL runs that statement. It is awaited before the transaction's call returns, so the rows
 *    are in audit_event when the mutation answers. Should it fail (database restarting), the rows stay pending
 *    and the next chaining moves them: any call moves ALL pending rows, and the worker chains every few seconds.
 * The chain order (seq) is the order of chaining; prev_hash stays UNIQUE as the second guard. Given a plain
 * client, it writes, chains and returns the rows with their hashes.
 */
export async function recordAudit(db: PrismaClient, input: AuditInput): Promise<{ id: string; hash: string }>;
export async function recordAudit(db: Db, input: AuditInput): Promise<{ id: string; hash: string } | void>;
export async function recordAudit(db: Db, input: AuditInput): Promise<{ id: string; hash: string } | void> {
  const rows = await recordAudits(db, [input]);
  return rows?.[0];
}

/** Several rows in order, chained one after another. Same rules as recordAudit. */
export async function recordAudits(db: PrismaClient, inputs: AuditInput[]): Promise<{ id: string; hash: string }[]>;
export async function recordAudits(db: Db, inputs: AuditInput[]): Promise<{ id: string; hash: string }[] | void>;
export async function recordAudits(db: Db, inputs: AuditInput[]): Promise<{ id: string; hash: string }[] | void> {
  if (inputs.length === 0) return [];
  if (isClient(db)) {
    const ids = await insertPending(db, inputs);
    await chainAudits(db as PrismaClient);
    return hashesOf(db, ids);
  }
  const queued = pending.get(db);
  if (queued) {
    queued.push(...inputs);
    return;
  }
  const batch = [...inputs];
  const deferred = runBeforeCommit(db, async () => {
    pending.delete(db);
    await insertPending(db, batch);
  });
  if (!deferred) {
    // A transaction server/db.ts did not open: no hook after its commit, so chain inside it (the lock is then
    // held until its commit, as before the pending table).
    const ids = await insertPending(db, inputs);
    await chainAudits(db);
    return hashesOf(db, ids);
  }
  pending.set(db, batch);
  runAfterCommit(db, chainAfterCommit);
}

/**
 * Step 1 alone: the rows into audit_pending (on a client: committed at once), NOT chained. For tests standing in
 * for a process that died between its commit and the chaining; everything else uses recordAudit(s).
 */
export async function recordPendingAudits(db: Db, inputs: AuditInput[]): Promise<string[]> {
  return insertPending(db, inputs);
}

/** One INSERT of the rows with their canonical content (what the hash covers), in order; no lock. */
async function insertPending(db: Db, inputs: AuditInput[]): Promise<string[]> {
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
    return { id: newAuditId(), row, content: auditContent(row) };
  });
  // ORDER BY ord: pseq follows the input order, and the chain follows pseq.
  await db.$executeRaw`
    INSERT INTO audit_pending (id, actor_id, org_id, action, entity_type, entity_id, data, content, created_at)
    SELECT v.id, v.actor_id, v.org_id, v.action, v.entity_type, v.entity_id, v.data::jsonb, v.content, ${createdAt}::timestamptz
    FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.row.actorId)}::text[], ${rows.map((r) => r.row.orgId)}::text[],
                ${rows.map((r) => r.row.action)}::text[], ${rows.map((r) => r.row.entityType)}::text[], ${rows.map((r) => r.row.entityId)}::text[],
                ${rows.map((r) => JSON.stringify(r.row.data))}::text[], ${rows.map((r) => r.content)}::text[])
      WITH ORDINALITY AS v(id, actor_id, org_id, action, entity_type, entity_id, data, content, ord)
    ORDER BY v.ord`;
  return rows.map((r) => r.id);
}

/**
 * Chains every committed pending row (see muster_chain_audits); returns how many it moved. Called on a client it
 * is one autocommit statement: the lock is released by that statement's own commit, on the server.
 */
export async function chainAudits(db: Db): Promise<number> {
  const [r] = await db.$queryRaw<{ n: number }[]>`SELECT muster_chain_audits() AS n`;
  return r?.n ?? 0;
}

/** After a transaction committed: its rows are committed in audit_pending, so a failure here loses nothing. */
async function chainAfterCommit(db: PrismaClient): Promise<void> {
  try {
    await chainAudits(db);
  } catch (e) {
    // The change is committed: failing the request would make its caller retry a change that was made.
    console.warn(`[muster] audit: chaining after commit failed, the rows stay pending for the next chaining (${(e as Error).message})`);
  }
}

async function hashesOf(db: Db, ids: string[]): Promise<{ id: string; hash: string }[]> {
  const stored = await db.auditEvent.findMany({ where: { id: { in: ids } }, select: { id: true, hash: true } });
  const hashOf = new Map(stored.map((r) => [r.id, r.hash]));
  return ids.map((id) => {
    const hash = hashOf.get(id);
    if (!hash) throw new Error(`audit row ${id} was not chained`);
    return { id, hash };
  });
}

/** A cuid-shaped id (Prisma makes the default only for its own inserts). */
const newAuditId = (): string => `c${randomUUID().replace(/-/g, "").slice(0, 24)}`;
