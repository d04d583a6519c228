import type { Locale } from "@/lib/i18n/config";
import { formatDuration, formatPercent } from "@/lib/i18n/format";
import { localizedName } from "@/lib/i18n/localized-name";
import type { Translator } from "@/lib/i18n/translate";
import type { TAarReport, TFinding } from "@/lib/schemas/aar";

/** The sentence for one finding, from its rule and figures (t = the aar namespace, k = commandKpis). */
export function findingSentence<A extends string, B extends string>(f: TFinding, r: TAarReport, locale: Locale, t: Translator<A>, k: Translator<B>): string {
  const type = r.needTypes.find((x) => x.key === f.typeKey);
  const typeName = type ? localizedName(locale, type.nameZh, type.nameEn) : t("analysis.incidentWide");
  const dur = (s: number | undefined) => formatDuration(locale, s ?? 0);
  const pct = (x: number | undefined) => formatPercent(locale, x ?? 0);
  const g = f.figures;
  const vars: Record<string, string | number> = { type: typeName, segment: f.segment ? k(`response.segments.${f.segment}`) : "" };
  switch (f.rule) {
    case "SEGMENT_SLOW":
    case "SEGMENT_WITHIN":
      Object.assign(vars, { p90: dur(g.p90Seconds), threshold: dur(g.thresholdSeconds), over: g.over ?? 0, n: g.n ?? 0 });
      break;
    case "NEED_TYPE_UNMET":
      Object.assign(vars, { needs: g.needs ?? 0, unitsShort: g.unitsShort ?? 0 });
      break;
    case "NEED_TYPE_FILLED":
      Object.assign(vars, { needed: g.needed ?? 0, committed: g.committed ?? 0, share: pct(g.share) });
      break;
    case "HIGH_DECLINE_RATE":
      Object.assign(vars, {
        rate: pct(g.rate), declined: g.declined ?? 0, answered: g.answered ?? 0, threshold: pct(g.thresholdRate),
        reasons: f.reasons.map((x) => `${x.reason || k("suppliers.noReason")} ×${x.count}`).join(locale === "en" ? "; " : "；") || k("suppliers.noReason"),
      });
      break;
    case "HIGH_ACCEPTANCE_RATE":
      Object.assign(vars, { rate: pct(g.rate), accepted: g.accepted ?? 0, answered: g.answered ?? 0, threshold: pct(g.thresholdRate) });
      break;
  }
  return t(`analysis.findings.${f.rule}`, vars);
}
