import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { TNeedDto, TNeedStatus, TSetNeedStatusInput } from "@/lib/schemas/needs";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { CONTENDED_TX_OPTIONS, inTransaction } from "@/server/modules/accounts/transaction";
import { canApproveOrg } from "@/server/modules/incidents/access";
import { publishedStatus } from "@/server/modules/needs/create-need";
import { loadNeedForWrite } from "@/server/modules/needs/load-need";
import { needSelect, toNeedDto } from "@/server/modules/needs/need-dto";
import { checkNeedTransition } from "@/server/modules/needs/need-state";
import { endKnightWork } from "@/server/modules/dispatch/end-knight-work";

/**
 * Manual status moves (see need-state.ts). The UPDATE is conditional on the status the check was made
 * against, so a concurrent change (e.g. a commitment filling the need) makes it a CONFLICT and nothing
 * changes. Publishing a draft in an organisation that requires approval sends it for approval instead;
 * PENDING_APPROVAL → OPEN is an approval and needs a dispatcher or owner.
 */
export async function setNeedStatus(db: Db, actor: Actor, input: TSetNeedStatusInput): Promise<TNeedDto> {
  const { need, incident } = await loadNeedForWrite(db, actor, input.id);
  const from = need.status as TNeedStatus;
  if (incident.status === "CLOSED") throw new AppError("CONFLICT", "This incident is closed; its needs cannot change.");
  const { unmetReason, unmetNote } = checkNeedTransition(from, { to: input.status, unmetReason: input.unmetReason, unmetNote: input.unmetNote });
  let to: TNeedStatus = input.status;
  if (from === "DRAFT" && to === "OPEN") {
    if (incident.status === "DRAFT") throw new AppError("CONFLICT", "Activate the incident to publish its needs.");
    to = publishedStatus(actor, incident);
  }
  const approving = from === "PENDING_APPROVAL" && to === "OPEN";
  if (approving && !canApproveOrg(actor, incident.orgId)) {
    throw new AppError("FORBIDDEN", "Only a dispatcher or owner of your organisation can approve needs.");
  }
  const knightEnd = need.category === "KNIGHT" && (to === "CLOSED" || to === "CANCELLED") ? to : null;
  return inTransaction(db, async (tx) => {
    const { count } = await tx.need.updateMany({
      where: { id: need.id, status: from },
      data: {
        status: to,
        unmetReason,
        unmetNote,
        version: { increment: 1 },
        ...(approving ? { approvedById: actor.userId, approvedAt: new Date() } : {}),
      },
    });
    if (count === 0) throw new AppError("CONFLICT", "This need changed meanwhile; reload and try again.");
    // A closed or cancelled knight task ends its knight work: offers, wave and accepted knights' tasks.
    if (knightEnd) await endKnightWork(tx, need.id, { to: knightEnd, actorId: actor.userId });
    await recordAudit(tx, {
      actorId: actor.userId,
      orgId: incident.orgId,
      action: approving ? "need.approve" : "need.setStatus",
      entityType: "Need",
      entityId: need.id,
      data: { title: need.title, from, to, unmetReason, unmetNote },
    });
    return toNeedDto(await tx.need.findUniqueOrThrow({ where: { id: need.id }, select: needSelect }));
    // Ending knight work waits on the need lock behind accepts, like every dispatch step.
  }, knightEnd ? CONTENDED_TX_OPTIONS : undefined);
}

/** A dispatcher or owner approves a pending need: it opens for matching. */
export async function approveNeed(db: Db, actor: Actor, id: string): Promise<TNeedDto> {
  const { need, incident } = await loadNeedForWrite(db, actor, id);
  if (!canApproveOrg(actor, incident.orgId)) {
    throw new AppError("FORBIDDEN", "Only a dispatcher or owner of your organisation can approve needs.");
  }
  if (need.status !== "PENDING_APPROVAL") throw new AppError("CONFLICT", `This need is ${need.status}, not awaiting approval.`);
  return setNeedStatus(db, actor, { id, status: "OPEN" });
}
