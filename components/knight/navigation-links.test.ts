import { describe, expect, it } from "vitest";
import { amapUrl, baiduUrl, geoUri } from "@/components/knight/navigation-links";

const target = { lat: 32.0603, lng: 118.7969, label: "鼓楼医院 东门" };

describe("navigation links", () => {
  it("builds a geo: URI with latitude first and the label escaped", () => {
    expect(geoUri(target)).toBe(`geo:32.060300,118.796900?q=32.060300,118.796900(${encodeURIComponent("鼓楼医院 东门")})`);
  });
  it("sends Amap longitude first, WGS-84, riding", () => {
    const u = new URL(amapUrl(target));
    expect(u.origin + u.pathname).toBe("https://uri.amap.com/navigation");
    expect(u.searchParams.get("to")).toBe("118.796900,32.060300,鼓楼医院 东门");
    expect(u.searchParams.get("coordinate")).toBe("wgs84");
    expect(u.searchParams.get("mode")).toBe("ride");
  });
  it("sends Baidu latitude first, WGS-84", () => {
    const u = new URL(baiduUrl(target));
    expect(u.origin + u.pathname).toBe("https://api.map.baidu.com/marker");
    expect(u.searchParams.get("location")).toBe("32.060300,118.796900");
    expect(u.searchParams.get("coord_type")).toBe("wgs84");
    expect(u.searchParams.get("title")).toBe("鼓楼医院 东门");
  });
});
