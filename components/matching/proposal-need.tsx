"use client";

import { QuoteSummary } from "@/components/orders/quote-summary";
import { useEffect, useRef, useState } from "react";
import { formatDateTime } from "@/lib/i18n/format";
import { useLocale, useT } from "@/lib/i18n/client";
import { localizedName } from "@/lib/i18n/localized-name";
import type { TProposalDto } from "@/lib/schemas/matching-assign";
import { SwapCandidates } from "@/components/matching/swap-candidates";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";

type Need = TProposalDto["needs"][number];
type Assignment = TProposalDto["assignments"][number];
export type SentOffer = { id: string; needId: string; resourceTitle: string; resourceTitleEn: string | null; quantity: number; holdExpiresAt: Date | string | null };

/** One proposed resource: what it is, why it was chosen, and the dispatcher's send / swap / remove. */
function ProposalRow(props: {
  a: Assignment;
  needTitle: string;
  selected: boolean;
  busy: boolean;
  sending: boolean;
  proposedResourceIds: ReadonlySet<string>;
  onSend: () => void;
  onDrop: () => void;
  onSelect: () => void;
  onChanged: () => void;
}) {
  const { a, selected, busy } = props;
  const t = useT("matching");
  const locale = useLocale();
  const [swapping, setSwapping] = useState(false);
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    // a click on the map selects this row: bring it into view (a no-op when already visible)
    if (selected) ref.current?.scrollIntoView?.({ block: "nearest", behavior: "smooth" });
  }, [selected]);
  const explanation = locale === "en" ? a.explanationEn : a.explanationZh;
  const title = localizedName(locale, a.resourceTitle, a.resourceTitleEn);
  const supplier = a.supplierName ? localizedName(locale, a.supplierName, a.supplierNameEn) : null;
  return (
    <li
      ref={ref}
      className={cx("rounded-lg border p-3 text-sm transition-colors", selected ? "border-slate-900 bg-amber-50 ring-2 ring-slate-900" : "border-slate-200")}
      data-testid="proposal-assignment"
      data-assignment-id={a.id}
      data-selected={selected ? "true" : "false"}
      aria-current={selected ? "true" : undefined}
      onClick={props.onSelect}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 space-y-1">
          <p className="font-medium text-slate-900" data-testid="proposal-resource-title">{title}</p>
          <p className="flex flex-wrap gap-x-3 text-xs text-slate-600">
            <span>{supplier ? t("assignment.supplier", { name: supplier }) : t("assignment.individual")}</span>
            <span>{t("assignment.quantity", { n: a.quantity })}</span>
            {a.unitIndex !== null ? <span>{t("assignment.unit", { n: a.unitIndex + 1 })}</span> : null}
            <span className="tabular-nums">{t("assignment.score", { score: a.score.toFixed(2) })}</span>
            <span>{t("assignment.window", { start: formatDateTime(locale, a.windowStart), end: formatDateTime(locale, a.windowEnd) })}</span>
          </p>
          {explanation ? <p className="text-slate-700" data-testid="proposal-explanation">{explanation}</p> : null}
          {a.quote ? <QuoteSummary quote={a.quote} compact /> : null}
        </div>
        <div className="flex flex-wrap gap-2" onClick={(e) => e.stopPropagation()}>
          <Button size="sm" variant="ghost" disabled={busy} aria-expanded={swapping} aria-label={t("assignment.swapLabel", { title })} onClick={() => setSwapping((s) => !s)} data-testid="proposal-swap">
            {t("assignment.swap")}
          </Button>
          <Button size="sm" variant="ghost" disabled={busy} aria-label={t("assignment.removeLabel", { title })} onClick={props.onDrop} data-testid="proposal-drop">
            {t("assignment.remove")}
          </Button>
          <Button size="sm" disabled={busy} onClick={props.onSend} data-testid="proposal-send">
            {props.sending ? t("assignment.sending") : t("assignment.send")}
          </Button>
        </div>
      </div>
      {swapping ? (
        <div onClick={(e) => e.stopPropagation()}>
          <SwapCandidates
            assignmentId={a.id}
            needId={a.needId}
            title={props.needTitle}
            proposedResourceIds={props.proposedResourceIds}
            onCancel={() => setSwapping(false)}
            onDone={() => {
              setSwapping(false);
              props.onChanged();
            }}
          />
        </div>
      ) : null}
    </li>
  );
}

/** One open need of the proposal: its fill, the proposed resources and their actions. */
export function ProposalNeed(props: {
  need: Need;
  assignments: Assignment[];
  sent: SentOffer[];
  sending: ReadonlySet<string>;
  selectedId: string | null;
  onSend: (ids: string[]) => void;
  onDrop: (id: string) => void;
  onSelect: (id: string) => void;
  onChanged: () => void;
}) {
  const { need, assignments, sent, sending } = props;
  const t = useT("matching");
  const tn = useT("needs");
  const locale = useLocale();
  const busy = sending.size > 0;
  const proposedResourceIds = new Set(assignments.map((a) => a.resourceId));
  return (
    <li className="space-y-3 py-4" data-testid="proposal-need" data-need-id={need.needId}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium text-slate-900">{need.title}</p>
          <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <Badge tone={need.priority === "LIFE_SAFETY" ? "danger" : need.priority === "URGENT" ? "warning" : "neutral"}>
              {tn(`priority.${need.priority}`)}
            </Badge>
            <span>{t("need.fill", { proposed: need.proposed, open: need.quantityOpen })}</span>
            {need.unfilled > 0 ? <span className="text-red-700">{t("need.unfilled", { units: need.unfilled })}</span> : null}
          </div>
        </div>
        {assignments.length > 1 ? (
          <Button size="sm" variant="outline" disabled={busy} onClick={() => props.onSend(assignments.map((a) => a.id))} data-testid="proposal-send-all">
            {t("need.sendAll")}
          </Button>
        ) : null}
      </div>
      {assignments.length === 0 && sent.length === 0 ? <p className="text-sm text-slate-600">{t("need.none")}</p> : null}
      <ul className="space-y-2">
        {assignments.map((a) => (
          <ProposalRow
            key={a.id}
            a={a}
            needTitle={need.title}
            selected={props.selectedId === a.id}
            busy={busy}
            sending={sending.has(a.id)}
            proposedResourceIds={proposedResourceIds}
            onSend={() => props.onSend([a.id])}
            onDrop={() => props.onDrop(a.id)}
            onSelect={() => props.onSelect(a.id)}
            onChanged={props.onChanged}
          />
        ))}
        {sent.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-slate-50 p-3 text-sm" data-testid="proposal-offered">
            <span className="text-slate-900">
              {localizedName(locale, s.resourceTitle, s.resourceTitleEn)} · {t("assignment.quantity", { n: s.quantity })}
            </span>
            <Badge tone="info" dot>
              {s.holdExpiresAt ? t("assignment.offered", { time: formatDateTime(locale, s.holdExpiresAt) }) : t("assignment.offeredNoHold")}
            </Badge>
          </li>
        ))}
      </ul>
    </li>
  );
}
