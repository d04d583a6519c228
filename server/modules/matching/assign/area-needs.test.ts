import { describe, expect, it } from "vitest";
import { boundingBox } from "@/server/modules/matching/assign/area-needs";
import { haversineKm } from "@/server/modules/offers/offer-inbox";

describe("boundingBox", () => {
  it("holds every point of the circle (the exact distance test runs after it, so it must not cut any off)", () => {
    for (const [lat, lng, r] of [[32.06, 118.8, 10], [45, 10, 100], [-33.9, 151.2, 0.5], [0, 179.9, 50]] as const) {
      const box = boundingBox(lat, lng, r);
      for (let deg = 0; deg < 360; deg += 5) {
        // a point ~r km away on bearing `deg`, pulled in until it is inside the circle
        const rad = (deg * Math.PI) / 180;
        let k = 1;
        let p = { lat: lat + (r / 111.32) * Math.cos(rad) * k, lng: lng + ((r / 111.32) * Math.sin(rad) * k) / Math.cos((lat * Math.PI) / 180) };
        while (haversineKm(lat, lng, p.lat, p.lng) > r) {
          k *= 0.999;
          p = { lat: lat + (r / 111.32) * Math.cos(rad) * k, lng: lng + ((r / 111.32) * Math.sin(rad) * k) / Math.cos((lat * Math.PI) / 180) };
        }
        expect(p.lat).toBeGreaterThanOrEqual(box.minLat);
        expect(p.lat).toBeLessThanOrEqual(box.maxLat);
        expect(p.lng).toBeGreaterThanOrEqual(box.minLng);
        expect(p.lng).toBeLessThanOrEqual(box.maxLng);
      }
    }
  });

  it("is not much larger than the circle, and does not bound longitude at a pole", () => {
    const box = boundingBox(32.06, 118.8, 10);
    expect(haversineKm(32.06, 118.8, box.maxLat, 118.8)).toBeLessThan(10.2);
    expect(haversineKm(32.06, 118.8, 32.06, box.maxLng)).toBeLessThan(10.2);
    const pole = boundingBox(89.99, 0, 5);
    expect(pole.maxLng - pole.minLng).toBe(360);
  });
});
