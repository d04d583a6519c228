import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { PAYMENT_MODES, type TNeedPriority, type TNeedStatus, type TPaymentMode, type TUnmetReason } from "@/lib/schemas/needs";
import type { TAarNeedType, TAarObjective, TAarReport } from "@/lib/schemas/aar";
import type { KpiScope } from "@/server/modules/command/kpis/region-scope";
import { responseIntervals, responseTimes } from "@/server/modules/command/kpis/response-times";
import { fillFunnel } from "@/server/modules/command/kpis/fill-funnel";
import { supplierResponses } from "@/server/modules/command/kpis/supplier-responses";
import { committedByCategory } from "@/server/modules/command/kpis/resources-committed";
import { unmetDemand } from "@/server/modules/command/kpis/unmet-demand";
import { incidentAuditEventsCte } from "@/server/modules/incidents/incident-audit-events";
import { toReplayEvent, type IncidentAuditRow } from "@/server/modules/command/replay/replay-events";
import { canEditImprovementPlan, loadAarIncident } from "@/server/modules/command/aar/aar-access";
import { loadParticipants } from "@/server/modules/command/aar/aar-participants";
import { listImprovementItems } from "@/server/modules/command/aar/improvement-plan";
import { loadAarCosts } from "@/server/modules/command/aar/aar-costs";
import { deriveFindings, SEGMENT_P90_THRESHOLDS } from "@/server/modules/command/aar/aar-findings";

/** The KPIs' range covers the incident's whole life: needs are narrowed by incident, not by time. */
const ALL_TIME = { from: new Date("1970-01-01T00:00:00Z"), to: new Date("9999-12-31T00:00:00Z") };

type NeedRow = {
  id: string; title: string; typeCode: string | null; typeNameZh: string | null; typeNameEn: string | null; category: string; quantity: number; unit: string;
  priority: TNeedPriority; status: TNeedStatus; neededBy: Date; filled: number; unmetReason: TUnmetReason | null;
};

export const typeKeyOf = (n: { typeCode: string | null; category: string }) => n.typeCode ?? `category:${n.category}`;

/**
 * An incident's after-action report in the HSEEP AAR/IP structure: overview (incident, dates, area,
 * organisations, objectives from its needs), analysis (the command KPIs narrowed to the incident and to
 * each need type, findings by the rules in aar-findings.ts with their audit events), improvement plan,
 * participants, resources used, unmet demand and costs (needs and units by payment mode, and the money
 * from the ledger by supplier and mode: aar-costs.ts).
 */
