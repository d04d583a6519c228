"use client";

import { formatDateTime } from "@/lib/i18n/format";
import { useLocale, useT } from "@/lib/i18n/client";
import type { TTimelineEntry } from "@/lib/schemas/incidents";

/** What happened, newest first, from the audit trail (who, when, what). */
export function IncidentTimeline({ entries }: { entries: TTimelineEntry[] }) {
  const t = useT("incidents");
  const locale = useLocale();
  if (entries.length === 0) return <p className="text-sm text-slate-500">{t("detail.timelineEmpty")}</p>;
  const sorted = [...entries].sort((a, b) => b.at.getTime() - a.at.getTime());
  return (
    <ol className="relative space-y-4 border-l border-slate-200 pl-4" data-testid="incident-timeline">
      {sorted.map((e, i) => (
        <li key={`${e.at.toISOString()}-${i}`} className="relative" data-testid="timeline-entry" data-action={e.action}>
          <span aria-hidden="true" className="absolute -left-[21px] top-1.5 size-2.5 rounded-full border-2 border-white bg-brand-500" />
          <p className="text-sm text-slate-900">{e.summary}</p>
          <p className="text-xs text-slate-500">
            <time dateTime={e.at.toISOString()}>{formatDateTime(locale, e.at)}</time>
            {e.actorName ? ` · ${e.actorName}` : ""}
          </p>
        </li>
      ))}
    </ol>
  );
}
