import { describe, expect, it } from "vitest";
import { INCIDENT_STATUSES, type TIncidentStatus } from "@/lib/schemas/incidents";
import { assertIncidentTransition, canTransitionIncident } from "@/server/modules/incidents/incident-state";
import { regionPrefix } from "@/server/modules/incidents/list-incidents";
import { summarise } from "@/server/modules/incidents/timeline";

/** Every (from, to) pair: the allowed ones, listed; everything else refused. */
const ALLOWED: [TIncidentStatus, TIncidentStatus][] = [
  ["DRAFT", "ACTIVE"],
  ["DRAFT", "CLOSED"],
  ["ACTIVE", "CONTAINED"],
  ["ACTIVE", "CLOSED"],
  ["CONTAINED", "ACTIVE"],
  ["CONTAINED", "CLOSED"],
];

describe("incident state machine", () => {
  const pairs = INCIDENT_STATUSES.flatMap((from) => INCIDENT_STATUSES.map((to) => [from, to] as const));
  it.each(pairs)("%s → %s", (from, to) => {
    const allowed = ALLOWED.some(([f, t]) => f === from && t === to);
    expect(canTransitionIncident(from, to)).toBe(allowed);
    if (allowed) expect(() => assertIncidentTransition(from, to)).not.toThrow();
    else expect(() => assertIncidentTransition(from, to)).toThrow();
  });

  it("CLOSED is final and says so", () => {
    expect(() => assertIncidentTransition("CLOSED", "ACTIVE")).toThrow(/closed/i);
  });

  it("an illegal move is a BAD_REQUEST naming both states", () => {
    try {
      assertIncidentTransition("DRAFT", "CONTAINED");
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe("BAD_REQUEST");
      expect((e as Error).message).toMatch(/DRAFT.*CONTAINED/);
    }
  });
});

describe("region filter prefix", () => {
  it.each([
    ["320000", "32"],
    ["320100", "3201"],
    ["320102", "320102"],
  ])("%s → %s", (code, prefix) => expect(regionPrefix(code)).toBe(prefix));
});

describe("timeline summary", () => {
  it("names the title, quantity and status move", () => {
    expect(summarise("need.create", { title: "排水泵", quantity: 4, unit: "unit", status: "OPEN" })).toBe("排水泵 ×4 unit OPEN");
    expect(summarise("need.setStatus", { title: "沙袋", from: "OPEN", to: "CLOSED", unmetReason: "TOO_LATE" })).toBe("沙袋 OPEN → CLOSED (TOO_LATE)");
    expect(summarise("incident.update", { changed: ["title", "severity"] })).toBe("title, severity");
    expect(summarise("x.y", null)).toBe("x.y");
  });
});
