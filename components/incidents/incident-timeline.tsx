"use client";

import { formatDateTime } from "@/lib/i18n/format";
import { useLocale, useT } from "@/lib/i18n/client";
import { TIMELINE_LIMIT, type TTimelineEntry } from "@/lib/schemas/incidents";
import { timelineSentence } from "@/components/incidents/timeline-view";

/**
 * What happened, newest first, from the audit chain: the incident, its needs, offers to resources and their
 * progress, knight tasks — one sentence each, with when and who. When the incident has more events than the
 * server sends, a note says only the latest are shown.
 */
export function IncidentTimeline({ entries, truncated = false }: { entries: TTimelineEntry[]; truncated?: boolean }) {
  const t = useT("incidents");
  const tr = { timeline: useT("timeline"), incidents: t, needs: useT("needs") };
  const locale = useLocale();
  if (entries.length === 0) return <p className="text-sm text-slate-600">{t("detail.timelineEmpty")}</p>;
  const sorted = [...entries].sort((a, b) => b.at.getTime() - a.at.getTime());
  return (
    <div className="space-y-3">
      <ol className="relative space-y-4 border-l border-slate-200 pl-4" data-testid="incident-timeline">
        {sorted.map((e, i) => (
          <li
            key={`${e.at.toISOString()}-${i}`}
            className="relative"
            data-testid="timeline-entry"
            data-action={e.action}
            data-status={e.details.status ?? e.details.to ?? undefined}
            data-need-id={e.needId ?? undefined}
          >
            <span aria-hidden="true" className="absolute -left-[21px] top-1.5 size-2.5 rounded-full border-2 border-white bg-brand-500" />
            <p className="text-sm text-slate-900">{timelineSentence(e, locale, tr)}</p>
            <p className="text-xs text-slate-600">
              <time dateTime={e.at.toISOString()}>{formatDateTime(locale, e.at)}</time>
              {e.actorName ? ` · ${e.actorName}` : ""}
            </p>
          </li>
        ))}
      </ol>
      {truncated ? (
        <p className="text-xs text-slate-600" data-testid="timeline-truncated">
          {tr.timeline("truncated", { limit: TIMELINE_LIMIT })}
        </p>
      ) : null}
    </div>
  );
}
