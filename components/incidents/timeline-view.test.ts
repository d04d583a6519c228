import { describe, expect, it } from "vitest";
import type { Locale } from "@/lib/i18n/config";
import { translatorFor } from "@/lib/i18n/messages-for";
import type { TTimelineEntry } from "@/lib/schemas/incidents";
import { timelineSentence } from "@/components/incidents/timeline-view";

const base: TTimelineEntry = {
  at: new Date("2026-07-01T08:30:00Z"), action: "assignment.accept", actorName: "周供应", summary: "", entityType: "Assignment", entityId: "a1",
  needId: "n1", needTitle: "中山路排涝", taskKind: null, resourceTitle: "排水泵 A", resourceTitleEn: "Drainage pump A",
  supplierName: "苏安应急装备有限公司", supplierNameEn: "Su'an Emergency Equipment", knight: false, knightName: null, details: {},
};
const knightBase: TTimelineEntry = { ...base, entityType: "Assignment", resourceTitle: null, resourceTitleEn: null, supplierName: null, supplierNameEn: null, needTitle: "侦察积水深度", taskKind: "RECON", knight: true };

const say = (locale: Locale, patch: Partial<TTimelineEntry>) =>
  timelineSentence({ ...base, ...patch }, locale, {
    timeline: translatorFor(locale, "timeline"),
    incidents: translatorFor(locale, "incidents"),
    needs: translatorFor(locale, "needs"),
  });

describe("timelineSentence", () => {
  it("an accepted offer names the need and the resource with its supplier, in English forms on English pages", () => {
    expect(say("zh-CN", {})).toBe("「排水泵 A」（苏安应急装备有限公司）接受了「中山路排涝」的调派邀约");
    expect(say("en", {})).toBe("Drainage pump A (Su'an Emergency Equipment) accepted the offer for “中山路排涝”");
  });

  it("falls back to the Chinese name where there is no English one", () => {
    expect(say("en", { action: "assignment.offer", resourceTitleEn: null, supplierNameEn: null })).toBe("Offer for “中山路排涝” sent to 排水泵 A (苏安应急装备有限公司)");
  });

  it("a decline quotes its reason; expiry and withdrawal say so", () => {
    expect(say("zh-CN", { action: "assignment.decline", details: { reason: "泵车检修中" } })).toBe("「排水泵 A」（苏安应急装备有限公司）拒绝了「中山路排涝」的调派邀约：“泵车检修中”");
    expect(say("en", { action: "assignment.decline", details: { reason: "Under repair" } })).toBe("Drainage pump A (Su'an Emergency Equipment) declined the offer for “中山路排涝”: “Under repair”");
    expect(say("en", { action: "assignment.expire" })).toBe("The offer for “中山路排涝” to Drainage pump A (Su'an Emergency Equipment) expired unanswered");
    expect(say("zh-CN", { action: "assignment.cancel" })).toBe("撤回了发给「排水泵 A」（苏安应急装备有限公司）的「中山路排涝」邀约");
  });

  it("each progress step has its own sentence", () => {
    const steps = ["MOBILIZED", "EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED"];
    for (const locale of ["zh-CN", "en"] as const) {
      const said = steps.map((status) => say(locale, { action: "assignment.progress", details: { status } }));
      expect(new Set(said).size).toBe(steps.length);
      for (const s of said) expect(s).not.toMatch(/timeline\.|Recorded|记录/);
    }
    expect(say("zh-CN", { action: "assignment.progress", details: { status: "ON_SCENE" } })).toBe("「排水泵 A」（苏安应急装备有限公司）已到达「中山路排涝」现场");
    expect(say("en", { action: "assignment.progress", details: { status: "ON_SCENE" } })).toBe("Drainage pump A (Su'an Emergency Equipment) on scene for “中山路排涝”");
  });

  it("knights: named when the server named them, else 'a knight'; a recon task's delivery is its report", () => {
    expect(say("zh-CN", { ...knightBase, action: "knightOffer.accept", knightName: "王骑手" })).toBe("骑士王骑手接下了骑士任务「侦察积水深度」");
    expect(say("en", { ...knightBase, action: "knightOffer.accept" })).toBe("A knight accepted the knight task “侦察积水深度”");
    expect(say("zh-CN", { ...knightBase, action: "knightTask.advance", details: { from: "AT_DROPOFF", to: "DELIVERED" } })).toBe("一位骑士提交了「侦察积水深度」的侦察报告");
    expect(say("en", { ...knightBase, taskKind: "DELIVERY", action: "knightTask.advance", details: { to: "DELIVERED" } })).toBe("A knight delivered “侦察积水深度”");
    expect(say("en", { ...knightBase, action: "knightTask.complete", details: { points: 20 } })).toBe("A knight completed the knight task “侦察积水深度” (+20 points)");
    expect(say("zh-CN", { ...knightBase, action: "knightTask.noShow", details: { reason: "NO_SHOW" } })).toBe("一位骑士未到场，骑士任务「侦察积水深度」已取消");
    expect(say("en", { ...knightBase, entityType: "Need", knight: false, action: "dispatch.start", details: { slots: 3 } })).toBe("Knight dispatch started for “侦察积水深度”: 3 places");
  });

  it("status moves and reasons use the incidents / needs words", () => {
    expect(say("zh-CN", { entityType: "Incident", action: "incident.setStatus", details: { from: "ACTIVE", to: "CONTAINED" } })).toBe("事件状态：处置中 → 已控制");
    expect(say("en", { entityType: "Need", action: "need.unmet", details: { reason: "ALL_BUSY" } })).toMatch(/^No resource available for “中山路排涝” \(.+\)$/);
    expect(say("zh-CN", { entityType: "Need", action: "need.create", details: { quantity: 2, unit: "台" } })).toBe("发布需求「中山路排涝」：2 台");
  });

  it("an action it does not know reads as recorded, with its code", () => {
    expect(say("zh-CN", { action: "something.new" })).toBe("记录：something.new");
    expect(say("en", { action: "something.new" })).toBe("Recorded: something.new");
  });
});
