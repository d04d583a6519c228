import Papa from "papaparse";
import type { TAarReport } from "@/lib/schemas/aar";

export const AAR_CSV_COLUMNS = ["section", "subject", "metric", "value", "audit_seqs"] as const;
type Cell = string | number | null;
type CsvRow = [section: string, subject: string, metric: string, value: Cell, auditSeqs?: string];

/**
 * The report as one long table (section, subject, metric, value, audit event seqs), so a spreadsheet can
 * pivot it. Codes stay as codes (segment, rule, reason, category); names follow the reader's language.
 * Durations are seconds, rates 0–1. Cells starting with = + - @ are escaped against formula injection.
 */
export function aarCsv(r: TAarReport, locale: "zh-CN" | "en"): string {
  const name = (zh: string, en: string | null) => (locale === "en" ? en || zh : zh);
  const rows: CsvRow[] = [];
  const i = r.incident;
  rows.push(
    ["overview", i.title, "incident_id", i.id], ["overview", i.title, "kind", i.kind], ["overview", i.title, "severity", i.severity],
    ["overview", i.title, "status", i.status], ["overview", i.title, "region", `${i.regionCode} ${name(i.regionNameZh, i.regionNameEn)}`],
    ["overview", i.title, "lead_organisation", i.orgName], ["overview", i.title, "started_at", i.startedAt.toISOString()],
    ["overview", i.title, "closed_at", i.closedAt?.toISOString() ?? null], ["overview", i.title, "first_event_at", r.firstEventAt?.toISOString() ?? null],
    ["overview", i.title, "last_event_at", r.lastEventAt?.toISOString() ?? null],
  );
  for (const o of r.objectives) rows.push(["objective", o.title, `${o.priority}:${o.typeKey}`, `${o.filled}/${o.quantity} ${o.unit}`]);
  for (const p of r.participants) rows.push(["participant", name(p.name, p.nameEn), p.role, p.detail ?? p.kind]);
  rows.push(["participant", "knights", "count", r.knights]);

  const segments = (subject: string, times: TAarReport["responseTimes"]) => {
    for (const s of times) rows.push(["response_time", subject, `${s.segment}.n`, s.n], ["response_time", subject, `${s.segment}.median_s`, s.medianSeconds], ["response_time", subject, `${s.segment}.p90_s`, s.p90Seconds]);
  };
  const funnel = (subject: string, f: TAarReport["funnel"]) => {
    for (const k of ["needed", "committed", "enRoute", "onScene", "released"] as const) rows.push(["fill_funnel", subject, k, f[k]]);
  };
  segments("all", r.responseTimes);
  funnel("all", r.funnel);
  for (const t of r.needTypes) {
    const subject = `${t.key} ${name(t.nameZh, t.nameEn)}`;
    segments(subject, t.responseTimes);
    funnel(subject, t.funnel);
  }
  const sr = r.supplierResponses;
  rows.push(["supplier_responses", "all", "offered", sr.offered], ["supplier_responses", "all", "accepted", sr.accepted], ["supplier_responses", "all", "declined", sr.declined], ["supplier_responses", "all", "expired", sr.expired]);
  for (const x of sr.reasons) rows.push(["supplier_responses", "decline_reason", x.reason, x.count]);

  for (const f of r.findings) {
    const seqs = f.evidence.map((e) => e.seq).join(" ");
    for (const [k, v] of Object.entries(f.figures)) rows.push([`finding_${f.kind.toLowerCase()}`, f.key, k, v, seqs]);
  }
  for (const p of r.improvementPlan) {
    const subject = p.issue;
    rows.push(
      ["improvement_plan", subject, "corrective_action", p.correctiveAction], ["improvement_plan", subject, "responsible_organisation", p.responsibleOrgName],
      ["improvement_plan", subject, "start_date", p.startDate], ["improvement_plan", subject, "completion_date", p.completionDate],
    );
  }
  for (const c of r.resourcesByCategory) if (c.assignments > 0) rows.push(["resources_by_category", c.category, "units", c.units]);
  for (const s of r.resourcesBySupplier) rows.push(["resources_by_supplier", s.name || s.category, s.category, s.units]);
  for (const u of r.unmetDemand) rows.push(["unmet_demand", `${u.typeCode ?? ""} ${name(u.typeNameZh, u.typeNameEn)}`.trim(), u.reason, u.unitsShort]);
  for (const m of r.costs.paymentModes) rows.push(["costs_payment_mode", m.mode, "needs", m.needs], ["costs_payment_mode", m.mode, "units", m.units]);
  // Money in yuan with two decimals; only when the reader may see it (the lists are empty otherwise).
  const yuan = (c: number) => (c / 100).toFixed(2);
  const money = (section: string, subject: string, l: TAarReport["costs"]["totals"][number]) =>
    rows.push([section, subject, `${l.mode}.amount_cny`, yuan(l.amountCents)], [section, subject, `${l.mode}.paid_cny`, yuan(l.paidCents)],
      [section, subject, `${l.mode}.outstanding_cny`, yuan(l.outstandingCents)], [section, subject, `${l.mode}.pending_cny`, yuan(l.pendingCents)]);
  for (const l of r.costs.totals) money("costs_total", l.mode, l);
  for (const l of r.costs.bySupplier) money("costs_supplier", l.name || (l.orgId ?? ""), l);
  const rec = r.costs.recoverable;
  if (rec) rows.push(["costs_recoverable", rec.unitName, "recoverable_cny", yuan(rec.recoverableCents)], ["costs_recoverable", rec.unitName, "recovered_cny", yuan(rec.recoveredCents)], ["costs_recoverable", rec.unitName, "outstanding_cny", yuan(rec.outstandingCents)]);

  const csv = Papa.unparse({ fields: [...AAR_CSV_COLUMNS], data: rows.map((x) => [x[0], x[1], x[2], x[3] ?? "", x[4] ?? ""]) }, { newline: "\n", escapeFormulae: true });
  return `\uFEFF${csv}\n`;
}

export function aarFileName(r: TAarReport, ext: "csv" | "pdf"): string {
  return `muster-aar-${r.incident.id}-${r.generatedAt.toISOString().slice(0, 10)}.${ext}`;
}
