import { describe, expect, it } from "vitest";
import { escapeLike, parseMetrics } from "@/server/modules/catalogue/resource-types";

describe("parseMetrics", () => {
  it("maps well-formed metrics", () => {
    expect(parseMetrics([{ key: "flow_m3h", unit: "m³/h", labelZh: "流量", labelEn: "Flow", min: 0, max: 3000 }])).toEqual([
      { key: "flow_m3h", unit: "m³/h", labelZh: "流量", labelEn: "Flow", min: 0, max: 3000 },
    ]);
  });

  it("fills gaps and drops entries it cannot use", () => {
    expect(parseMetrics([{ key: "kw" }, { unit: "kg" }, "junk", null, [1], { key: "seats", min: "2", max: Infinity }])).toEqual([
      { key: "kw", unit: "", labelZh: "kw", labelEn: "kw", min: null, max: null },
      { key: "seats", unit: "", labelZh: "seats", labelEn: "seats", min: null, max: null },
    ]);
  });

  it("treats a non-array column as no metrics", () => {
    expect(parseMetrics({ key: "x" })).toEqual([]);
    expect(parseMetrics(null)).toEqual([]);
  });
});

describe("escapeLike", () => {
  it("makes LIKE wildcards and the escape character literal", () => {
    expect(escapeLike("50%_off\\x")).toBe("50\\%\\_off\\\\x");
    expect(escapeLike("水泵")).toBe("水泵");
  });
});
