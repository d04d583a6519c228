import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { allTrainingsExpired, trainingErrors, trainingStatus } from "@/server/modules/knights/training-rules";
import type { TKnightProfileDto, TOnDutyResult, TSetOnDutyInput, TUpdateKnightProfileInput } from "@/lib/schemas/knight-profile";
import { env } from "@/lib/env";
import { goOnDuty, dutyMinutes, restDue, restUntil, type DutyConfig } from "@/server/modules/knights/duty-rules";
import { armDutyLimit, disarmDutyLimit } from "@/server/modules/knights/knight-duty-limit";

/**
 * A knight's own profile ("knight.self"): always scoped by the caller's userId, so a knight can only
 * ever read or change their own. The select never names lastLat/lastLng: the exact position is private.
 */

const profileSelect = {
  id: true,
  vehicle: true,
  payloadKg: true,
  deliveryPlatform: true,
  homeDistrict: { select: { code: true, nameZh: true, nameEn: true } },
  onDuty: true,
  onDutySince: true,
  dutyStintStartedAt: true,
  offDutyAt: true,
  status: true,
  points: true,
  completedCount: true,
  user: { select: { name: true } },
  trainings: { select: { code: true, validUntil: true }, orderBy: { code: "asc" } },
} satisfies Prisma.KnightProfileSelect;

type ProfileRow = Prisma.KnightProfileGetPayload<{ select: typeof profileSelect }>;

export function dutyConfig(): DutyConfig {
  return { maxDutyMinutes: env.KNIGHT_MAX_DUTY_MINUTES, restMinutes: env.KNIGHT_REST_MINUTES };
}

export function toKnightProfileDto(row: ProfileRow, now: Date): TKnightProfileDto {
  const config = dutyConfig();
  return {
    id: row.id,
    name: row.user.name,
    vehicle: row.vehicle,
    payloadKg: row.payloadKg,
    deliveryPlatform: row.deliveryPlatform,
    homeDistrict: row.homeDistrict,
    onDuty: row.onDuty,
    onDutySince: row.onDutySince,
    status: row.status,
    points: row.points,
    completedCount: row.completedCount,
    trainings: row.trainings.map((t) => ({ code: t.code, validUntil: t.validUntil, ...trainingStatus(t.validUntil, now) })),
    allTrainingsExpired: allTrainingsExpired(row.trainings, now),
    dutyMinutes: dutyMinutes(row, now),
    dutyLimitMinutes: config.maxDutyMinutes,
    restDue: restDue(row, now, config),
    restUntil: restUntil(row, now, config),
  };
}

const NO_PROFILE = () => new AppError("NOT_FOUND", "You do not have a knight profile. Sign up as a knight first.");

async function loadOwn(db: Db, actor: Actor): Promise<ProfileRow> {
  const row = await db.knightProfile.findUnique({ where: { userId: actor.userId }, select: profileSelect });
  if (!row) throw NO_PROFILE();
  return row;
}

export async function getMyKnightProfile(db: Db, actor: Actor, now = new Date()): Promise<TKnightProfileDto> {
  return toKnightProfileDto(await loadOwn(db, actor), now);
}

function invalid(errors: Record<string, string[]>): AppError {
  return new AppError("UNPROCESSABLE_CONTENT", "Please correct the highlighted fields.", errors);
}

