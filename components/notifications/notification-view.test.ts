import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/config";
import { formatRelativeTime } from "@/lib/i18n/format";
import { translatorFor } from "@/lib/i18n/messages-for";
import { NOTIFICATION_KINDS, type NotificationKind } from "@/lib/schemas/notifications";
import { describeNotification, notificationText, NOTIFICATION_VIEWS } from "@/components/notifications/notification-view";

const TITLES = { needTitle: "玄武区排涝", resourceTitle: "移动泵车 700m³/h" };

/** Payloads as the server writes them (grep `notify(` under server/). */
const SAMPLES: Record<NotificationKind, Record<string, unknown>> = {
  "offer.received": { assignmentId: "a1", needId: "n1", holdExpiresAt: "2026-07-01T08:30:00.000Z", ...TITLES },
  "offer.accepted": { assignmentId: "a1", needId: "n1", incidentId: "i1", ...TITLES },
  "offer.declined": { assignmentId: "a1", needId: "n1", incidentId: "i1", reason: "泵车在检修", ...TITLES },
  "offer.cancelled": { assignmentId: "a1", needId: "n1", ...TITLES },
  "assignment.progress": { assignmentId: "a1", needId: "n1", incidentId: "i1", status: "ON_SCENE", ...TITLES },
  "need.unmet": { needId: "n1", incidentId: "i1", title: "排涝泵车", reason: "NO_SUPPLIER_IN_RANGE" },
  "need.volunteered": { volunteerId: "v1", needId: "n1", incidentId: "i1", supplierName: "华力机械", supplierNameEn: "Huali Machinery", ...TITLES },
  "dispatch.unmet": { needId: "n1", incidentId: "i1", title: "送药", reason: "ALL_BUSY", offered: 7, at: "2026-07-01T08:30:00.000Z" },
  "knight.checkInMissed": { assignmentId: "a1", needId: "n1", incidentId: "i1", silentMinutes: 25 },
  "knight.restDue": { dutyMinutes: 480, limitMinutes: 480, autoOffAt: "2026-07-01T08:30:00.000Z" },
  "knight.autoOffDuty": { dutyMinutes: 500, restMinutes: 60 },
  "knight.taskCompleted": { assignmentId: "a1", needId: "n1", points: 12 },
  "knight.taskCancelled": { needId: "n1", incidentId: "i1", title: "送药", reason: "NEED_CANCELLED" },
  "hazard.alert": { zoneId: "z1", zoneName: "化工厂泄漏区", severity: "II", incidentId: "i1" },
  "claim.filed": { claimId: "c1", assignmentId: "a1", incidentId: "i1", resourceTitle: "移动泵车 700m³/h", resourceTitleEn: "Mobile pump truck", supplierName: "华力机械", supplierNameEn: "Huali Machinery", claimedCents: 123_450 },
  "claim.lineDecided": { claimId: "c1", assignmentId: "a1", incidentId: "i1", resourceTitle: "移动泵车 700m³/h", lineId: "l1", description: "燃油 120 升", status: "ADJUSTED", amountCents: 90_000, approvedCents: 80_000, reason: "按当日油价" },
  "claim.paid": { claimId: "c1", assignmentId: "a1", incidentId: "i1", resourceTitle: "移动泵车 700m³/h", paidCents: 80_000 },
  "order.excessRefunded": { orderId: "o1", amountCents: 120_000 },
};

function render(kind: string, payload: Record<string, unknown>, locale: (typeof locales)[number]) {
  const v = describeNotification({ kind, payload }, locale);
  const text = notificationText(v, translatorFor(locale, "notifications"), (ref) => translatorFor(locale, ref.ns)(ref.key));
  return { ...v, text };
}

/** Literal kinds passed to notify() in server code (plus the exported constant of end-knight-work). */
function kindsSentByServer(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(".ts") && !p.endsWith(".test.ts")) {
        const src = readFileSync(p, "utf8");
        for (const m of src.matchAll(/await notify\(tx,.*?"([a-z]+\.[A-Za-z]+)"/g)) found.add(m[1]!);
        for (const m of src.matchAll(/_NOTIFICATION = "([a-z]+\.[A-Za-z]+)"/g)) found.add(m[1]!);
      }
    }
  };
  walk("server/modules");
  return found;
}

