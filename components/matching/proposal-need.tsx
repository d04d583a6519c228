"use client";

import { formatDateTime } from "@/lib/i18n/format";
import { useLocale, useT } from "@/lib/i18n/client";
import type { TProposalDto } from "@/lib/schemas/matching-assign";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

type Need = TProposalDto["needs"][number];
type Assignment = TProposalDto["assignments"][number];
export type SentOffer = { id: string; needId: string; resourceTitle: string; quantity: number; holdExpiresAt: Date | string | null };

/** One open need of the proposal: its fill, the proposed resources and their "Send offer" buttons. */
export function ProposalNeed(props: {
  need: Need;
  assignments: Assignment[];
  sent: SentOffer[];
  sending: ReadonlySet<string>;
  onSend: (ids: string[]) => void;
}) {
  const { need, assignments, sent, sending, onSend } = props;
  const t = useT("matching");
  const tn = useT("needs");
  const locale = useLocale();
  const busy = sending.size > 0;
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
          <Button size="sm" variant="outline" disabled={busy} onClick={() => onSend(assignments.map((a) => a.id))} data-testid="proposal-send-all">
            {t("need.sendAll")}
          </Button>
        ) : null}
      </div>
      {assignments.length === 0 && sent.length === 0 ? <p className="text-sm text-slate-600">{t("need.none")}</p> : null}
      <ul className="space-y-2">
        {assignments.map((a) => (
          <li key={a.id} className="rounded-lg border border-slate-200 p-3 text-sm" data-testid="proposal-assignment" data-assignment-id={a.id}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0 space-y-1">
                <p className="font-medium text-slate-900">{a.resourceTitle}</p>
                <p className="flex flex-wrap gap-x-3 text-xs text-slate-600">
                  <span>{t("assignment.quantity", { n: a.quantity })}</span>
                  {a.unitIndex !== null ? <span>{t("assignment.unit", { n: a.unitIndex + 1 })}</span> : null}
                  <span className="tabular-nums">{t("assignment.score", { score: a.score.toFixed(2) })}</span>
                  <span>
                    {t("assignment.window", { start: formatDateTime(locale, a.windowStart), end: formatDateTime(locale, a.windowEnd) })}
                  </span>
                </p>
                {(locale === "en" ? a.explanationEn : a.explanationZh) ? (
                  <p className="text-slate-700" data-testid="proposal-explanation">
                    {locale === "en" ? a.explanationEn : a.explanationZh}
                  </p>
                ) : null}
              </div>
              <Button size="sm" disabled={busy} onClick={() => onSend([a.id])} data-testid="proposal-send">
                {sending.has(a.id) ? t("assignment.sending") : t("assignment.send")}
              </Button>
            </div>
          </li>
        ))}
        {sent.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-slate-50 p-3 text-sm" data-testid="proposal-offered">
            <span className="text-slate-900">
              {s.resourceTitle} · {t("assignment.quantity", { n: s.quantity })}
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
