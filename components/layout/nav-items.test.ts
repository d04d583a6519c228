import { describe, expect, it } from "vitest";
import { navItemsFor } from "@/components/layout/nav-items";

describe("navItemsFor", () => {
  it("always starts with the dashboard", () => {
    expect(navItemsFor([]).map((i) => i.key)).toEqual(["dashboard"]);
  });
  it("adds each role's areas once, in a stable order", () => {
    expect(navItemsFor(["EXPERT", "SUPPLIER"]).map((i) => i.key)).toEqual(["dashboard", "myListings", "offers", "browseListings", "organization", "catalogue"]);
    expect(navItemsFor(["ADMIN", "KNIGHT"]).map((i) => i.key)).toEqual(["dashboard", "knightHome", "knightHistory", "knightStanding", "knightProfile", "adminOrganizations", "incidents", "command", "browseListings", "catalogue"]);
    expect(navItemsFor(["REQUESTER", "ADMIN"]).map((i) => i.key)).toEqual(["dashboard", "incidents", "command", "browseListings", "organization", "catalogue", "adminOrganizations"]);
  });
  it("shows incidents to requesters and admins only", () => {
    expect(navItemsFor(["SUPPLIER", "KNIGHT", "EXPERT"]).some((i) => i.key === "incidents")).toBe(false);
  });
  it("shows the catalogue to everyone but knights, the organisation to org members, the knight profile to knights", () => {
    expect(navItemsFor(["KNIGHT"]).map((i) => i.key)).toEqual(["dashboard", "knightHome", "knightHistory", "knightStanding", "knightProfile"]);
    expect(navItemsFor(["EXPERT"]).map((i) => i.key)).toContain("catalogue");
    expect(navItemsFor(["EXPERT"]).map((i) => i.key)).not.toContain("organization");
    expect(navItemsFor(["REQUESTER"]).map((i) => i.key)).toContain("organization");
  });
  it("lets everyone but knights browse listings", () => {
    expect(navItemsFor(["KNIGHT"]).some((i) => i.key === "browseListings")).toBe(false);
    for (const role of ["REQUESTER", "SUPPLIER", "EXPERT", "ADMIN"]) {
      expect(navItemsFor([role]).some((i) => i.key === "browseListings")).toBe(true);
    }
  });
  it("shows the command centre to requesters (government members) and admins only", () => {
    expect(navItemsFor(["SUPPLIER", "KNIGHT", "EXPERT"]).some((i) => i.key === "command")).toBe(false);
    expect(navItemsFor(["REQUESTER"]).some((i) => i.key === "command")).toBe(true);
    expect(navItemsFor(["ADMIN"]).some((i) => i.key === "command")).toBe(true);
  });
  it("shows admin areas only to admins", () => {
    expect(navItemsFor(["REQUESTER"]).some((i) => i.key === "adminOrganizations")).toBe(false);
  });
});
