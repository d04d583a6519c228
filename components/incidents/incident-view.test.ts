import { describe, expect, it } from "vitest";
import { editNeedPath, incidentActions, incidentPath, pickEnum } from "@/components/incidents/incident-view";
import { SEVERITIES } from "@/lib/schemas/incidents";

describe("incident actions", () => {
  it("follows draft → active → contained → closed", () => {
    expect(incidentActions("DRAFT").map((a) => a.to)).toEqual(["ACTIVE", "CLOSED"]);
    expect(incidentActions("ACTIVE").map((a) => a.to)).toEqual(["CONTAINED", "CLOSED"]);
    expect(incidentActions("CONTAINED").map((a) => a.to)).toEqual(["ACTIVE", "CLOSED"]);
    expect(incidentActions("CLOSED")).toEqual([]);
  });
});

describe("filters and links", () => {
  it("accepts only known values from the query string", () => {
    expect(pickEnum(SEVERITIES, "II")).toBe("II");
    expect(pickEnum(SEVERITIES, ["III", "I"])).toBe("III");
    expect(pickEnum(SEVERITIES, "V")).toBeUndefined();
    expect(pickEnum(SEVERITIES, undefined)).toBeUndefined();
  });

  it("builds the incident and need-edit paths", () => {
    expect(incidentPath("c1")).toBe("/incidents/c1");
    expect(editNeedPath("c1", "n/2")).toBe("/incidents/c1/needs/n%2F2/edit");
  });
});