export async function updateMyKnightProfile(
  db: Db,
  actor: Actor,
  input: TUpdateKnightProfileInput,
  now = new Date(),
): Promise<TKnightProfileDto> {
  const current = await loadOwn(db, actor);
  const district = await db.region.findUnique({ where: { code: input.homeDistrictCode }, select: { level: true } });
  const errors = trainingErrors(input.trainings, current.trainings, now);
  if (!district || district.level === "PROVINCE") errors.homeDistrictCode = ["errors.regionUnknown"];
  if (Object.keys(errors).length) throw invalid(errors);

  return inTransaction(db, async (tx) => {
    await tx.knightProfile.update({
      where: { userId: actor.userId },
      data: {
        vehicle: input.vehicle,
        payloadKg: input.payloadKg,
        deliveryPlatform: input.deliveryPlatform,
        homeDistrictCode: input.homeDistrictCode,
      },
      select: { id: true },
    });
    // The list replaces the stored one: removed codes go, the rest are upserted.
    const codes = input.trainings.map((t) => t.code);
    await tx.knightTraining.deleteMany({ where: { knightId: current.id, code: { notIn: codes } } });
    for (const t of input.trainings) {
      await tx.knightTraining.upsert({
        where: { knightId_code: { knightId: current.id, code: t.code } },
        create: { knightId: current.id, code: t.code, validUntil: t.validUntil },
        update: { validUntil: t.validUntil },
        select: { id: true },
      });
    }
    const row = await tx.knightProfile.findUniqueOrThrow({ where: { userId: actor.userId }, select: profileSelect });
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "knight.updateProfile",
      entityType: "KnightProfile",
      entityId: current.id,
      data: {
        vehicle: input.vehicle,
        payloadKg: input.payloadKg,
        deliveryPlatform: input.deliveryPlatform,
        homeDistrictCode: input.homeDistrictCode,
        trainings: input.trainings.map((t) => ({ code: t.code, validUntil: t.validUntil?.toISOString() ?? null })),
      },
    });
    return toKnightProfileDto(row, now);
  });
}

/**
 * On / off duty. Going on duty with every training expired is allowed (plain deliveries need none)
 * but answered with a warning; a suspended knight cannot go on duty, nor one whose full stint ended less
 * than the rest period ago (duty-rules.ts). A short break continues the stint. Going on duty arms the
 * duty-limit job (rest prompt, then automatic off duty); going off disarms it. Switching to the state the
 * knight is already in changes nothing (onDutySince keeps the original start) and writes no audit event.
 */
export async function setKnightOnDuty(db: Db, actor: Actor, input: TSetOnDutyInput, now = new Date()): Promise<TOnDutyResult> {
  const current = await loadOwn(db, actor);
  if (input.onDuty && current.status === "SUSPENDED") {
    throw new AppError("FORBIDDEN", "Your knight account is suspended, so you cannot go on duty. Contact the platform team.");
  }
  const warnings = input.onDuty && allTrainingsExpired(current.trainings, now) ? ["warnings.allTrainingsExpired"] : [];
  if (current.onDuty === input.onDuty) return { profile: toKnightProfileDto(current, now), warnings };
  const decision = input.onDuty ? goOnDuty(current, now, dutyConfig()) : null;
  if (decision && !decision.ok) {
    const hhmm = decision.restUntil.toISOString().slice(11, 16);
    throw new AppError("PRECONDITION_FAILED", `You reached the duty-hours limit. Rest until ${hhmm} UTC, then go on duty again.`, {
      onDuty: ["errors.restRequired"],
    });
  }

  return inTransaction(db, async (tx) => {
    const { count } = await tx.knightProfile.updateMany({
      where: { userId: actor.userId, onDuty: !input.onDuty },
      data: input.onDuty
        ? { onDuty: true, onDutySince: now, dutyStintStartedAt: decision?.ok ? decision.stintStartedAt : now }
        : { onDuty: false, onDutySince: null, offDutyAt: now },
    });
    const row = await tx.knightProfile.findUniqueOrThrow({ where: { userId: actor.userId }, select: profileSelect });
    if (count > 0) {
      if (input.onDuty) await armDutyLimit(tx, row.id, row.dutyStintStartedAt ?? now);
      else await disarmDutyLimit(tx, row.id);
      await recordAudit(tx, {
        actorId: actor.userId,
        action: input.onDuty ? "knight.onDuty" : "knight.offDuty",
        entityType: "KnightProfile",
        entityId: row.id,
        data: { onDuty: input.onDuty },
      });
    }
    return { profile: toKnightProfileDto(row, now), warnings };
  });
}
