import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { isNeedOverfill } from "@/server/db-errors";
import type { TNeedDto, TUpdateNeedInput } from "@/lib/schemas/needs";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { loadNeedForWrite } from "@/server/modules/needs/load-need";
import { needSelect, toNeedDto } from "@/server/modules/needs/need-dto";
import { EDITABLE_NEED_STATUSES, fillStatus, filledTotal } from "@/server/modules/needs/need-state";
import { loadNeedType, needFieldErrors, throwIfFieldErrors } from "@/server/modules/needs/validate-need";
import { knightTaskErrors } from "@/server/modules/needs/validate-knight-task";

/** The field error for a quantity below what is already filled (the form translates the key with `filled`). */
export function quantityBelowFilled(filled: number): AppError {
  return new AppError("BAD_REQUEST", `${filled} are already committed, en route, on scene or done: the quantity cannot go below ${filled}.`, {
    quantity: ["errors.quantityBelowFilled"],
  });
}

/**
 * Edits a need while it is DRAFT, PENDING_APPROVAL or OPEN. Optimistic lock on Need.version: the update
 * only matches the version the editor saw, else CONFLICT. A lower quantity may not drop below what is
 * already filled (committed + en route + on scene + released): refused up front as a field error, and if a
 * commitment lands between that check and the UPDATE, the need_filled_within_quantity_check constraint refuses
 * the UPDATE and the same field error is given. The automatic fill status is recomputed under the row lock.
 */
export async function updateNeed(db: Db, actor: Actor, input: TUpdateNeedInput, now = new Date()): Promise<TNeedDto> {
  const { need, incident } = await loadNeedForWrite(db, actor, input.id);
  if (!(EDITABLE_NEED_STATUSES as readonly string[]).includes(need.status)) {
    throw new AppError("CONFLICT", `A ${need.status} need can no longer be edited.`);
  }
  if (incident.status === "CLOSED") throw new AppError("CONFLICT", "This incident is closed.");
  const type = need.typeId ? await loadNeedType(db, { id: need.typeId }) : null;
  const neededByChanged = input.neededBy !== undefined && input.neededBy.getTime() !== need.neededBy.getTime();
  const { id, version, ...fields } = input;
  // Task rules judge the need as it would be after the edit (stored values overlaid with the input).
  const merged = { ...need, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
  throwIfFieldErrors({
    ...needFieldErrors(
      { unit: input.unit, requiredCapabilities: input.requiredCapabilities, neededBy: neededByChanged ? input.neededBy : undefined },
      type,
      now,
    ),
    ...knightTaskErrors(need.category, merged),
  });
  const data: Prisma.NeedUncheckedUpdateManyInput = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (data as Record<string, unknown>)[k] = v;
  const changed = Object.keys(data);
  if (changed.length === 0) throw new AppError("BAD_REQUEST", "Nothing to change.");
  const filledNow = filledTotal({ committed: need.qtyCommitted, enRoute: need.qtyEnRoute, onScene: need.qtyOnScene, released: need.qtyReleased });
  if (input.quantity !== undefined && input.quantity < filledNow) throw quantityBelowFilled(filledNow);

  return inTransaction(db, async (tx) => {
    const { count } = await tx.need.updateMany({
      where: { id, version, status: { in: [...EDITABLE_NEED_STATUSES] } },
      data: { ...data, version: { increment: 1 } },
    });
    if (count === 0) throw new AppError("CONFLICT", "Someone else changed this need; reload and try again.");
    let row = await tx.need.findUniqueOrThrow({ where: { id }, select: needSelect });
    const buckets = { committed: row.qtyCommitted, enRoute: row.qtyEnRoute, onScene: row.qtyOnScene, released: row.qtyReleased };
    if (row.status === "OPEN" && fillStatus(row.quantity, buckets) !== "OPEN") {
      row = await tx.need.update({ where: { id }, data: { status: fillStatus(row.quantity, buckets) }, select: needSelect });
    }
    await recordAudit(tx, {
      actorId: actor.userId,
      orgId: incident.orgId,
      action: "need.update",
      entityType: "Need",
      entityId: id,
      data: { title: row.title, changed },
    });
    return toNeedDto(row);
  }).catch(async (e: unknown) => {
    if (!isNeedOverfill(e)) throw e;
    const now = await db.need.findUniqueOrThrow({ where: { id }, select: { qtyCommitted: true, qtyEnRoute: true, qtyOnScene: true, qtyReleased: true } });
    throw quantityBelowFilled(now.qtyCommitted + now.qtyEnRoute + now.qtyOnScene + now.qtyReleased);
  });
}
