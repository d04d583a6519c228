import { describe, expect, it } from "vitest";
import { assembleLines, lifecycleMinutes, outstandingDays } from "@/server/modules/compensation/assemble-lines";
import { prepareReceipt } from "@/server/modules/compensation/receipt-file";
import { pngImage } from "@/server/modules/knights/photos/test-images";

const t = (h: number) => new Date(Date.UTC(2026, 11, 1, 0, 0) + h * 3_600_000);
const life = { mobilizedAt: t(0), enRouteAt: t(0.5), completedAt: t(30.5), releasedAt: t(31) };
const hourly = { rentUnit: "HOUR" as const, rentCents: 10_000, operatorCentsPerHour: 5_000, fuelCentsPerKm: 200 };
const ev = { operatorCount: 0, kmDriven: 0, damageCents: 0, damageNote: null };

describe("assembleLines", () => {
  it("operating = en route → completed; standby = mobilised → en route + completed → released", () => {
    expect(lifecycleMinutes(life)).toEqual({ operating: 1800, standby: 60 });
    expect(lifecycleMinutes({ mobilizedAt: t(0), enRouteAt: null, completedAt: t(2), releasedAt: null })).toEqual({ operating: 120, standby: 0 });
    expect(lifecycleMinutes({ mobilizedAt: null, enRouteAt: null, completedAt: null, releasedAt: null })).toEqual({ operating: 0, standby: 0 });
  });

  it.each([
    ["hourly rent, 30 h", hourly, ev, [["RENT", 30, 300_000], ["STANDBY", 1, 0]]],
    ["daily rent rounds days up (30 h → 2 d)", { ...hourly, rentUnit: "DAY" as const, rentCents: 120_000 }, ev, [["RENT", 2, 240_000], ["STANDBY", 1, 0]]],
    ["operators × hours, km × fuel, damage", hourly, { operatorCount: 3, kmDriven: 45, damageCents: 9_900, damageNote: "舱门变形" },
      [["RENT", 30, 300_000], ["OPERATOR", 90, 450_000], ["STANDBY", 1, 0], ["FUEL", 45, 9_000], ["DAMAGE", 1, 9_900]]],
  ] as const)("%s", (_name, rates, evidence, want) => {
    expect(assembleLines(rates, life, evidence).map((l) => [l.kind, l.quantity, l.amountCents])).toEqual(want);
  });

  it("without a rate card only standby and damage come from the evidence", () => {
    expect(assembleLines(null, life, { ...ev, damageCents: 500, damageNote: " " }).map((l) => [l.kind, l.description])).toEqual([["STANDBY", "standby"], ["DAMAGE", "damage"]]);
  });

  it("outstanding days count whole days to the decision or now", () => {
    expect(outstandingDays(t(0), null, t(71))).toBe(2);
    expect(outstandingDays(t(0), t(24), t(1000))).toBe(1);
  });
});

describe("prepareReceipt", () => {
  it("takes a photo (metadata stripped) or a complete PDF; refuses other types, truncated PDFs and oversize files", () => {
    expect(prepareReceipt(pngImage({ width: 4, height: 4 }))).toMatchObject({ ok: true, receipt: { contentType: "image/png" } });
    const pdf = Buffer.from("%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n");
    expect(prepareReceipt(pdf)).toMatchObject({ ok: true, receipt: { contentType: "application/pdf" } });
    expect(prepareReceipt(Buffer.from("%PDF-1.7\n1 0 obj<<>>endobj truncated"))).toEqual({ ok: false, error: "photoInvalid" });
    expect(prepareReceipt(Buffer.from("GIF89a................"))).toEqual({ ok: false, error: "receiptType" });
    expect(prepareReceipt(new Uint8Array(5 * 1024 * 1024 + 1))).toEqual({ ok: false, error: "photoTooLarge" });
  });
});
