import type { Candidate, MatchNeed } from "@/server/modules/matching/match-types";
import { completionRate, estimateCostCents } from "@/server/modules/matching/scoring/score-parts";
import type { ScoringContext } from "@/server/modules/matching/scoring/scoring-types";
import { formatDuration } from "@/lib/i18n/format";

function num(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Math.round(x * 10) / 10);
}

// One formatter for the process: toLocaleString(locale) builds a new Intl.NumberFormat on every call.
const GROUPED = new Intl.NumberFormat("en-US");

function yuan(cents: number): string {
  return `¥${GROUPED.format(Math.round(cents / 100))}`;
}

/**
 * "12.4 km, ETA 38 min, arrives 22 min before needed; flow 600 ≥ 500 m³/h; 96% completion"
 * "12.4 公里，预计38分钟到达，比需求时间早22分钟；流量 600 ≥ 500 m³/h；完成率 96%"
 * (times as spans, "ETA 2 h 51 min", the same formatter as the screens)
 * (+ estimated cost for PAID needs, + the supplier's live jobs when it has any)
 */
export function explainCandidate(
  need: MatchNeed,
  c: Candidate,
  ctx: ScoringContext,
  v: { etaMinutes: number; slackMinutes: number; load: number },
): { zh: string; en: string } {
  const km = c.distanceKm.toFixed(1);
  const eta = Math.round(v.etaMinutes);
  const slack = Math.round(v.slackMinutes);
  const span = (locale: "en" | "zh-CN", minutes: number) => formatDuration(locale, minutes * 60, { precision: "minute" });
  const en: string[] = [];
  const zh: string[] = [];
  const timingEn = slack >= 0 ? `arrives ${span("en", slack)} before needed` : `arrives ${span("en", -slack)} late`;
  const timingZh = slack >= 0 ? `比需求时间早${span("zh-CN", slack)}` : `比需求时间晚${span("zh-CN", -slack)}`;
  en.push(`${km} km, ETA ${span("en", eta)}, ${timingEn}`);
  zh.push(`${km} 公里，预计${span("zh-CN", eta)}到达，${timingZh}`);
  for (const [key, min] of Object.entries(need.requiredCapabilities)) {
    const m = ctx.metrics?.[key];
    const unit = m?.unit ? ` ${m.unit}` : "";
    const have = num(c.capabilities[key] ?? 0);
    en.push(`${m?.labelEn ?? key} ${have} ≥ ${num(min)}${unit}`);
    zh.push(`${m?.labelZh ?? key} ${have} ≥ ${num(min)}${unit}`);
  }
  const rate = completionRate(c);
  if (rate === null) {
    en.push("no completion history yet");
    zh.push("暂无履约记录");
  } else {
    en.push(`${Math.round(rate * 100)}% completion`);
    zh.push(`完成率 ${Math.round(rate * 100)}%`);
  }
  if (need.paymentMode === "PAID") {
    const cost = estimateCostCents(need, c);
    en.push(cost === 0 ? "free of charge" : `est. ${yuan(cost)}`);
    zh.push(cost === 0 ? "免费" : `预计费用 ${yuan(cost)}`);
  }
  if (v.load > 0) {
    en.push(`supplier has ${v.load} active job${v.load === 1 ? "" : "s"}`);
    zh.push(`供应方当前有 ${v.load} 项任务`);
  }
  return { en: en.join("; "), zh: zh.join("；") };
}
