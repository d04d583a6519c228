"use client";

import { useState } from "react";
import { formatDateTime } from "@/lib/i18n/format";
import { useLocale, useT } from "@/lib/i18n/client";
import type { TNeedDto } from "@/lib/schemas/needs";
import { NeedFillBar } from "@/components/needs/need-fill-bar";
import { NeedRowActions } from "@/components/needs/need-row-actions";
import { NEED_STATUS_TONE, PRIORITY_TONE } from "@/components/needs/need-view";
import { Badge } from "@/components/ui/badge";
import { FormAlert } from "@/components/auth/form-alert";

type Notice = { tone: "success" | "error"; text: string };

/** The incident's needs with their fill bars and actions; one card per need, laid out as columns on wide screens. */
export function NeedsTable({ needs, canEdit, canApprove }: { needs: TNeedDto[]; canEdit: boolean; canApprove: boolean }) {
  const t = useT("needs");
  const locale = useLocale();
  const [notice, setNotice] = useState<Notice | null>(null);
  return (
    <div className="space-y-3">
      <div aria-live="polite">
        {notice ? (
          <FormAlert tone={notice.tone} data-testid="need-notice">
            {notice.text}
          </FormAlert>
        ) : null}
      </div>
      <ul aria-label={t("caption")} className="divide-y divide-slate-100" data-testid="needs-table">
        {needs.map((need) => (
          <li
            key={need.id}
            className="grid gap-3 px-5 py-4 lg:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)_auto] lg:items-center"
            data-testid="need-row"
            data-need-id={need.id}
            data-status={need.status}
            data-type-code={need.type?.code ?? ""}
          >
            <div className="min-w-0 space-y-1">
              <p className="font-medium text-slate-900" data-testid="need-title">
                {need.title}
              </p>
              <div className="flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
                <Badge tone={NEED_STATUS_TONE[need.status]} data-testid="need-status">
                  {t(`status.${need.status}`)}
                </Badge>
                <Badge tone={PRIORITY_TONE[need.priority]}>{t(`priority.${need.priority}`)}</Badge>
                <span>{t(`payment.${need.paymentMode}`)}</span>
                <span aria-hidden="true">·</span>
                <span>
                  {t("columns.neededBy")} {formatDateTime(locale, need.neededBy)}
                </span>
              </div>
              {need.unmetReason ? (
                <p className="text-xs text-slate-500" data-testid="need-unmet">
                  {t("unmet", { reason: t(`reasons.${need.unmetReason}`) })}
                  {need.unmetNote ? ` — ${need.unmetNote}` : ""}
                </p>
              ) : null}
            </div>
            <NeedFillBar need={need} unit={need.unit} />
            {canEdit ? <NeedRowActions need={need} canApprove={canApprove} onNotice={setNotice} /> : <span />}
          </li>
        ))}
      </ul>
    </div>
  );
}
