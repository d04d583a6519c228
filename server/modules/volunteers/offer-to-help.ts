import type { PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { TVolunteerInput } from "@/lib/schemas/volunteers";
import { AppError } from "@/server/errors";
import { dbErrorMentions } from "@/server/db-errors";
import { CONTENDED_TX_OPTIONS } from "@/server/modules/accounts/transaction";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { findCandidates } from "@/server/modules/matching/find-candidates";
import { loadMatchNeed } from "@/server/modules/matching/load-match-need";
import { notify } from "@/server/modules/notifications/notify";
import { liveTopics } from "@/server/modules/live/live-topics";
import { publishLive } from "@/server/modules/live/publish-live";
import { BOARD_NEED_SQL, ownListingSql } from "@/server/modules/volunteers/supplier-scope";

/** The partial unique index: one live offer to help per (need, listing). */
const LIVE_KEY = "volunteer_live_need_resource_key";

/** The live event the dispatchers' matching panel follows on the incident's topic (ids only). */
export const VOLUNTEER_EVENT = "volunteer.updated";

/** Users who dispatch for the incident's organisation (owners and dispatchers, accounts not disabled). */
async function incidentDispatchers(db: PrismaClient, orgId: string): Promise<string[]> {
  const rows = await db.membership.findMany({
    where: { orgId, role: { in: ["OWNER", "DISPATCHER"] }, user: { disabledAt: null } },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}

/**
 * "Offer to help": the caller puts one of its own listings forward for an open need it may see on the work
 * board. A hidden need or someone else's listing is NOT_FOUND (nothing is confirmed); a listing that fails
 * any rule of the matcher's candidate query for this need (type, capabilities, distance, availability,
 * credentials, capacity, verified owner) is refused with a field error on `resourceId`. Nothing is held or
 * booked: the listing only joins the dispatcher's candidates, marked as volunteered, and becomes an
 * assignment through the normal propose → offer path. The incident's dispatchers are notified. Audited.
 */
export async function offerToHelp(db: PrismaClient, actor: Actor, input: TVolunteerInput, now = new Date()) {
  const [need] = await db.$queryRaw<{ id: string; title: string; incident_id: string; org_id: string }[]>`
    SELECT n.id, n.title, n.incident_id, i.org_id FROM need n JOIN incident i ON i.id = n.incident_id
    WHERE n.id = ${input.needId} AND ${BOARD_NEED_SQL}`;
  if (!need) throw new AppError("NOT_FOUND", "This need does not exist or is no longer open.", { needId: ["errors.needNotOpen"] });
  const [listing] = await db.$queryRaw<{ id: string; title: string; title_en: string | null; owner_org_id: string | null; org_name: string | null; org_name_en: string | null }[]>`
    SELECT r.id, r.title, r.title_en, r.owner_org_id, o.name AS org_name, o.name_en AS org_name_en
    FROM resource r LEFT JOIN organization o ON o.id = r.owner_org_id
    WHERE r.id = ${input.resourceId} AND ${ownListingSql(actor)}`;
  if (!listing) throw new AppError("NOT_FOUND", "This listing does not exist or is not yours.", { resourceId: ["errors.notYourListing"] });
  const matchNeed = await loadMatchNeed(db, need.id);
  const [eligible] = await findCandidates(db, matchNeed, { now, resourceId: listing.id, poolSize: 1 });
  if (!eligible) {
    throw new AppError("BAD_REQUEST", "That listing is not eligible for this need (type, capability, distance, availability, credentials or capacity).", {
      resourceId: ["errors.resourceIneligible"],
    });
  }
  try {
    return await db.$transaction(async (tx) => {
      const v = await tx.volunteer.create({
        data: { needId: need.id, resourceId: listing.id, orgId: listing.owner_org_id, userId: actor.userId },
        select: { id: true, needId: true, resourceId: true, createdAt: true },
      });
      await recordAudit(tx, {
        actorId: actor.userId, orgId: listing.owner_org_id, action: "volunteer.offer", entityType: "Volunteer", entityId: v.id,
        data: { needId: need.id, resourceId: listing.id },
      });
      await notify(tx, await incidentDispatchers(db, need.org_id), "need.volunteered", {
        volunteerId: v.id, needId: need.id, incidentId: need.incident_id, needTitle: need.title,
        resourceTitle: listing.title, resourceTitleEn: listing.title_en, supplierName: listing.org_name, supplierNameEn: listing.org_name_en,
      });
      await publishLive(tx, [{ topic: liveTopics.incident(need.incident_id), kind: VOLUNTEER_EVENT, data: { volunteerId: v.id, needId: need.id, status: "OFFERED" } }]);
      return v;
    }, CONTENDED_TX_OPTIONS);
  } catch (e) {
    if (dbErrorMentions(e, [LIVE_KEY])) {
      throw new AppError("CONFLICT", "This listing is already offered for this need.", { resourceId: ["errors.alreadyVolunteered"] });
    }
    throw e;
  }
}

/** The caller withdraws its own live offer to help (its organisation's, or its own as an individual). Audited. */
export async function withdrawVolunteer(db: PrismaClient, actor: Actor, id: string): Promise<{ id: string; withdrawnAt: Date }> {
  const [row] = await db.$queryRaw<{ id: string; org_id: string | null; need_id: string; incident_id: string }[]>`
    SELECT v.id, v.org_id, v.need_id, n.incident_id FROM volunteer v JOIN resource r ON r.id = v.resource_id JOIN need n ON n.id = v.need_id
    WHERE v.id = ${id} AND v.withdrawn_at IS NULL AND ${ownListingSql(actor)}`;
  if (!row) throw new AppError("NOT_FOUND", "This offer to help does not exist, is not yours or was already withdrawn.");
  return db.$transaction(async (tx) => {
    const v = await tx.volunteer.update({ where: { id: row.id }, data: { withdrawnAt: new Date() }, select: { id: true, withdrawnAt: true } });
    await recordAudit(tx, { actorId: actor.userId, orgId: row.org_id, action: "volunteer.withdraw", entityType: "Volunteer", entityId: v.id, data: {} });
    await publishLive(tx, [{ topic: liveTopics.incident(row.incident_id), kind: VOLUNTEER_EVENT, data: { volunteerId: v.id, needId: row.need_id, status: "WITHDRAWN" } }]);
    return { id: v.id, withdrawnAt: v.withdrawnAt! };
  }, CONTENDED_TX_OPTIONS);
}
