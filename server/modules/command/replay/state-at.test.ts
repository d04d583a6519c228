import { describe, expect, it } from "vitest";
import type { TReplayEvent } from "@/lib/schemas/command-replay";
import { toReplayEvent } from "@/server/modules/command/replay/replay-events";
import { stateAt } from "@/server/modules/command/replay/state-at";

const T0 = Date.parse("2026-11-01T00:00:00Z");
let seq = 0n;
const ev = (minute: number, action: string, data: Record<string, unknown>, ids: { needId?: string; assignmentId?: string } = {}): TReplayEvent =>
  toReplayEvent({ seq: ++seq, at: new Date(T0 + minute * 60_000), action, data, needId: ids.needId ?? null, assignmentId: ids.assignmentId ?? null });
const at = (minute: number) => new Date(T0 + minute * 60_000);

const events = [
  ev(0, "incident.create", { status: "ACTIVE" }),
  ev(1, "need.create", { quantity: 3, status: "OPEN" }, { needId: "n1" }),
  ev(2, "assignment.offer", {}, { needId: "n1", assignmentId: "a1" }),
  ev(3, "assignment.offer", {}, { needId: "n1", assignmentId: "a2" }),
  ev(4, "assignment.accept", { quantity: 2 }, { needId: "n1", assignmentId: "a1" }),
  ev(5, "assignment.decline", { reason: "busy" }, { needId: "n1", assignmentId: "a2" }),
  ev(6, "assignment.progress", { status: "EN_ROUTE" }, { needId: "n1", assignmentId: "a1" }),
  ev(7, "knightOffer.accept", { needId: "n1", assignmentId: "k1" }, { needId: "n1" }),
  ev(8, "knightTask.advance", { from: "ACCEPTED", to: "AT_DROPOFF" }, { needId: "n1", assignmentId: "k1" }),
  ev(9, "dispatch.start", { slots: 1 }, { needId: "n1" }),
  ev(10, "knightTask.complete", { points: 10 }, { needId: "n1", assignmentId: "k1" }),
  ev(11, "need.setStatus", { from: "FILLED", to: "CLOSED" }, { needId: "n1" }),
];

describe("toReplayEvent + stateAt (pure)", () => {
  it("normalises actions into kinds: knight stages map to assignment statuses, other rows are notes", () => {
    expect(events.map((e) => `${e.kind}:${e.status ?? ""}`)).toEqual([
      "INCIDENT_STATUS:ACTIVE", "NEED_POSTED:OPEN", "UNIT_STAGE:OFFERED", "UNIT_STAGE:OFFERED", "UNIT_STAGE:ACCEPTED", "UNIT_STAGE:DECLINED",
      "UNIT_STAGE:EN_ROUTE", "UNIT_STAGE:ACCEPTED", "UNIT_STAGE:ON_SCENE", "NOTE:", "UNIT_STAGE:COMPLETED", "NEED_STATUS:CLOSED",
    ]);
    expect(events[7]).toMatchObject({ assignmentId: "k1", quantity: 1 });
  });

  it("rebuilds quantities by stage and the automatic fill status at each time", () => {
    expect(stateAt(events, at(4)).needs.n1).toEqual({ status: "PARTIALLY_FILLED", quantity: 3, committed: 2, enRoute: 0, onScene: 0, released: 0 });
    expect(stateAt(events, at(6)).needs.n1).toMatchObject({ status: "PARTIALLY_FILLED", committed: 0, enRoute: 2 });
    expect(stateAt(events, at(8)).needs.n1).toMatchObject({ status: "FILLED", enRoute: 2, onScene: 1 });
    expect(stateAt(events, at(10)).needs.n1).toMatchObject({ status: "FILLED", enRoute: 2, onScene: 0, released: 1 });
    expect(stateAt(events, at(11)).needs.n1!.status).toBe("CLOSED");
    expect(stateAt(events, at(5)).units.a2).toEqual({ needId: "n1", stage: "DECLINED", quantity: 1 });
    expect(stateAt(events, new Date(T0 - 1))).toEqual({ incidentStatus: null, needs: {}, units: {}, applied: 0 });
    expect(stateAt(events, at(9.5)).applied).toBe(10);
  });
});
