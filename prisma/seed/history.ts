import type { Prisma } from "@/server/generated/prisma/client";
import type { AssignmentStatus } from "@/server/generated/prisma/enums";
import { LIVE_RETENTION_HOURS } from "@/server/modules/live/prune-live-events";
import { resourceOfferEvents } from "@/server/modules/offers/offer-live";
import { fillStatus, type Buckets } from "@/server/modules/needs/need-state";
import type { KnightTaskPrep } from "./history-knights";
import { knightTaskHistory } from "./history-knight-events";
import { HistoryLog, type History } from "./history-log";
import type { IncidentBuild, IncidentRow, NeedRow } from "./incidents";
import { HOUR, MINUTE } from "./random";
import type { ResourceRow } from "./resources";

/**
 * The audit trail and live events the seeded incidents would have left had people run them through the
 * app: incident and need creation (and approval), offers, accepts and progress steps of resource
 * assignments, knight dispatch and task steps, need and incident closes — with the same actions, entity
 * types and data shapes the app's own modules record (create-incident.ts, create-need.ts, set-need-status.ts,
 * set-incident-status.ts, offers/*, dispatch/*, knights/advance-knight-task.ts), at their historical times.
 * Live events only for live incidents and inside the retention window (older ones the app prunes).
 * Notifications are not written. Pure: the hash chain is computed when the rows are written (insert-history.ts).
 */

export interface HistoryContext {
  now: Date;
  incidents: IncidentBuild;
  resourcesById: Map<string, ResourceRow>;
  /** orgId → owner user id (who answers offers for the organisation). */
  ownerOf: Map<string, string>;
  /** knight profile id → user id. */
  knightUserOf: Map<string, string>;
  knightTasks: KnightTaskPrep;
}

type AssignmentRow = Prisma.AssignmentCreateManyInput & { id: string };
const SESSION = "session";
const PROGRESS: [AssignmentStatus, keyof AssignmentRow][] = [
  ["MOBILIZED", "mobilizedAt"], ["EN_ROUTE", "enRouteAt"], ["ON_SCENE", "onSceneAt"], ["COMPLETED", "completedAt"], ["RELEASED", "releasedAt"],
];
const date = (d: unknown) => (d ? new Date(d as Date | string) : null);

export function buildHistory(ctx: HistoryContext): History {
  const log = new HistoryLog(new Date(ctx.now.getTime() - LIVE_RETENTION_HOURS * HOUR), ctx.now);
  const needsOf = groupBy(ctx.incidents.needs, (n) => n.incidentId);
  const assignmentsOf = groupBy(ctx.incidents.assignments as AssignmentRow[], (a) => a.needId);
  const tasksOf = groupBy(ctx.knightTasks.tasks, (k) => k.assignment.needId);
  for (const incident of ctx.incidents.incidents) {
    const live = incident.status !== "CLOSED";
    const creator = incident.createdById as string;
    const orgId = incident.orgId as string;
    log.audit(incident.createdAt as Date, {
      actorId: creator, orgId, action: "incident.create", entityType: "Incident", entityId: incident.id,
      data: { title: incident.title, kind: incident.kind, severity: incident.severity, status: incident.status === "DRAFT" ? "DRAFT" : "ACTIVE", template: null, via: SESSION },
    });
    for (const z of ctx.incidents.hazardZones.filter((h) => h.incidentId === incident.id)) {
      log.audit(z.createdAt as Date, {
        actorId: creator, orgId, action: "hazardZone.create", entityType: "HazardZone", entityId: z.id,
        data: { incidentId: incident.id, name: z.name, severity: z.severity, requiredTraining: z.requiredTraining ?? null, bbox: { minLat: z.minLat, minLng: z.minLng, maxLat: z.maxLat, maxLng: z.maxLng } },
      });
    }
    const needs = needsOf.get(incident.id) ?? [];
    for (const need of needs) {
      needCreated(log, incident, need);
      for (const a of (assignmentsOf.get(need.id) ?? []).filter((x) => x.resourceId)) resourceSteps(log, ctx, incident, need, a, live);
      const tasks = tasksOf.get(need.id) ?? [];
      if (tasks.length > 0) knightTaskHistory(log, { incident, need, tasks, knightUserOf: ctx.knightUserOf, live });
    }
    incidentEnd(log, ctx.now, incident, needs);
  }
  return log.result();
}

function needCreated(log: HistoryLog, incident: IncidentRow, need: NeedRow): void {
  const approvedAt = date(need.approvedAt);
  const initial = need.status === "DRAFT" ? "DRAFT" : need.status === "PENDING_APPROVAL" || approvedAt ? "PENDING_APPROVAL" : "OPEN";
  const common = { actorId: need.createdById as string, orgId: incident.orgId as string, entityType: "Need", entityId: need.id };
  log.audit(need.createdAt as Date, {
    ...common, action: "need.create",
    data: { incidentId: incident.id, title: need.title, quantity: need.quantity, unit: need.unit, status: initial, via: SESSION },
  });
  if (approvedAt) {
    log.audit(approvedAt, { ...common, actorId: (need.approvedById as string) ?? common.actorId, action: "need.approve", data: { title: need.title, from: "PENDING_APPROVAL", to: "OPEN", unmetReason: null, unmetNote: null } });
  }
}

