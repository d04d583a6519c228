"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatNumber, formatPercent } from "@/lib/i18n/format";
import { useTRPC } from "@/lib/trpc/react";
import { LEADERBOARD_PERIODS } from "@/lib/schemas/knight-tasks";
import { Badge } from "@/components/ui/badge";
import { Stat } from "@/components/ui/stat";
import { cx } from "@/components/ui/cx";

type Period = (typeof LEADERBOARD_PERIODS)[number];

/** The knight's points, badges and reliability, and the leaderboard of their home district by period. */
export function StandingView({ districtName }: { districtName: string }) {
  const t = useT("knightApp");
  const tDuty = useT("knightDuty");
  const locale = useLocale();
  const trpc = useTRPC();
  const [period, setPeriod] = useState<Period>("WEEK");
  const standing = useQuery(trpc.knightTask.myStanding.queryOptions());
  const board = useQuery(trpc.knightTask.leaderboard.queryOptions({ period, limit: 20 }));
  const s = standing.data;
  const n = (v: number) => formatNumber(locale, v);
  return (
    <div className="mx-auto max-w-xl space-y-6" data-testid="knight-standing">
      <div className="grid grid-cols-2 gap-3">
        <Stat label={t("standing.points")} value={s ? n(s.points) : "—"} emphasis data-testid="standing-points" />
        <Stat label={t("standing.weekPoints")} value={s ? n(s.weekPoints) : "—"} data-testid="standing-week" />
        <Stat
          label={t("standing.rank")}
          value={s && s.districtRank > 0 ? t("standing.rankValue", { rank: n(s.districtRank), total: n(s.districtSize) }) : "—"}
          hint={districtName}
          data-testid="standing-rank"
        />
        <Stat label={t("standing.reliability")} value={s ? formatPercent(locale, s.record.reliability) : "—"} data-testid="standing-reliability" />
      </div>

      <section aria-labelledby="badges-heading" className="space-y-2">
        <h2 id="badges-heading" className="text-base font-semibold text-slate-900">{t("standing.badges")}</h2>
        {s && s.badges.length ? (
          <ul className="flex flex-wrap gap-2" data-testid="standing-badges">
            {s.badges.map((b) => (
              <li key={b}>
                <span title={tDuty(`badges.${b}.description`)}>
                  <Badge tone="brand">🏅 {tDuty(`badges.${b}.name`)}</Badge>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600" data-testid="standing-no-badges">{t("standing.noBadges")}</p>
        )}
      </section>

      <section aria-labelledby="board-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="board-heading" className="text-base font-semibold text-slate-900">
            {t("standing.leaderboard")} · {districtName}
          </h2>
          <div role="group" aria-label={t("standing.period")} className="inline-flex rounded-lg border border-slate-200 bg-white p-0.5">
            {LEADERBOARD_PERIODS.map((p) => (
              <button
                key={p}
                type="button"
                aria-pressed={period === p}
                onClick={() => setPeriod(p)}
                data-testid={`period-${p}`}
                className={cx("rounded-md px-3 py-1.5 text-sm font-medium", period === p ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100")}
              >
                {tDuty(`leaderboard.periods.${p}`)}
              </button>
            ))}
          </div>
        </div>
        {board.data && board.data.entries.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="board-empty">{t("standing.emptyBoard")}</p>
        ) : (
          <table className="w-full overflow-hidden rounded-2xl border border-slate-200 bg-white text-sm" data-testid="leaderboard">
            <thead className="bg-slate-50 text-left text-xs text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">{t("standing.colRank")}</th>
                <th scope="col" className="px-3 py-2">{t("standing.colName")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("standing.colPoints")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {(board.data?.entries ?? []).map((e) => (
                <tr key={`${e.rank}-${e.displayName}`} className={e.isMe ? "bg-brand-50 font-semibold" : undefined} data-testid="leaderboard-row" data-me={e.isMe ? "true" : "false"}>
                  <td className="px-3 py-2 tabular-nums">{n(e.rank)}</td>
                  <td className="px-3 py-2">
                    {e.displayName} {e.isMe ? <span className="text-brand-700">{t("standing.me")}</span> : null}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{n(e.points)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