export async function loadAar(db: Db, actor: Actor, incidentId: string): Promise<TAarReport> {
  const head = await loadAarIncident(db, actor, incidentId);
  const scope: KpiScope = { codes: [head.regionCode], ...ALL_TIME, incidentId: head.id };
  const [incident, needs, audit, overallTimes, overallFunnel, suppliers, byCategory, unmet, intervals, people, bySupplier, modes, plan, money] = await Promise.all([
    db.incident.findUniqueOrThrow({
      where: { id: head.id },
      select: {
        id: true, title: true, kind: true, severity: true, status: true, address: true, regionCode: true, area: true, description: true, startedAt: true, closedAt: true, orgId: true,
        region: { select: { nameZh: true, nameEn: true } }, org: { select: { name: true } },
      },
    }),
    db.$queryRaw<NeedRow[]>`
      SELECT n.id, n.title, t.code AS "typeCode", t.name_zh AS "typeNameZh", t.name_en AS "typeNameEn", n.category::text AS category, n.quantity, n.unit,
        n.priority::text AS priority, n.status::text AS status, n.needed_by AS "neededBy",
        (n.qty_committed + n.qty_en_route + n.qty_on_scene + n.qty_released)::int AS filled, n.unmet_reason::text AS "unmetReason"
      FROM need n LEFT JOIN resource_type t ON t.id = n.type_id
      WHERE n.incident_id = ${head.id} AND n.status NOT IN ('DRAFT', 'PENDING_APPROVAL')
      ORDER BY n.priority, n.created_at, n.id`,
    db.$queryRaw<IncidentAuditRow[]>`
      WITH ${incidentAuditEventsCte(head.id)}
      SELECT seq, created_at AS at, action, data, need_id AS "needId", assignment_id AS "assignmentId" FROM ev_all ORDER BY seq`,
    responseTimes(db, scope),
    fillFunnel(db, scope),
    supplierResponses(db, scope),
    committedByCategory(db, scope),
    unmetDemand(db, scope),
    responseIntervals(db, scope),
    loadParticipants(db, head.id),
    db.$queryRaw<{ orgId: string | null; name: string | null; category: string; assignments: number; units: number }[]>`
      SELECT r.owner_org_id AS "orgId", min(o.name) AS name, COALESCE(t.category::text, 'KNIGHT') AS category, count(*)::int AS assignments, sum(a.quantity)::int AS units
      FROM need n JOIN assignment a ON a.need_id = n.id
      LEFT JOIN resource r ON r.id = a.resource_id LEFT JOIN resource_type t ON t.id = r.type_id LEFT JOIN organization o ON o.id = r.owner_org_id
      WHERE n.incident_id = ${head.id} AND a.accepted_at IS NOT NULL
      GROUP BY r.owner_org_id, COALESCE(t.category::text, 'KNIGHT')
      ORDER BY units DESC, name NULLS LAST`,
    db.$queryRaw<{ mode: TPaymentMode; needs: number; units: number }[]>`
      SELECT n.payment_mode::text AS mode, count(*)::int AS needs, sum(n.qty_committed + n.qty_en_route + n.qty_on_scene + n.qty_released)::int AS units
      FROM need n WHERE n.incident_id = ${head.id} AND n.status NOT IN ('DRAFT', 'PENDING_APPROVAL') GROUP BY n.payment_mode`,
    listImprovementItems(db, head.id),
    loadAarCosts(db, actor, head),
  ]);

  // Need types: one group per catalogue type (or category, for needs without one), in the needs' order.
  const groups = new Map<string, NeedRow[]>();
  for (const n of needs) groups.set(typeKeyOf(n), [...(groups.get(typeKeyOf(n)) ?? []), n]);
  const needTypes: TAarNeedType[] = await Promise.all(
    [...groups.entries()].map(async ([key, rows]) => {
      const s = { ...scope, needIds: rows.map((r) => r.id) };
      const [times, funnel] = await Promise.all([responseTimes(db, s), fillFunnel(db, s)]);
      const first = rows[0]!;
      return { key, typeCode: first.typeCode, category: first.category, nameZh: first.typeNameZh ?? first.category, nameEn: first.typeNameEn ?? first.category, needs: rows.length, responseTimes: times, funnel: funnel.total };
    }),
  );

  const events = audit.map(toReplayEvent);
  const needType = new Map(needs.map((n) => [n.id, typeKeyOf(n)]));
  const findings = deriveFindings({
    needTypes,
    needType,
    unmetNeeds: needs.filter((n) => n.unmetReason !== null).map((n) => ({ needId: n.id, unitsShort: Math.max(0, n.quantity - n.filled) })),
    supplierResponses: suppliers,
    intervals,
    events,
  });
  const objectives: TAarObjective[] = needs.map((n) => ({
    needId: n.id, title: n.title, typeKey: typeKeyOf(n), quantity: n.quantity, unit: n.unit, priority: n.priority, status: n.status, neededBy: n.neededBy, filled: n.filled, unmetReason: n.unmetReason,
  }));
  const modeBy = new Map(modes.map((m) => [m.mode, m]));

  return {
    incident: {
      id: incident.id, title: incident.title, kind: incident.kind, severity: incident.severity, status: incident.status, address: incident.address,
      regionCode: incident.regionCode, regionNameZh: incident.region.nameZh, regionNameEn: incident.region.nameEn, hasArea: incident.area !== null,
      description: incident.description, startedAt: incident.startedAt, closedAt: incident.closedAt, orgId: incident.orgId, orgName: incident.org.name,
    },
    firstEventAt: audit[0]?.at ?? null,
    lastEventAt: audit.at(-1)?.at ?? null,
    generatedAt: new Date(),
    objectives,
    participants: people.participants,
    knights: people.knights,
    responseTimes: overallTimes,
    funnel: overallFunnel.total,
    needTypes,
    supplierResponses: suppliers,
    findings,
    thresholds: SEGMENT_P90_THRESHOLDS,
    resourcesByCategory: byCategory,
    resourcesBySupplier: bySupplier.map((r) => ({ ...r, name: r.name ?? "" })),
    unmetDemand: unmet,
    costs: { paymentModes: PAYMENT_MODES.map((mode) => ({ mode, needs: modeBy.get(mode)?.needs ?? 0, units: modeBy.get(mode)?.units ?? 0 })), ...money },
    improvementPlan: plan,
    responsibleOrgs: people.participants.map((p) => ({ id: p.orgId, name: p.name })),
    canEditPlan: canEditImprovementPlan(actor, head),
  };
}
