import Link from "next/link";
import type { Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import { formatDateTime, formatDuration } from "@/lib/i18n/format";
import { localizedName } from "@/lib/i18n/localized-name";
import type { TAarReport, TFinding } from "@/lib/schemas/aar";
import { localeHref } from "@/components/layout/routes";
import { incidentPath } from "@/components/incidents/incident-view";
import { AarSection, AarTable } from "@/components/command/aar/aar-table";
import { AarResourceSections } from "@/components/command/aar/aar-resources";
import { findingSentence } from "@/components/command/aar/aar-finding-text";
import { AarPlanEditor } from "@/components/command/aar/aar-plan-editor";

/**
 * The after-action report body (server-rendered, printable): overview and analysis here, the improvement
 * plan (editable by the incident's organisation) and the resource sections in their own files.
 */
export async function AarReport({ report: r, locale }: { report: TAarReport; locale: Locale }) {
  const [t, k, ti, tn] = await Promise.all([getT(locale, "aar"), getT(locale, "commandKpis"), getT(locale, "incidents"), getT(locale, "needs")]);
  const i = r.incident;
  const dur = (s: number | null) => (s === null ? k("response.none") : formatDuration(locale, s));
  const typeName = new Map(r.needTypes.map((x) => [x.key, localizedName(locale, x.nameZh, x.nameEn)]));
  const sentence = (f: TFinding) => findingSentence(f, r, locale, t, k);
  const improvements = r.findings.filter((f) => f.kind === "IMPROVEMENT");
  const strengths = r.findings.filter((f) => f.kind === "STRENGTH");
  const incidentHref = localeHref(locale, incidentPath(i.id));

  const findingList = (list: TFinding[], empty: string, testId: string) =>
    list.length === 0 ? (
      <p className="text-sm text-slate-600">{empty}</p>
    ) : (
      <ul className="space-y-3" data-testid={testId}>
        {list.map((f) => (
          <li key={f.key} className="break-inside-avoid" data-testid="aar-finding" data-rule={f.rule} data-finding-key={f.key}>
            <p className="text-sm text-slate-900">{sentence(f)}</p>
            {f.evidence.length > 0 ? (
              <p className="mt-1 text-xs text-slate-600">
                {t("analysis.evidence")}:{" "}
                {f.evidence.map((e, n) => (
                  <span key={e.seq}>
                    {n > 0 ? ", " : ""}
                    <Link href={incidentHref} className="underline" data-testid="aar-evidence" data-seq={e.seq} title={`${e.action} · ${formatDateTime(locale, e.at)}`}>
                      {t("analysis.seq", { seq: e.seq })} {e.action}
                    </Link>
                  </span>
                ))}
                {f.evidenceMore > 0 ? ` · ${t("analysis.evidenceMore", { n: f.evidenceMore })}` : ""}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    );

  return (
    <div className="space-y-6 print:space-y-4">
      <AarSection id="overview" title={t("overview.title")}>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 print:grid-cols-2">
          {[
            [t("overview.incident"), i.title],
            [t("overview.kind"), ti(`kinds.${i.kind}`)],
            [t("overview.severity"), ti(`severity.${i.severity}`)],
            [t("overview.status"), ti(`status.${i.status}`)],
            [t("overview.period"), t("overview.periodValue", { from: formatDateTime(locale, i.startedAt), to: i.closedAt ? formatDateTime(locale, i.closedAt) : t("overview.ongoing") })],
            [t("overview.events"), r.firstEventAt && r.lastEventAt ? t("overview.periodValue", { from: formatDateTime(locale, r.firstEventAt), to: formatDateTime(locale, r.lastEventAt) }) : "—"],
            [t("overview.region"), `${localizedName(locale, i.regionNameZh, i.regionNameEn)} (${i.regionCode})`],
            [t("overview.address"), i.address],
            [t("overview.area"), i.hasArea ? t("overview.areaDrawn") : t("overview.areaNone")],
            [t("overview.leadOrg"), i.orgName],
            [t("overview.organisations"), r.participants.map((p) => localizedName(locale, p.name, p.nameEn)).join(locale === "en" ? ", " : "、")],
          ].map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className="text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
        {i.description ? <p className="whitespace-pre-line text-sm text-slate-700">{i.description}</p> : null}
        <h3 className="pt-2 text-base font-semibold text-slate-900">{t("overview.objectives")}</h3>
        {r.objectives.length === 0 ? (
          <p className="text-sm text-slate-600">{t("overview.objectivesEmpty")}</p>
        ) : (
          <AarTable
            testId="aar-objectives"
            head={[t("overview.need"), t("overview.type"), t("overview.quantity"), t("overview.priority"), t("overview.neededBy"), t("overview.needStatus")]}
            rows={r.objectives.map((o) => [
              o.title, typeName.get(o.typeKey) ?? o.typeKey, `${o.filled} / ${o.quantity} ${o.unit}`, tn(`priority.${o.priority}`), formatDateTime(locale, o.neededBy), tn(`status.${o.status}`),
            ])}
          />
        )}
      </AarSection>

      <AarSection id="analysis" title={t("analysis.title")}>
        <AarTable
          testId="aar-segments"
          caption={<>{t("analysis.segments")} <span className="font-normal text-slate-600">{t("analysis.segmentsHint")}</span></>}
          head={[k("response.segment"), k("response.n"), k("response.median"), k("response.p90"), t("analysis.threshold")]}
          rows={r.responseTimes.map((s) => [k(`response.segments.${s.segment}`), s.n, dur(s.medianSeconds), dur(s.p90Seconds), r.thresholds[s.segment] !== undefined ? dur(r.thresholds[s.segment]!) : "—"])}
        />
        <AarTable
          testId="aar-types-funnel"
          caption={`${t("analysis.byType")} · ${t("analysis.funnel")}`}
          head={[t("analysis.type"), t("analysis.needs"), k("funnel.stages.needed"), k("funnel.stages.committed"), k("funnel.stages.enRoute"), k("funnel.stages.onScene"), k("funnel.stages.released")]}
          rows={[
            ...r.needTypes.map((x) => [typeName.get(x.key) ?? x.key, x.needs, x.funnel.needed, x.funnel.committed, x.funnel.enRoute, x.funnel.onScene, x.funnel.released]),
            [k("funnel.total"), r.objectives.length, r.funnel.needed, r.funnel.committed, r.funnel.enRoute, r.funnel.onScene, r.funnel.released],
          ]}
        />
        <AarTable
          testId="aar-types-segments"
          caption={`${t("analysis.byType")} · ${k("response.median")} / ${k("response.p90")}`}
          head={[t("analysis.type"), ...r.responseTimes.map((s) => k(`response.segments.${s.segment}`))]}
          rows={r.needTypes.map((x) => [typeName.get(x.key) ?? x.key, ...x.responseTimes.map((s) => (s.n === 0 ? "—" : `${dur(s.medianSeconds)} / ${dur(s.p90Seconds)} (${s.n})`))])}
        />
        <p className="text-sm text-slate-700" data-testid="aar-suppliers">
          {t("analysis.suppliers")}: {k("suppliers.offered")} {r.supplierResponses.offered} · {k("suppliers.accepted")} {r.supplierResponses.accepted} · {k("suppliers.declined")}{" "}
          {r.supplierResponses.declined} · {k("suppliers.expired")} {r.supplierResponses.expired}
        </p>
        <h3 className="pt-2 text-base font-semibold text-slate-900">{t("analysis.improvements")}</h3>
        {findingList(improvements, t("analysis.noImprovements"), "aar-improvements")}
        <h3 className="pt-2 text-base font-semibold text-slate-900">{t("analysis.strengths")}</h3>
        {findingList(strengths, t("analysis.noStrengths"), "aar-strengths")}
        <p className="text-sm print:hidden">
          <Link href={incidentHref} className="text-brand-700 underline">{t("analysis.openTimeline")}</Link>
        </p>
      </AarSection>

      <AarSection id="plan" title={t("plan.title")} description={t("plan.description")}>
        <AarPlanEditor
          incidentId={i.id}
          items={r.improvementPlan}
          orgs={r.responsibleOrgs}
          canEdit={r.canEditPlan}
          findings={improvements.map((f) => ({ key: f.key, label: sentence(f) }))}
        />
      </AarSection>

      <AarResourceSections report={r} locale={locale} />
      <p className="text-xs text-slate-500">{t("page.generatedAt", { at: formatDateTime(locale, r.generatedAt) })}</p>
    </div>
  );
}
