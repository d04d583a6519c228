"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { useTRPC } from "@/lib/trpc/react";
import { localeHref, paths } from "@/components/layout/routes";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Stat } from "@/components/ui/stat";

const HISTORY_LIMIT = 50;

/** Finished tasks, newest first, with the points each earned; totals from the profile. */
export function TaskHistory({ points, completed }: { points: number; completed: number }) {
  const t = useT("knightApp");
  const tDuty = useT("knightDuty");
  const tDispatch = useT("dispatch");
  const locale = useLocale();
  const trpc = useTRPC();
  const tasks = useQuery(trpc.knightTask.myTasks.queryOptions({ historyLimit: HISTORY_LIMIT }));
  const history = tasks.data?.history ?? [];
  return (
    <div className="mx-auto max-w-xl space-y-5" data-testid="knight-history">
      <div className="grid grid-cols-2 gap-3">
        <Stat label={t("history.totalPoints")} value={formatNumber(locale, points)} emphasis data-testid="history-points" />
        <Stat label={t("history.completedCount")} value={formatNumber(locale, completed)} data-testid="history-completed" />
      </div>
      {tasks.isLoading ? (
        <div className="h-40 animate-pulse rounded-2xl bg-slate-100" aria-busy="true" />
      ) : history.length === 0 ? (
        <EmptyState
          title={t("history.emptyTitle")}
          description={t("history.emptyBody")}
          action={{ href: localeHref(locale, paths.knightHome), label: t("history.goOnDuty") }}
          data-testid="history-empty"
        />
      ) : (
        <ul className="divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white" data-testid="history-list">
          {history.map((task) => (
            <li key={task.assignmentId} className="flex items-start justify-between gap-3 px-4 py-3" data-testid="history-row" data-stage={task.stage}>
              <div className="min-w-0">
                <p className="font-medium text-slate-900">{task.title}</p>
                <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
                  {task.status === "CANCELLED" ? (
                    <Badge tone="warning">{t("history.cancelled")}</Badge>
                  ) : (
                    <Badge tone={task.stage === "COMPLETED" ? "success" : "neutral"}>{tDuty(`stages.${task.stage}`)}</Badge>
                  )}
                  <span>{tDuty(`taskKinds.${task.taskKind}`)}</span>
                  {task.completedAt ? <span>{t("history.completedAt", { time: formatDateTime(locale, task.completedAt) })}</span> : null}
                </div>
                {task.endReason ? (
                  <p className="mt-1 text-xs text-amber-800" data-testid="history-end-reason">
                    {tDispatch(`cancelReason.${task.endReason}`)}
                  </p>
                ) : null}
              </div>
              <p className="shrink-0 font-semibold tabular-nums text-brand-700" data-testid="history-points-earned">
                {task.pointsEarned !== null ? t("history.points", { points: formatNumber(locale, task.pointsEarned) }) : t("history.noPoints")}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
