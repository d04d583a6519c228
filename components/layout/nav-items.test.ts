import { describe, expect, it } from "vitest";
import { navItemsFor } from "@/components/layout/nav-items";

describe("navItemsFor", () => {
  it("always starts with the dashboard", () => {
    expect(navItemsFor([]).map((i) => i.key)).toEqual(["dashboard"]);
  });
  it("adds each role's areas once, in a stable order", () => {
    expect(navItemsFor(["EXPERT", "SUPPLIER"]).map((i) => i.key)).toEqual(["dashboard"]);
    expect(navItemsFor(["ADMIN", "KNIGHT"]).map((i) => i.key)).toEqual(["dashboard", "adminOrganizations"]);
  });
  it("shows admin areas only to admins", () => {
    expect(navItemsFor(["REQUESTER"]).some((i) => i.key === "adminOrganizations")).toBe(false);
  });
});
