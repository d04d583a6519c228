import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { AppError, type FieldErrors } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { inTransaction } from "@/server/modules/accounts/transaction";
import type { TListingDto, TListingInput, TSetListingStatusInput, TUpdateListingInput } from "@/lib/schemas/listings";
import { validateListing } from "@/server/modules/listings/validate-listing";
import { assertMayPublish, findWritableListing, resolveOwner } from "@/server/modules/listings/listing-access";
import { credentialRows, findListableType, loadRegions, nearestRegion, windowRows, type TypeRef } from "@/server/modules/listings/listing-refs";
import { dtoToInput, listingSelect, toListingDto } from "@/server/modules/listings/listing-dto";

/**
 * Creating and changing listings. Each write is one transaction: the resource row, its availability
 * windows and credentials (replaced wholesale), one audit event and one outbox event (search sync). What can
 * be read first (the listing to merge onto, types, regions) is read before it, and the answer after it: the
 * transaction holds the row only for the writes (an update's `version` condition still catches a change made
 * in between).
 */

function invalid(fieldErrors: FieldErrors): never {
  throw new AppError("BAD_REQUEST", "Some fields need attention: check the highlighted fields.", fieldErrors);
}

async function checkInput(db: Db, input: TListingInput): Promise<{ type: TypeRef; regionCode: string }> {
  const type = await findListableType(db, input.typeCode);
  if (!type) invalid({ typeCode: [`There is no listable resource type "${input.typeCode}".`] });
  const errors = validateListing(input, type);
  const regions = await loadRegions(db);
  let regionCode = input.regionCode ?? nearestRegion(regions, input.lat, input.lng);
  if (input.regionCode && !regions.some((r) => r.code === input.regionCode)) {
    errors.regionCode = [`Unknown region code ${input.regionCode}.`];
  }
  if (!regionCode) regionCode = "";
  if (Object.keys(errors).length) invalid(errors);
  return { type, regionCode };
}

function columns(input: TListingInput, typeId: string, regionCode: string) {
  return {
    typeId,
    title: input.title,
    titleEn: input.titleEn || null,
    description: input.description,
    capabilities: input.capabilities as Prisma.InputJsonValue,
    totalQuantity: input.quantity,
    unit: input.unit,
    lat: input.lat,
    lng: input.lng,
    address: input.address,
    regionCode,
    travelRange: input.travelRange,
    maxTravelKm: input.maxTravelKm,
    mobilizationMinutes: input.mobilizationMinutes,
    status: input.status,
    pricingMode: input.pricingMode,
    priceCents: input.priceCents,
    depositCents: input.depositCents,
    currency: input.currency,
  };
}

async function readDto(db: Db, id: string): Promise<TListingDto> {
  return toListingDto(await db.resource.findUniqueOrThrow({ where: { id }, select: listingSelect }));
}

export async function createListing(db: Db, actor: Actor, input: TListingInput): Promise<TListingDto> {
  const owner = resolveOwner(actor, input.orgId);
  const { type, regionCode } = await checkInput(db, input);
  assertMayPublish(input.status, owner.orgVerification);
  const id = await inTransaction(db, async (tx) => {
    const { id } = await tx.resource.create({
      data: { ...columns(input, type.id, regionCode), ownerOrgId: owner.ownerOrgId, ownerUserId: owner.ownerUserId },
      select: { id: true },
    });
    if (input.availabilityWindows.length) await tx.availabilityWindow.createMany({ data: windowRows(id, input.availabilityWindows) });
    if (input.credentials.length) await tx.credential.createMany({ data: credentialRows(id, input.credentials) });
    await recordAudit(tx, {
      actorId: actor.userId,
      orgId: owner.ownerOrgId,
      action: "listing.create",
      entityType: "Resource",
      entityId: id,
      data: { typeCode: type.code, status: input.status, via: actor.via },
    });
    await tx.outboxEvent.create({ data: { topic: "listing.changed", aggregateId: id, payload: { change: "create" } }, select: { id: true } });
    return id;
  });
  return readDto(db, id);
}

/** Partial update merged onto the stored listing and validated as a whole; stale `version` → CONFLICT. */
export async function updateListing(db: Db, actor: Actor, input: TUpdateListingInput, action = "listing.update"): Promise<TListingDto> {
  const current = await findWritableListing(db, actor, input.id);
  const stale = () => new AppError("CONFLICT", "Someone else changed this listing — reload it and make your change again.");
  if (current.version !== input.version) throw stale();
  const { id, version, ...patch } = input;
  const changed = Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined);
  const merged: TListingInput = { ...dtoToInput(await readDto(db, id)) };
  for (const k of changed) (merged as Record<string, unknown>)[k] = patch[k as keyof typeof patch];
  if (patch.lat !== undefined || patch.lng !== undefined) {
    if (patch.regionCode === undefined) merged.regionCode = undefined; // moved: derive the region again
  }
  const { type, regionCode } = await checkInput(db, merged);
  assertMayPublish(merged.status, current.ownerOrg?.verification ?? null);
  await inTransaction(db, async (tx) => {
    const committed = await tx.resource.findUniqueOrThrow({ where: { id }, select: { committedQuantity: true } });
    if (merged.quantity < committed.committedQuantity) {
      invalid({ quantity: [`${committed.committedQuantity} are committed to live assignments: the quantity cannot go below that.`] });
    }
    const { count } = await tx.resource.updateMany({
      where: { id, version },
      data: { ...columns(merged, type.id, regionCode), version: { increment: 1 } },
    });
    if (count === 0) throw stale();
    if (patch.availabilityWindows) {
      await tx.availabilityWindow.deleteMany({ where: { resourceId: id } });
      if (patch.availabilityWindows.length) await tx.availabilityWindow.createMany({ data: windowRows(id, patch.availabilityWindows) });
    }
    if (patch.credentials) {
      await tx.credential.deleteMany({ where: { resourceId: id } });
      if (patch.credentials.length) await tx.credential.createMany({ data: credentialRows(id, patch.credentials) });
    }
    await recordAudit(tx, {
      actorId: actor.userId,
      orgId: current.ownerOrgId,
      action,
      entityType: "Resource",
      entityId: id,
      data: { fields: changed.sort(), fromVersion: version, ...(patch.status ? { from: current.status, to: patch.status } : {}), via: actor.via },
    });
    await tx.outboxEvent.create({ data: { topic: "listing.changed", aggregateId: id, payload: { change: "update" } }, select: { id: true } });
  });
  return readDto(db, id);
}

export function setListingStatus(db: Db, actor: Actor, input: TSetListingStatusInput): Promise<TListingDto> {
  return updateListing(db, actor, { id: input.id, version: input.version, status: input.status }, "listing.setStatus");
}
