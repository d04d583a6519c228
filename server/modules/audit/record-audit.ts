import { createHash, randomUUID } from "node:crypto";
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
 * hash = sha256(prevHash ‖ canonical JSON of the row's content). The genesis row chains from "". appendAudits
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

/**
 * Takes the chain's lock, then reads the last hash and inserts the rows chained after it in ONE statement (the
 * hashes computed in SQL from the canonical content made here): the lock is global, so every round trip under
 * it is paid by every audited transaction queued behind. The read must follow the lock in a later statement: a
 * statement's snapshot is taken when it starts, so a hash read in the locking statement could be stale.
 */
async function appendAudits(db: Prisma.TransactionClient, inputs: AuditInput[]): Promise<{ id: string; hash: string }[]> {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('muster.audit_chain'))`;
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
  // Inserted in chain order (ORDER BY ord), so seq follows the chain; the answer is put back in input order by id.
  const inserted = await db.$queryRaw<{ id: string; hash: string }[]>`
    WITH RECURSIVE input AS (
      SELECT * FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.content)}::text[]) WITH ORDINALITY AS t(id, content, ord)
    ), chain AS (
      SELECT i.ord, last.hash AS prev_hash, encode(sha256(convert_to(coalesce(last.hash, '') || i.content, 'UTF8')), 'hex') AS hash
      FROM input i LEFT JOIN (SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1) last ON true
      WHERE i.ord = 1
      UNION ALL
      SELECT i.ord, c.hash, encode(sha256(convert_to(c.hash || i.content, 'UTF8')), 'hex')
      FROM chain c JOIN input i ON i.ord = c.ord + 1
    )
    INSERT INTO audit_event (id, actor_id, org_id, action, entity_type, entity_id, data, prev_hash, hash, created_at)
    SELECT v.id, v.actor_id, v.org_id, v.action, v.entity_type, v.entity_id, v.data::jsonb, c.prev_hash, c.hash, ${createdAt}::timestamptz
    FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.row.actorId)}::text[], ${rows.map((r) => r.row.orgId)}::text[],
                ${rows.map((r) => r.row.action)}::text[], ${rows.map((r) => r.row.entityType)}::text[], ${rows.map((r) => r.row.entityId)}::text[],
                ${rows.map((r) => JSON.stringify(r.row.data))}::text[]) WITH ORDINALITY AS v(id, actor_id, org_id, action, entity_type, entity_id, data, ord)
    JOIN chain c ON c.ord = v.ord
    ORDER BY v.ord
    RETURNING id, hash`;
  const hashOf = new Map(inserted.map((r) => [r.id, r.hash]));
  return rows.map((r) => ({ id: r.id, hash: hashOf.get(r.id)! }));
}

/** A cuid-shaped id (Prisma makes the default only for its own inserts). */
const newAuditId = (): string => `c${randomUUID().replace(/-/g, "").slice(0, 24)}`;
