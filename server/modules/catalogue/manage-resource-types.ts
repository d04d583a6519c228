import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { canonicalJson } from "@/server/modules/audit/canonical-json";
import { inTransaction, uniqueViolationFields } from "@/server/modules/accounts/transaction";
import { resourceTypeSelect, toResourceTypeDto } from "@/server/modules/catalogue/resource-types";
import type { TCreateResourceTypeInput, TUpdateResourceTypeInput } from "@/lib/schemas/catalogue-admin";
import type { TResourceTypeDto } from "@/lib/schemas/catalogue";

/**
 * Admin writes to the catalogue (permission "catalogue.write", checked by the procedure). Each write
 * commits with one audit event naming what changed. Codes are unique: checked first for a friendly
 * field error, and the unique index still decides under races.
 */

const CODE_TAKEN = () =>
  new AppError("CONFLICT", "Another resource type already uses this code.", { code: ["errors.codeTaken"] });

function toData(input: TCreateResourceTypeInput) {
  return {
    code: input.code,
    kind: input.kind,
    category: input.category,
    typeLevel: input.typeLevel,
    nameZh: input.nameZh,
    nameEn: input.nameEn,
    descriptionZh: input.descriptionZh,
    descriptionEn: input.descriptionEn,
    minimumCriteriaZh: input.minimumCriteriaZh,
    minimumCriteriaEn: input.minimumCriteriaEn,
    metrics: input.metrics as unknown as Prisma.InputJsonValue,
    defaultUnit: input.defaultUnit,
    requiredCredentialKinds: input.requiredCredentialKinds,
    active: input.active,
  };
}

async function assertCodeFree(db: Db, code: string, exceptId?: string): Promise<void> {
  const taken = await db.resourceType.findFirst({
    where: { code, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) throw CODE_TAKEN();
}

function mapCodeViolation(e: unknown): never {
  const fields = uniqueViolationFields(e);
  if (fields !== null && JSON.stringify(e).includes("code")) throw CODE_TAKEN();
  throw e;
}

export async function createResourceType(db: Db, actor: Actor, input: TCreateResourceTypeInput): Promise<TResourceTypeDto> {
  await assertCodeFree(db, input.code);
  try {
    return await inTransaction(db, async (tx) => {
      const row = await tx.resourceType.create({ data: toData(input), select: resourceTypeSelect });
      await recordAudit(tx, {
        actorId: actor.userId,
        action: "resourceType.create",
        entityType: "ResourceType",
        entityId: row.id,
        data: { code: row.code, category: row.category, typeLevel: row.typeLevel },
      });
      return toResourceTypeDto(row);
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    mapCodeViolation(e);
  }
}

/**
 * Names of the fields whose values differ, compared as canonical JSON (sorted keys): arrays and
 * metrics compare by value, and jsonb's own key order does not count as a change.
 */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
  return Object.keys(after).filter((k) => !same(before[k], after[k]));
}

export async function updateResourceType(db: Db, actor: Actor, input: TUpdateResourceTypeInput): Promise<TResourceTypeDto> {
  const { id, ...fields } = input;
  const before = await db.resourceType.findUnique({ where: { id }, select: resourceTypeSelect });
  if (!before) throw new AppError("NOT_FOUND", "This resource type does not exist.");
  if (fields.code !== before.code) await assertCodeFree(db, fields.code, id);
  const data = toData(fields);
  const changed = changedFields(before as unknown as Record<string, unknown>, data);
  try {
    return await inTransaction(db, async (tx) => {
      const row = await tx.resourceType.update({ where: { id }, data, select: resourceTypeSelect });
      await recordAudit(tx, {
        actorId: actor.userId,
        action: "resourceType.update",
        entityType: "ResourceType",
        entityId: id,
        data: { code: row.code, changed, ...(changed.includes("code") ? { previousCode: before.code } : {}) },
      });
      return toResourceTypeDto(row);
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    mapCodeViolation(e);
  }
}