describe("notification view", () => {
  it("has a sentence and link for exactly the kinds notify() may send", () => {
    expect(Object.keys(NOTIFICATION_VIEWS).sort()).toEqual([...NOTIFICATION_KINDS].sort());
    expect(Object.keys(SAMPLES).sort()).toEqual([...NOTIFICATION_KINDS].sort());
  });

  it("covers every kind the server code sends", () => {
    const sent = kindsSentByServer();
    expect(sent.size).toBeGreaterThanOrEqual(10);
    for (const k of sent) expect(NOTIFICATION_KINDS, k).toContain(k);
  });

  for (const kind of NOTIFICATION_KINDS) {
    it(`${kind} reads as a full sentence in every locale`, () => {
      for (const locale of locales) {
        const { text, path } = render(kind, SAMPLES[kind], locale);
        expect(text, `${kind} ${locale}`).not.toMatch(/notifications\.|needs\.|offers\.|\{\w+\}/);
        expect(text.length).toBeGreaterThan(5);
        expect(path.startsWith("/")).toBe(true);
      }
    });
  }

  it("uses the payload's fields", () => {
    expect(render("need.unmet", SAMPLES["need.unmet"], "zh-CN").text).toContain("排涝泵车");
    expect(render("need.unmet", SAMPLES["need.unmet"], "en").text).toContain("No supplier in range");
    expect(render("dispatch.unmet", SAMPLES["dispatch.unmet"], "en").text).toContain("7 knights");
    expect(render("offer.declined", SAMPLES["offer.declined"], "en").text).toContain("泵车在检修");
    expect(render("knight.taskCompleted", SAMPLES["knight.taskCompleted"], "en").text).toContain("12 points");
    expect(render("knight.checkInMissed", SAMPLES["knight.checkInMissed"], "zh-CN").text).toContain("25分钟");
    expect(render("knight.taskCancelled", SAMPLES["knight.taskCancelled"], "en").text).toContain("送药");
    // the sentence says why: the need ended, the dispatcher cancelled, or a no-show
    const why = (reason: string, locale: "zh-CN" | "en") => render("knight.taskCancelled", { ...SAMPLES["knight.taskCancelled"], reason }, locale).text;
    expect(new Set(["NEED_CANCELLED", "CANCELLED", "NO_SHOW"].map((r) => why(r, "en"))).size).toBe(3);
    expect(new Set(["NEED_CANCELLED", "CANCELLED", "NO_SHOW"].map((r) => why(r, "zh-CN"))).size).toBe(3);
    expect(why("CANCELLED", "en")).toContain("dispatcher");
    expect(why("NO_SHOW", "zh-CN")).toContain("未到场");
    expect(render("assignment.progress", SAMPLES["assignment.progress"], "en").text).toContain("On scene");
    expect(render("offer.received", SAMPLES["offer.received"], "zh-CN").text).toMatch(/2026/);
  });

  it("an offer's sentences name the need and the resource; payloads written before they did still read well", () => {
    for (const kind of ["offer.received", "offer.accepted", "offer.declined", "offer.cancelled", "assignment.progress"] as const) {
      for (const locale of locales) {
        const named = render(kind, SAMPLES[kind], locale).text;
        expect(named, `${kind} ${locale}`).toContain("玄武区排涝");
        expect(named, `${kind} ${locale}`).toContain("移动泵车 700m³/h");
        const { needTitle: _n, resourceTitle: _r, ...older } = SAMPLES[kind];
        const plain = render(kind, older, locale).text;
        expect(plain, `${kind} ${locale}`).not.toMatch(/玄武区排涝|\{\w+\}/);
      }
    }
    expect(render("offer.accepted", SAMPLES["offer.accepted"], "en").text).toBe("“移动泵车 700m³/h” accepted the offer for “玄武区排涝”.");
  });

  it("names the resource in the reader's language when the payload carries its English title", () => {
    const bilingual = { ...TITLES, resourceTitleEn: "Mobile pump truck, 700 m³/h" };
    for (const kind of ["offer.received", "offer.accepted", "offer.declined", "offer.cancelled", "assignment.progress"] as const) {
      const payload = { ...SAMPLES[kind], ...bilingual };
      const en = render(kind, payload, "en").text;
      expect(en, kind).toContain("Mobile pump truck, 700 m³/h");
      expect(en, kind).not.toContain("移动泵车");
      expect(en, kind).toContain("玄武区排涝"); // a need has no English form: its title as typed
      const zh = render(kind, payload, "zh-CN").text;
      expect(zh, kind).toContain("移动泵车 700m³/h");
      expect(zh, kind).not.toContain("Mobile pump truck");
    }
    expect(render("offer.accepted", { ...SAMPLES["offer.accepted"], ...bilingual }, "en").text).toBe("“Mobile pump truck, 700 m³/h” accepted the offer for “玄武区排涝”.");
    // a listing without an English title, or a payload written before they carried one: the Chinese title
    expect(render("offer.accepted", { ...SAMPLES["offer.accepted"], resourceTitleEn: " " }, "en").text).toContain("移动泵车 700m³/h");
  });

  it("reads sensibly when optional fields are missing", () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const locale of locales) expect(render(kind, {}, locale).text, kind).not.toMatch(/notifications\.|needs\.|offers\.|\{\w+\}/);
    }
    expect(render("offer.declined", {}, "en").text).toBe("A supplier declined your offer.");
    expect(render("knight.taskCompleted", { points: 0 }, "en").text).toBe("Task completed; your points have been credited.");
  });

  it("links to where to act", () => {
    expect(render("offer.received", SAMPLES["offer.received"], "en").path).toBe("/offers");
    expect(render("offer.cancelled", {}, "en").path).toBe("/offers");
    for (const kind of ["offer.accepted", "offer.declined", "assignment.progress", "need.unmet", "dispatch.unmet", "knight.checkInMissed"]) {
      expect(render(kind, SAMPLES[kind as NotificationKind], "en").path, kind).toBe("/incidents/i1");
      expect(render(kind, {}, "en").path, kind).toBe("/incidents");
    }
    expect(render("knight.taskCompleted", SAMPLES["knight.taskCompleted"], "en").path).toBe("/knight/tasks/a1");
    expect(render("knight.taskCompleted", {}, "en").path).toBe("/knight/history");
    expect(render("knight.taskCancelled", SAMPLES["knight.taskCancelled"], "en").path).toBe("/knight");
    expect(render("knight.restDue", {}, "en").path).toBe("/knight");
  });

  it("compensation: names the supplier, the line, the amounts and the reason; each decision reads differently; links to the requisition", () => {
    expect(render("claim.filed", SAMPLES["claim.filed"], "en").text).toBe("“Huali Machinery” filed a compensation claim for the requisitioned “Mobile pump truck”, CN¥1,234.50 in all; please decide each line.");
    expect(render("claim.filed", SAMPLES["claim.filed"], "zh-CN").text).toContain("华力机械");
    expect(render("claim.filed", SAMPLES["claim.filed"], "zh-CN").text).toContain("¥1,234.50");
    expect(render("claim.lineDecided", SAMPLES["claim.lineDecided"], "en").text).toBe("Claim line “燃油 120 升” for “移动泵车 700m³/h” was adjusted from CN¥900.00 to CN¥800.00: “按当日油价”");
    const decided = (status: string, locale: "zh-CN" | "en") => render("claim.lineDecided", { ...SAMPLES["claim.lineDecided"], status }, locale).text;
    for (const locale of locales) expect(new Set(["APPROVED", "ADJUSTED", "DISPUTED", "PENDING"].map((s) => decided(s, locale))).size).toBe(4);
    expect(decided("DISPUTED", "zh-CN")).toContain("异议");
    expect(decided("APPROVED", "en")).toContain("approved: CN¥800.00");
    expect(render("claim.paid", SAMPLES["claim.paid"], "zh-CN").text).toContain("¥800.00");
    for (const kind of ["claim.filed", "claim.lineDecided", "claim.paid"] as const) {
      expect(render(kind, SAMPLES[kind], "en").path, kind).toBe("/requisitions/a1");
      expect(render(kind, {}, "en").path, kind).toBe("/requisitions");
    }
  });

  it("an overpayment refund: the amount, linked to the order", () => {
    expect(render("order.excessRefunded", SAMPLES["order.excessRefunded"], "en")).toMatchObject({
      text: "A payment for an order completed after the order was cancelled; the CN¥1,200.00 not owed was refunded to the card.",
      path: "/orders/o1",
    });
    expect(render("order.excessRefunded", SAMPLES["order.excessRefunded"], "zh-CN").text).toContain("¥1,200.00");
    expect(render("order.excessRefunded", {}, "en").path).toBe("/orders");
  });

  it("falls back to a generic sentence for an unknown kind", () => {
    expect(render("something.new", { x: 1 }, "en")).toMatchObject({ text: "You have a new notification.", path: "/dashboard" });
    expect(render("toString", {}, "zh-CN").text).toBe("你有一条新通知。");
  });
});

describe("formatRelativeTime", () => {
  const now = new Date("2026-07-01T08:00:00Z");
  it("says just now, minutes and hours within a day, the date beyond", () => {
    expect(formatRelativeTime("en", new Date("2026-07-01T07:59:30Z"), now, "just now")).toBe("just now");
    expect(formatRelativeTime("en", new Date("2026-07-01T07:55:00Z"), now, "just now")).toBe("5 minutes ago");
    expect(formatRelativeTime("zh-CN", new Date("2026-07-01T05:00:00Z"), now, "刚刚")).toBe("3小时前");
    expect(formatRelativeTime("en", "2026-06-29T08:00:00Z", now, "just now")).toMatch(/Jun 29, 2026/);
  });
});
