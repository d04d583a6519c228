import { describe, expect, it } from "vitest";
import { canAddPhotos, canRemovePhotos } from "@/server/modules/knights/photos/photo-rules";

describe("when photos may be added or removed", () => {
  it("adds at the site and after delivering, never on the way or once the task ended", () => {
    expect(canAddPhotos("AT_DROPOFF", "ON_SCENE")).toBe(true);
    expect(canAddPhotos("DELIVERED", "ON_SCENE")).toBe(true);
    for (const stage of ["ACCEPTED", "AT_PICKUP", "PICKED_UP"] as const) expect(canAddPhotos(stage, "EN_ROUTE")).toBe(false);
    expect(canAddPhotos("COMPLETED", "COMPLETED")).toBe(false);
    expect(canAddPhotos("AT_DROPOFF", "CANCELLED")).toBe(false);
  });

  it("removes only before the report is sent", () => {
    expect(canRemovePhotos("AT_DROPOFF", "ON_SCENE")).toBe(true);
    expect(canRemovePhotos("DELIVERED", "ON_SCENE")).toBe(false);
    expect(canRemovePhotos("AT_DROPOFF", "CANCELLED")).toBe(false);
  });
});