/** send-offer.ts, answer-offer.ts, report-progress.ts: one audit row and one set of live events per step. */
function resourceSteps(log: HistoryLog, ctx: HistoryContext, incident: IncidentRow, need: NeedRow, a: AssignmentRow, live: boolean): void {
  const resource = ctx.resourcesById.get(a.resourceId as string);
  if (!resource) throw new Error(`Seed assignment ${a.id}: unknown listing`);
  const supplierOrgId = resource.ownerOrgId ?? null;
  const supplierActor = (supplierOrgId ? ctx.ownerOf.get(supplierOrgId) : null) ?? resource.ownerUserId ?? null;
  const facts = { id: a.id, needId: need.id, incidentId: incident.id, quantity: a.quantity ?? 1, supplierOrgId, supplierUserId: resource.ownerUserId ?? null };
  const offeredAt = date(a.offeredAt)!;
  const holdExpiresAt = date(a.holdExpiresAt);
  const holdMinutes = holdExpiresAt ? Math.round((holdExpiresAt.getTime() - offeredAt.getTime()) / MINUTE) : null;
  log.audit(offeredAt, {
    actorId: (a.proposedById as string) ?? null, orgId: incident.orgId as string, action: "assignment.offer", entityType: "Assignment", entityId: a.id,
    data: { holdMinutes, resourceId: a.resourceId },
  });
  log.publish(offeredAt, resourceOfferEvents(facts, "OFFERED", holdExpiresAt), live);
  const acceptedAt = date(a.acceptedAt);
  if (!acceptedAt) return;
  const supplier = { actorId: supplierActor, orgId: supplierOrgId, entityType: "Assignment", entityId: a.id };
  log.audit(acceptedAt, { ...supplier, action: "assignment.accept", data: { quantity: a.quantity ?? 1 } });
  log.publish(acceptedAt, resourceOfferEvents(facts, "ACCEPTED"), live);
  for (const [status, field] of PROGRESS) {
    const at = date(a[field]);
    if (!at) continue;
    log.audit(at, { ...supplier, action: "assignment.progress", data: { status } });
    log.publish(at, resourceOfferEvents(facts, status), live);
  }
}

/**
 * set-need-status.ts and set-incident-status.ts: an unfilled need is closed (with its reason) or cancelled
 * by hand before its incident closes; closing the incident then closes the filled ones. A contained
 * incident was moved there an hour before "now".
 */
function incidentEnd(log: HistoryLog, now: Date, incident: IncidentRow, needs: NeedRow[]): void {
  const actorId = incident.createdById as string;
  const orgId = incident.orgId as string;
  if (incident.status === "CONTAINED") {
    const at = new Date(now.getTime() - HOUR);
    log.audit(at, { actorId, orgId, action: "incident.setStatus", entityType: "Incident", entityId: incident.id, data: { from: "ACTIVE", to: "CONTAINED", needsChanged: 0, unmetReason: null } });
    return;
  }
  if (incident.status !== "CLOSED") return;
  const closedAt = date(incident.closedAt)!;
  const byIncident: NeedRow[] = [];
  for (const need of needs) {
    const from = fillStatus(need.quantity, bucketsOf(need));
    if (need.status === "CLOSED" && from === "FILLED") {
      byIncident.push(need);
      continue;
    }
    log.audit(new Date(closedAt.getTime() - 10 * MINUTE), {
      actorId, orgId, action: "need.setStatus", entityType: "Need", entityId: need.id,
      data: { title: need.title, from, to: need.status, unmetReason: need.unmetReason ?? null, unmetNote: need.unmetNote ?? null },
    });
  }
  log.audit(closedAt, {
    actorId, orgId, action: "incident.setStatus", entityType: "Incident", entityId: incident.id,
    data: { from: "ACTIVE", to: "CLOSED", needsChanged: byIncident.length, unmetReason: null },
  });
  for (const need of byIncident) {
    log.audit(closedAt, {
      actorId, orgId, action: "need.setStatus", entityType: "Need", entityId: need.id,
      data: { from: "FILLED", to: "CLOSED", cause: "incident.CLOSED", unmetReason: null },
    });
  }
}

export function bucketsOf(need: NeedRow): Buckets {
  return { committed: need.qtyCommitted ?? 0, enRoute: need.qtyEnRoute ?? 0, onScene: need.qtyOnScene ?? 0, released: need.qtyReleased ?? 0 };
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}
