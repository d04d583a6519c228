import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { TCreateNeedInput, TNeedDto } from "@/lib/schemas/needs";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { canApproveOrg } from "@/server/modules/incidents/access";
import { loadIncidentForWrite, type IncidentForWrite } from "@/server/modules/incidents/load-incident";
import { needSelect, toNeedDto } from "@/server/modules/needs/need-dto";
import { loadNeedType, needFieldErrors, throwIfFieldErrors, type NeedTypeInfo } from "@/server/modules/needs/validate-need";
import { knightTaskErrors } from "@/server/modules/needs/validate-knight-task";

export type NewNeed = Omit<TCreateNeedInput, "incidentId">;

/** The status a published need starts in: approval first when the organisation asks for it. */
export function publishedStatus(actor: Actor, incident: IncidentForWrite): "OPEN" | "PENDING_APPROVAL" {
  return incident.org.requiresNeedApproval && !canApproveOrg(actor, incident.orgId) ? "PENDING_APPROVAL" : "OPEN";
}

/** Validates and inserts one need inside the caller's transaction (with its audit row). */
export async function insertNeed(
  tx: Prisma.TransactionClient,
  actor: Actor,
  incident: IncidentForWrite,
  input: NewNeed,
  now: Date,
): Promise<TNeedDto> {
  if (incident.status === "CLOSED") throw new AppError("CONFLICT", "This incident is closed; it takes no new needs.");
  let type: NeedTypeInfo | null = null;
  if (input.typeId) type = await loadNeedType(tx, { id: input.typeId });
  else if (!input.category || !input.freeText) {
    throw new AppError("BAD_REQUEST", "Choose a resource type, or a category and a description.", {
      typeId: ["Choose a resource type, or a category and a description."],
    });
  }
  const category = type?.category ?? input.category!;
  throwIfFieldErrors({ ...needFieldErrors(input, type, now), ...knightTaskErrors(category, input) });
  const status = input.status === "DRAFT" || incident.status === "DRAFT" ? "DRAFT" : publishedStatus(actor, incident);
  const row = await tx.need.create({
    data: {
      incidentId: incident.id,
      typeId: type?.id ?? null,
      category,
      freeText: input.freeText ?? null,
      title: input.title,
      requiredCapabilities: input.requiredCapabilities,
      quantity: input.quantity,
      unit: input.unit,
      stagingLat: input.stagingLat,
      stagingLng: input.stagingLng,
      stagingAddress: input.stagingAddress,
      neededBy: input.neededBy,
      durationMinutes: input.durationMinutes,
      priority: input.priority,
      paymentMode: input.paymentMode,
      maxDistanceKm: input.maxDistanceKm,
      notes: input.notes ?? null,
      taskKind: input.taskKind ?? null,
      pickupLat: input.pickupLat ?? null,
      pickupLng: input.pickupLng ?? null,
      pickupAddress: input.pickupAddress ?? null,
      cargoKg: input.cargoKg ?? null,
      cargoVolumeL: input.cargoVolumeL ?? null,
      requiredVehicle: input.requiredVehicle ?? [],
      requiredTrainings: input.requiredTrainings ?? [],
      rewardPoints: input.rewardPoints ?? null,
      status,
      createdById: actor.userId,
    },
    select: needSelect,
  });
  await recordAudit(tx, {
    actorId: actor.userId,
    orgId: incident.orgId,
    action: "need.create",
    entityType: "Need",
    entityId: row.id,
    data: { incidentId: incident.id, title: row.title, quantity: row.quantity, unit: row.unit, status, via: actor.via },
  });
  return toNeedDto(row);
}

export async function createNeed(db: Db, actor: Actor, input: TCreateNeedInput, now = new Date()): Promise<TNeedDto> {
  const { incidentId, ...need } = input;
  const incident = await loadIncidentForWrite(db, actor, incidentId);
  return inTransaction(db, (tx) => insertNeed(tx, actor, incident, need, now));
}
