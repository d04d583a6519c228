"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatDateTime } from "@/lib/i18n/format";
import { localizedName } from "@/lib/i18n/localized-name";
import { useTRPC } from "@/lib/trpc/react";
import type { TIncidentReplay, TReplayEvent } from "@/lib/schemas/command-replay";
import { stateAt, type ReplayNeedState } from "@/server/modules/command/replay/state-at";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { KpiT } from "@/components/command/kpi-sections";

/** Playback ticks this often (ms of wall time); each tick moves the replay clock by tick × speed. */
const TICK_MS = 250;
const SPEEDS = [10, 60] as const;

/**
 * Incident replay: a time slider over the incident's audit events (play at 10× or 60×), the needs' fill and
 * the units' stages at that moment (rebuilt in the browser by stateAt from the events alone), the latest
 * events, and "verify", which recomputes the audit chain behind them on the server and says plainly whether
 * it is intact.
 */
export function IncidentReplay({ incidentId }: { incidentId: string }) {
  const t = useT("commandKpis");
  const trpc = useTRPC();
  const replay = useQuery(trpc.command.replay.queryOptions({ incidentId }));
  return (
    <Card data-testid="incident-replay">
      <CardHeader title={t("replay.title")} description={t("replay.description")} headingLevel={3} />
      <CardBody className="space-y-4">
        {replay.error ? <p role="alert" className="text-sm text-red-700">{t("replay.error")}</p> : null}
        {replay.isLoading ? <p className="text-sm text-slate-600">{t("replay.loading")}</p> : null}
        {replay.data ? (replay.data.events.length === 0 ? <p className="text-sm text-slate-600">{t("replay.empty")}</p> : <ReplayBody data={replay.data} t={t} />) : null}
        <VerifyChain incidentId={incidentId} t={t} />
      </CardBody>
    </Card>
  );
}

