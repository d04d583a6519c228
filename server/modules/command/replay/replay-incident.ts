import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { TIncidentReplay, TReplayVerifyResult } from "@/lib/schemas/command-replay";
import type { TNeedPriority } from "@/lib/schemas/needs";
import { incidentScope } from "@/server/modules/incidents/access";
import { incidentAuditEventsCte } from "@/server/modules/incidents/incident-audit-events";
import { commandRegionsFor } from "@/server/modules/command/command-access";
import { toReplayEvent, type IncidentAuditRow } from "@/server/modules/command/replay/replay-events";
import { verifyAuditChain } from "@/server/modules/audit/verify-audit-chain";
import { auditHash } from "@/server/modules/audit/record-audit";
import type { JsonValue } from "@/server/modules/audit/canonical-json";

type IncidentHead = { id: string; title: string; regionCode: string; lat: number; lng: number };
const HEAD = { id: true, title: true, regionCode: true, lat: true, lng: true } as const;

/**
 * The incident, if the caller may replay it: members of its government organisation and admins (as for
 * the incident page), or command-centre users of its region. Otherwise NOT_FOUND, so ids are not confirmed.
 */
async function loadReplayable(db: Db, actor: Actor, incidentId: string): Promise<IncidentHead> {
  const own = await db.incident.findFirst({ where: { id: incidentId, ...incidentScope(actor) }, select: HEAD });
  if (own) return own;
  const other = await db.incident.findUnique({ where: { id: incidentId }, select: HEAD });
  if (other) {
    const codes = await commandRegionsFor(db, actor);
    if (codes === null || codes.includes(other.regionCode)) return other;
  }
  throw new AppError("NOT_FOUND", "This incident does not exist or is not yours to see.");
}

/**
 * An incident's hash-chained audit events, oldest first, normalised for playback (toReplayEvent), with the
 * needs and units they mention, so a client can rebuild the state at any time T (stateAt). The events are
 * the rows the incident timeline shows (incidentAuditEventsCte). Knights are never named and no position
 * but the needs' public staging points is returned.
 */
export async function replayIncident(db: Db, actor: Actor, incidentId: string): Promise<TIncidentReplay> {
  const incident = await loadReplayable(db, actor, incidentId);
  const [rows, needs, units] = await Promise.all([
    db.$queryRaw<IncidentAuditRow[]>`
      WITH ${incidentAuditEventsCte(incident.id)}
      SELECT seq, created_at AS at, action, data, need_id AS "needId", assignment_id AS "assignmentId" FROM ev_all ORDER BY seq`,
    db.need.findMany({
      where: { incidentId: incident.id },
      select: { id: true, title: true, priority: true, unit: true, stagingLat: true, stagingLng: true },
      orderBy: { createdAt: "asc" },
    }),
    db.$queryRaw<{ assignmentId: string; needId: string; label: string | null; labelEn: string | null; knight: boolean; quantity: number }[]>`
      SELECT a.id AS "assignmentId", a.need_id AS "needId", r.title AS label, r.title_en AS "labelEn", a.knight_id IS NOT NULL AS knight, a.quantity
      FROM assignment a JOIN need n ON n.id = a.need_id LEFT JOIN resource r ON r.id = a.resource_id
      WHERE n.incident_id = ${incident.id} ORDER BY a.created_at, a.id`,
  ]);
  return {
    incident,
    needs: needs.map((n) => ({ ...n, priority: n.priority as TNeedPriority })),
    units,
    events: rows.map(toReplayEvent),
  };
}

/**
 * "Verify": recomputes every hash of the audit chain (verify-audit-chain.ts; each row's hash covers the one
 * before, so an incident's events are only as sound as the chain up to them) and each of the incident's own
 * events, and says whether it is intact and, if not, where it breaks and whether that row is the incident's.
 */
export async function verifyIncidentReplay(db: Db, actor: Actor, incidentId: string): Promise<TReplayVerifyResult> {
  const incident = await loadReplayable(db, actor, incidentId);
  const own = await db.$queryRaw<{ seq: bigint; actorId: string | null; orgId: string | null; action: string; entityType: string; entityId: string; data: unknown; prevHash: string | null; hash: string; createdAt: Date }[]>`
    WITH ${incidentAuditEventsCte(incident.id)}
    SELECT seq, actor_id AS "actorId", org_id AS "orgId", action, entity_type AS "entityType", entity_id AS "entityId", data,
      prev_hash AS "prevHash", hash, created_at AS "createdAt" FROM ev_all ORDER BY seq`;
  const ownSeqs = new Set(own.map((r) => r.seq.toString()));
  // The incident's rows first: a tampered one is named even if an older, unrelated row also broke.
  const badOwn = own.find((r) => auditHash(r.prevHash, { ...r, data: r.data as JsonValue }) !== r.hash);
  const chain = await verifyAuditChain(db);
  if (badOwn) {
    return { intact: false, incidentEvents: own.length, chainChecked: chain.checked, brokenAtSeq: badOwn.seq.toString(), brokenInIncident: true, reason: "hash does not match the row's content" };
  }
  if (!chain.ok) {
    const at = chain.brokenAtSeq.toString();
    return { intact: false, incidentEvents: own.length, chainChecked: chain.checked, brokenAtSeq: at, brokenInIncident: ownSeqs.has(at), reason: chain.reason };
  }
  return { intact: true, incidentEvents: own.length, chainChecked: chain.checked, brokenAtSeq: null, brokenInIncident: false, reason: null };
}
