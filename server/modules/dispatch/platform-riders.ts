import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { TKnightOfferDto, TRiderDutyInput, TRiderDutyResult } from "@/lib/schemas/dispatch";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { dispatchTx } from "@/server/modules/dispatch/dispatch-tx";
import { storeKnightPosition } from "@/server/modules/knights/knight-position";
import { listOffersOfKnight } from "@/server/modules/dispatch/knight-offers";
import { withdrawOffersOfKnight } from "@/server/modules/dispatch/knight-off-duty";
import { listPlatformRiderTasks } from "@/server/modules/knights/knight-tasks-query";
import type { TPlatformRiderTasks } from "@/lib/schemas/knight-tasks";

/**
 * REST v1 for delivery platforms (API key of the platform organisation): push a rider on/off duty with
 * their position, and read the rider's open offers. A platform reaches only its own riders
 * (KnightProfile.platformOrgId = the key's organisation); any other rider id is 404. The exact position is
 * stored (private) and never echoed back: the answer carries the public cell only. Going off duty withdraws
 * the rider's pending offers and passes their places on.
 */

async function platformRider(db: Db, actor: Actor, externalRiderId: string) {
  if (!actor.apiKey) throw new AppError("FORBIDDEN", "Use the delivery platform's API key.");
  const org = actor.memberships.find((m) => m.orgId === actor.apiKey!.orgId);
  if (org?.verification !== "VERIFIED") throw new AppError("FORBIDDEN", "Your organisation is awaiting verification.");
  const k = await db.knightProfile.findUnique({
    where: { platformOrgId_externalRiderId: { platformOrgId: actor.apiKey.orgId, externalRiderId } },
    select: { id: true, status: true, onDuty: true },
  });
  if (!k) throw new AppError("NOT_FOUND", "No rider with this id on your platform.");
  return k;
}

export async function setRiderDuty(db: Db, actor: Actor, input: TRiderDutyInput, now = new Date()): Promise<TRiderDutyResult> {
  const k = await platformRider(db, actor, input.externalRiderId);
  if (input.onDuty && k.status === "SUSPENDED") throw new AppError("FORBIDDEN", "This rider is suspended and cannot go on duty.");
  return dispatchTx(db, async (tx) => {
    if (k.onDuty !== input.onDuty) {
      await tx.knightProfile.update({ where: { id: k.id }, data: { onDuty: input.onDuty, onDutySince: input.onDuty ? now : null }, select: { id: true } });
      await recordAudit(tx, {
        actorId: actor.userId, orgId: actor.apiKey!.orgId, action: input.onDuty ? "knight.onDuty" : "knight.offDuty", entityType: "KnightProfile", entityId: k.id,
        data: { via: "platform", externalRiderId: input.externalRiderId },
      });
      if (!input.onDuty) await withdrawOffersOfKnight(tx, k.id, now);
    }
    if (input.lat !== undefined && input.lng !== undefined) await storeKnightPosition(tx, k.id, input.lat, input.lng, now);
    const row = await tx.knightProfile.findUniqueOrThrow({ where: { id: k.id }, select: { onDuty: true, publicCell: true, lastPositionAt: true } });
    return { externalRiderId: input.externalRiderId, onDuty: row.onDuty, publicCell: row.publicCell, positionAt: row.lastPositionAt };
  });
}

export async function listRiderOffers(db: Db, actor: Actor, externalRiderId: string, now = new Date()): Promise<TKnightOfferDto[]> {
  const k = await platformRider(db, actor, externalRiderId);
  return listOffersOfKnight(db, k.id, now);
}

/** The rider's live tasks and recently ended ones (a cancel shows there with its reason), with places to go. */
export async function listRiderTasks(db: Db, actor: Actor, externalRiderId: string): Promise<TPlatformRiderTasks> {
  const k = await platformRider(db, actor, externalRiderId);
  return listPlatformRiderTasks(db, k.id, externalRiderId);
}
