import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { recordAudit } from "@/server/modules/audit/record-audit";
import type { TCreateRateCardInput, TRateCardDto } from "@/lib/schemas/compensation";

/**
 * Versioned compensation rates per resource type, set by platform admins. A rate card is never edited: a
 * change is a new version, and a requisition keeps the version in force when it was decided.
 */

const SELECT = {
  id: true, typeId: true, version: true, effectiveFrom: true, rentUnit: true, rentCents: true, operatorCentsPerHour: true,
  fuelCentsPerKm: true, currency: true, note: true,
} as const;

export async function createRateCard(db: Db, actor: Actor, input: TCreateRateCardInput): Promise<TRateCardDto> {
  if (actor.apiKey || !actor.roles.includes("ADMIN")) throw new AppError("FORBIDDEN", "Only platform admins set rate cards.");
  return inTransaction(db, async (tx) => {
    const type = await tx.resourceType.findUnique({ where: { id: input.typeId }, select: { id: true } });
    if (!type) throw new AppError("NOT_FOUND", "This resource type does not exist.");
    // Serialise versions of one type: concurrent admins get consecutive numbers, never a duplicate.
    await tx.$queryRaw`SELECT id FROM resource_type WHERE id = ${input.typeId} FOR UPDATE`;
    const last = await tx.rateCard.findFirst({ where: { typeId: input.typeId }, orderBy: { version: "desc" }, select: { version: true } });
    const row = await tx.rateCard.create({
      data: {
        typeId: input.typeId, version: (last?.version ?? 0) + 1, effectiveFrom: input.effectiveFrom ?? new Date(), rentUnit: input.rentUnit,
        rentCents: input.rentCents, operatorCentsPerHour: input.operatorCentsPerHour, fuelCentsPerKm: input.fuelCentsPerKm, note: input.note ?? null,
        createdById: actor.userId,
      },
      select: SELECT,
    });
    await recordAudit(tx, { actorId: actor.userId, action: "rateCard.create", entityType: "RateCard", entityId: row.id, data: { typeId: row.typeId, version: row.version } });
    return row;
  });
}

/** Every version, newest first (optionally one type's). */
export async function listRateCards(db: Db, typeId?: string): Promise<TRateCardDto[]> {
  return db.rateCard.findMany({ where: typeId ? { typeId } : {}, orderBy: [{ typeId: "asc" }, { version: "desc" }], select: SELECT });
}

/** The version in force at `at`: the highest version that had taken effect by then. */
export async function rateCardInForce(db: Db, typeId: string, at: Date): Promise<TRateCardDto | null> {
  return db.rateCard.findFirst({ where: { typeId, effectiveFrom: { lte: at } }, orderBy: [{ effectiveFrom: "desc" }, { version: "desc" }], select: SELECT });
}