function ReplayBody({ data, t }: { data: TIncidentReplay; t: KpiT }) {
  const locale = useLocale();
  const sliderId = useId();
  const start = data.events[0]!.at.getTime();
  const end = data.events[data.events.length - 1]!.at.getTime();
  const [now, setNow] = useState(end);
  const [speed, setSpeed] = useState<number>(0);
  useEffect(() => {
    if (speed === 0) return;
    const id = setInterval(() => {
      setNow((prev) => {
        const next = Math.min(end, prev + TICK_MS * speed);
        if (next >= end) setSpeed(0);
        return next;
      });
    }, TICK_MS);
    return () => clearInterval(id);
  }, [speed, end]);
  const state = useMemo(() => stateAt(data.events, new Date(now)), [data.events, now]);
  const unitLabel = useMemo(
    () => new Map(data.units.map((u) => [u.assignmentId, u.knight ? t("replay.knightUnit") : u.label ? localizedName(locale, u.label, u.labelEn) : "—"])),
    [data.units, t, locale],
  );
  const needTitle = useMemo(() => new Map(data.needs.map((n) => [n.id, n.title])), [data.needs]);
  const play = (s: number) => {
    if (now >= end) setNow(start);
    setSpeed(s);
  };
  const latest = data.events.slice(0, state.applied).slice(-6).reverse();
  const units = Object.entries(state.units).filter(([, u]) => u.stage !== "PROPOSED");
  return (
    <div className="space-y-4">
      <div className="space-y-2">
        <label htmlFor={sliderId} className="block text-sm text-slate-700">{t("replay.slider")}</label>
        <input
          id={sliderId}
          type="range"
          min={start}
          max={end}
          step={1000}
          value={now}
          onChange={(e) => {
            setSpeed(0);
            setNow(Number(e.target.value));
          }}
          aria-valuetext={formatDateTime(locale, new Date(now))}
          className="w-full accent-brand-600"
          data-testid="replay-slider"
        />
        <div className="flex flex-wrap items-center gap-2">
          {SPEEDS.map((s) => (
            <Button key={s} size="sm" variant={speed === s ? "primary" : "outline"} onClick={() => play(s)} data-testid={`replay-play-${s}`} aria-pressed={speed === s}>
              {t(s === 10 ? "replay.play10" : "replay.play60")}
            </Button>
          ))}
          <Button size="sm" variant="ghost" onClick={() => setSpeed(0)} disabled={speed === 0} data-testid="replay-pause">{t("replay.pause")}</Button>
          <p className="text-xs text-slate-600" aria-live="polite" data-testid="replay-applied" data-applied={state.applied}>
            {t("replay.atTime", { time: formatDateTime(locale, new Date(now)) })} · {t("replay.applied", { applied: state.applied, total: data.events.length })}
          </p>
        </div>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <section className="space-y-2">
          <h4 className="text-sm font-semibold text-slate-900">{t("replay.needs")}</h4>
          <ul className="space-y-2" data-testid="replay-needs">
            {data.needs.filter((n) => state.needs[n.id]).map((n) => (
              <li key={n.id} data-need-id={n.id} data-status={state.needs[n.id]!.status}>
                <NeedFill title={n.title} s={state.needs[n.id]!} t={t} />
              </li>
            ))}
          </ul>
        </section>
        <section className="space-y-2">
          <h4 className="text-sm font-semibold text-slate-900">{t("replay.units")}</h4>
          {units.length === 0 ? (
            <p className="text-sm text-slate-600">{t("replay.noUnits")}</p>
          ) : (
            <ul className="space-y-1 text-sm" data-testid="replay-units">
              {units.map(([id, u]) => (
                <li key={id} className="flex justify-between gap-2" data-stage={u.stage}>
                  <span className="truncate text-slate-800">{unitLabel.get(id) ?? "—"}{u.needId ? ` · ${needTitle.get(u.needId) ?? ""}` : ""}</span>
                  <span className="shrink-0 text-slate-600">{t(`replay.stages.${u.stage}`)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section className="space-y-1">
        <h4 className="text-sm font-semibold text-slate-900">{t("replay.events")}</h4>
        <ol className="space-y-0.5 text-xs text-slate-700" data-testid="replay-events">
          {latest.map((e) => (
            <li key={e.seq}>
              <time dateTime={e.at.toISOString()}>{formatDateTime(locale, e.at)}</time> · #{e.seq} · {eventText(e, t, unitLabel, needTitle)}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function eventText(e: TReplayEvent, t: KpiT, units: Map<string, string>, needs: Map<string, string>): string {
  const need = e.needId ? (needs.get(e.needId) ?? "") : "";
  if (e.kind === "UNIT_STAGE" && e.status) return `${units.get(e.assignmentId ?? "") ?? "—"} · ${need} → ${t(`replay.stages.${e.status}`)}`;
  if ((e.kind === "NEED_POSTED" || e.kind === "NEED_STATUS") && e.status) return `${need} → ${t(`replay.needStatuses.${e.status}`)}`;
  return e.status ? `${e.action} → ${e.status}` : e.action;
}

const BAR_W = 200;

function NeedFill({ title, s, t }: { title: string; s: ReplayNeedState; t: KpiT }) {
  const filled = s.committed + s.enRoute + s.onScene + s.released;
  const text = t("replay.needStatus", { status: t(`replay.needStatuses.${s.status}`), filled, quantity: s.quantity });
  const q = Math.max(1, s.quantity);
  const parts = [
    { key: "committed", v: s.committed, cls: "fill-brand-300" },
    { key: "enRoute", v: s.enRoute, cls: "fill-amber-500" },
    { key: "onScene", v: s.onScene, cls: "fill-brand-700" },
    { key: "released", v: s.released, cls: "fill-emerald-600" },
  ];
  let x = 0;
  return (
    <div className="space-y-1">
      <div className="flex justify-between gap-2 text-sm">
        <span className="truncate text-slate-800">{title}</span>
        <span className="shrink-0 text-xs text-slate-600">{text}</span>
      </div>
      <svg viewBox={`0 0 ${BAR_W} 8`} className="h-2 w-full" role="img" aria-label={`${title}: ${text}`}>
        <rect x={0} y={0} width={BAR_W} height={8} rx={4} className="fill-slate-200" />
        {parts.map((p) => {
          const w = (Math.min(p.v, q) / q) * BAR_W;
          const r = <rect key={p.key} x={x} y={0} width={w} height={8} className={p.cls} />;
          x += w;
          return r;
        })}
      </svg>
    </div>
  );
}

function VerifyChain({ incidentId, t }: { incidentId: string; t: KpiT }) {
  const trpc = useTRPC();
  const verify = useMutation(trpc.command.verifyReplay.mutationOptions());
  const r = verify.data;
  return (
    <div className="space-y-2 border-t border-slate-100 pt-3">
      <Button size="sm" variant="outline" onClick={() => verify.mutate({ incidentId })} disabled={verify.isPending} data-testid="replay-verify">
        {verify.isPending ? t("replay.verifying") : t("replay.verify")}
      </Button>
      <div aria-live="polite">
        {verify.error ? <p role="alert" className="text-sm text-red-700">{t("replay.verifyError")}</p> : null}
        {r ? (
          <p
            data-testid="replay-verify-result"
            data-intact={r.intact}
            className={r.intact ? "text-sm font-medium text-emerald-800" : "text-sm font-medium text-red-700"}
          >
            {r.intact
              ? t("replay.intact", { events: r.incidentEvents, checked: r.chainChecked })
              : t("replay.broken", { seq: r.brokenAtSeq ?? "?", where: t(r.brokenInIncident ? "replay.brokenHere" : "replay.brokenElsewhere") })}
          </p>
        ) : null}
      </div>
    </div>
  );
}
