import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { TIncidentSummary, TSetIncidentStatusInput } from "@/lib/schemas/incidents";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { CONTENDED_TX_OPTIONS, inTransaction } from "@/server/modules/accounts/transaction";
import { assertIncidentTransition } from "@/server/modules/incidents/incident-state";
import { loadIncidentForWrite, type IncidentForWrite } from "@/server/modules/incidents/load-incident";
import { publishedStatus } from "@/server/modules/needs/create-need";
import { endKnightWork } from "@/server/modules/dispatch/end-knight-work";

type Tx = Prisma.TransactionClient;
type NeedMove = { id: string; category?: string; from: string; to: "OPEN" | "PENDING_APPROVAL" | "CLOSED" | "CANCELLED" };

/**
 * Moves an incident along DRAFT → ACTIVE → CONTAINED → CLOSED (CONTAINED → ACTIVE allowed, CLOSED final).
 * Activating a draft publishes its draft needs. Closing settles every need: filled → CLOSED, drafts and
 * pending → CANCELLED, open or partially filled → CLOSED with the unmet reason given in the input (required
 * when there are any); knight tasks' work ends with them (end-knight-work.ts). All in one transaction: if
 * anything is refused, nothing changes.
 */
export async function setIncidentStatus(db: Db, actor: Actor, input: TSetIncidentStatusInput, now = new Date()): Promise<TIncidentSummary> {
  const incident = await loadIncidentForWrite(db, actor, input.id);
  assertIncidentTransition(incident.status, input.status);
  if (input.unmetReason === "OTHER" && !input.unmetNote) {
    throw new AppError("BAD_REQUEST", "Describe the reason when choosing “other”.", { unmetNote: ["Describe the reason."] });
  }
  return inTransaction(db, async (tx) => {
    const { count } = await tx.incident.updateMany({
      where: { id: incident.id, status: incident.status },
      data: { status: input.status, closedAt: input.status === "CLOSED" ? now : null },
    });
    if (count === 0) throw new AppError("CONFLICT", "Someone else changed this incident's status; reload and try again.");
    const moves =
      input.status === "CLOSED"
        ? await settleNeeds(tx, incident.id, input, actor.userId, now)
        : incident.status === "DRAFT" && input.status === "ACTIVE"
          ? await publishDrafts(tx, actor, incident)
          : [];
    await recordAudit(tx, {
      actorId: actor.userId,
      orgId: incident.orgId,
      action: "incident.setStatus",
      entityType: "Incident",
      entityId: incident.id,
      data: { from: incident.status, to: input.status, needsChanged: moves.length, unmetReason: input.unmetReason ?? null },
    });
    for (const m of moves) {
      await recordAudit(tx, {
        actorId: actor.userId,
        orgId: incident.orgId,
        action: "need.setStatus",
        entityType: "Need",
        entityId: m.id,
        data: { from: m.from, to: m.to, cause: `incident.${input.status}`, unmetReason: m.to === "CLOSED" && m.from !== "FILLED" ? input.unmetReason : null },
      });
    }
    const after = await tx.incident.findUniqueOrThrow({ where: { id: incident.id }, select: { id: true, status: true, updatedAt: true } });
    return { id: after.id, status: after.status, version: after.updatedAt.getTime() };
    // Closing waits on the needs' locks behind knight accepts, like every dispatch step.
  }, input.status === "CLOSED" ? CONTENDED_TX_OPTIONS : undefined);
}

async function settleNeeds(tx: Tx, incidentId: string, input: TSetIncidentStatusInput, actorId: string, now: Date): Promise<NeedMove[]> {
  // Lock the live needs so no commitment slips in between the check and the close; in id order, the order
  // dispatch takes need locks in (knight-off-duty.ts), so the two never deadlock.
  const needs = await tx.$queryRaw<{ id: string; status: string; category: string }[]>`
    SELECT id, status::text AS status, category::text AS category FROM need
    WHERE incident_id = ${incidentId} AND status NOT IN ('CLOSED', 'CANCELLED') ORDER BY id FOR UPDATE`;
  const unfilled = needs.filter((n) => n.status === "OPEN" || n.status === "PARTIALLY_FILLED");
  if (unfilled.length > 0 && !input.unmetReason) {
    throw new AppError("BAD_REQUEST", `${unfilled.length} need(s) are not filled; give the reason they were not met to close the incident.`, {
      unmetReason: ["Choose why the open needs were not met."],
    });
  }
  const moves: NeedMove[] = needs.map((n) => ({
    id: n.id,
    category: n.category,
    from: n.status,
    to: n.status === "DRAFT" || n.status === "PENDING_APPROVAL" ? "CANCELLED" : "CLOSED",
  }));
  const ids = (pred: (m: NeedMove) => boolean) => moves.filter(pred).map((m) => m.id);
  const bump = { version: { increment: 1 } };
  await tx.need.updateMany({ where: { id: { in: ids((m) => m.from === "FILLED") } }, data: { status: "CLOSED", ...bump } });
  await tx.need.updateMany({ where: { id: { in: ids((m) => m.to === "CANCELLED") } }, data: { status: "CANCELLED", ...bump } });
  await tx.need.updateMany({
    where: { id: { in: unfilled.map((n) => n.id) } },
    data: { status: "CLOSED", unmetReason: input.unmetReason, unmetNote: input.unmetNote ?? null, ...bump },
  });
  // Drafts and pending needs were never dispatched; published knight tasks may have knights out.
  for (const m of moves) {
    if (m.category === "KNIGHT" && (m.to === "CLOSED" || m.to === "CANCELLED") && m.from !== "DRAFT" && m.from !== "PENDING_APPROVAL") {
      await endKnightWork(tx, m.id, { to: m.to, actorId, now });
    }
  }
  return moves;
}

async function publishDrafts(tx: Tx, actor: Actor, incident: IncidentForWrite): Promise<NeedMove[]> {
  const to = publishedStatus(actor, incident);
  const drafts = await tx.need.findMany({ where: { incidentId: incident.id, status: "DRAFT" }, select: { id: true } });
  if (drafts.length === 0) return [];
  await tx.need.updateMany({ where: { id: { in: drafts.map((d) => d.id) }, status: "DRAFT" }, data: { status: to, version: { increment: 1 } } });
  return drafts.map((d) => ({ id: d.id, from: "DRAFT", to }));
}
