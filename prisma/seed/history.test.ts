import { describe, expect, it } from "vitest";
import { LIVE_RETENTION_HOURS } from "@/server/modules/live/prune-live-events";
import { statusForStage } from "@/server/modules/knights/knight-task-stages";
import { buildDataset } from "./build-dataset";

const NOW = new Date("2026-03-01T08:00:00Z");
const d = buildDataset({ seed: "history", scale: 600, knights: 120, now: NOW, adminId: null, passwordHash: "hash" });
const { incidents, needs, assignments } = d.incidents;
const { audits, live } = d.history;
const auditsOf = (entityId: string) => audits.filter((x) => x.entityId === entityId);

describe("seeded history (pure)", () => {
  it("is in time order, never after the seed's now", () => {
    for (let i = 1; i < audits.length; i++) expect(audits[i]!.at.getTime()).toBeGreaterThanOrEqual(audits[i - 1]!.at.getTime());
    for (let i = 1; i < live.length; i++) expect(live[i]!.at.getTime()).toBeGreaterThanOrEqual(live[i - 1]!.at.getTime());
    expect(audits.every((x) => x.at <= NOW)).toBe(true);
  });

  it("creates every incident and need, and closes what is closed", () => {
    for (const i of incidents) {
      expect(auditsOf(i.id)[0]).toMatchObject({ action: "incident.create", actorId: i.createdById, at: i.createdAt });
      if (i.status === "CLOSED") expect(auditsOf(i.id).at(-1)).toMatchObject({ action: "incident.setStatus", at: i.closedAt, data: { to: "CLOSED" } });
    }
    for (const n of needs) {
      const rows = auditsOf(n.id);
      expect(rows[0], n.title).toMatchObject({ action: "need.create", entityType: "Need", data: { title: n.title, quantity: n.quantity } });
      if (n.status === "CLOSED" || n.status === "CANCELLED") expect(rows.at(-1)!.data, n.title).toMatchObject({ to: n.status });
    }
  });

  it("records each resource assignment's offer, accept and every progress step it reached", () => {
    const steps: Record<string, string[]> = {
      OFFERED: [], ACCEPTED: [], EN_ROUTE: ["MOBILIZED", "EN_ROUTE"], ON_SCENE: ["MOBILIZED", "EN_ROUTE", "ON_SCENE"],
      RELEASED: ["MOBILIZED", "EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED"],
    };
    for (const a of assignments.filter((x) => x.resourceId)) {
      const rows = auditsOf(a.id!);
      expect(rows[0]).toMatchObject({ action: "assignment.offer", at: a.offeredAt });
      if (a.status === "OFFERED") {
        expect(rows).toHaveLength(1);
        continue;
      }
      expect(rows[1]).toMatchObject({ action: "assignment.accept", data: { quantity: a.quantity } });
      expect(rows.slice(2).map((r) => (r.data as { status: string }).status)).toEqual(steps[a.status as string]);
    }
  });

  it("walks knight tasks through their stages, one accepted offer per place", () => {
    const knightTasks = assignments.filter((x) => x.knightId);
    expect(knightTasks.length).toBeGreaterThan(0);
    expect(d.knightOffers).toHaveLength(knightTasks.length);
    const slots = new Set(d.knightOffers.map((o) => `${o.needId}:${o.slotIndex}`));
    expect(slots.size).toBe(d.knightOffers.length);
    for (const a of knightTasks) {
      expect(a.status).toBe(statusForStage(a.taskStage!));
      const offer = d.knightOffers.find((o) => o.needId === a.needId && o.knightId === a.knightId)!;
      expect(new Date(offer.expiresAt).getTime()).toBeGreaterThan(new Date(a.acceptedAt!).getTime());
      const accept = audits.find((x) => x.action === "knightOffer.accept" && x.entityId === offer.id);
      expect(accept?.data).toMatchObject({ assignmentId: a.id, needId: a.needId, slotIndex: offer.slotIndex });
      const last = auditsOf(a.id!).at(-1);
      if (a.taskStage === "COMPLETED") expect(last).toMatchObject({ action: "knightTask.complete" });
      else if (a.taskStage !== "ACCEPTED") expect(last?.data).toMatchObject({ to: a.taskStage });
    }
  });

  it("writes live events only for live incidents, inside the retention window", () => {
    const liveIncidents = new Set(incidents.filter((i) => i.status !== "CLOSED").map((i) => i.id));
    const since = NOW.getTime() - LIVE_RETENTION_HOURS * 3600_000;
    expect(live.length).toBeGreaterThan(0);
    for (const e of live) {
      expect(e.at.getTime()).toBeGreaterThanOrEqual(since);
      const incidentId = (e.data as { incidentId?: string }).incidentId;
      if (incidentId) expect(liveIncidents.has(incidentId)).toBe(true);
    }
    const flood = incidents.find((i) => i.title === "秦淮区短时强降雨城市内涝")!;
    expect(live.some((e) => e.topic === `incident:${flood.id}` && e.kind === "resourceOffer.updated")).toBe(true);
  });
});
