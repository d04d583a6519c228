"use client";

import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatCountdown, formatDate, formatDuration, formatNumber, formatPercent } from "@/lib/i18n/format";
import { useTRPC } from "@/lib/trpc/react";
import type { TNeedDto } from "@/lib/schemas/needs";
import { useLiveEvents } from "@/lib/live/use-live-events";
import { FormAlert } from "@/components/auth/form-alert";
import { useHydrated } from "@/components/auth/use-hydrated";
import { ConnectionIndicator } from "@/components/knight/connection-indicator";
import { DeliveryCodeForm } from "@/components/dispatch/delivery-code-form";
import { TaskReport } from "@/components/dispatch/task-report";
import { TaskMap, type TaskMapPoint } from "@/components/knight/task-map";
import { errorMessage, useIncidentRefresh } from "@/components/needs/use-incident-refresh";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress-bar";

/** Assignment statuses during which the dispatcher may follow the knight's exact position (see can-subscribe). */
const LIVE_STATUSES = new Set(["ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE"]);
const needTopic = (needId: string) => `need:${needId}`;
const trackTopic = (assignmentId: string) => `track:${assignmentId}`;

type LivePosition = { lat: number; lng: number; at: Date | null };

function positionFromEvent(data: unknown): (LivePosition & { assignmentId: string }) | null {
  const d = (data ?? {}) as Record<string, unknown>;
  if (typeof d.assignmentId !== "string" || typeof d.lat !== "number" || typeof d.lng !== "number") return null;
  const at = typeof d.at === "string" || d.at instanceof Date ? new Date(d.at) : null;
  return { assignmentId: d.assignmentId, lat: d.lat, lng: d.lng, at };
}

/**
 * The dispatcher's card for one knight-task need: start dispatch, wave progress (radius, offers by state,
 * places filled), the unmet flag, and the knights who accepted — with a coarse cell, or for live tasks the
 * exact position on a small map, moved live by `knight.position` events of the task's track topic.
 */
export function KnightDispatchCard({ need, canDispatch, tileUrl, tileAttribution }: { need: TNeedDto; canDispatch: boolean; tileUrl: string; tileAttribution?: string }) {
  const t = useT("knightDispatch");
  const tDuty = useT("knightDuty");
  const tDispatch = useT("dispatch");
  const tk = useT("knight");
  const tOffers = useT("offers");
  const locale = useLocale();
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const refreshIncident = useIncidentRefresh();
  const boardInput = { needId: need.id };
  const board = useQuery(trpc.dispatch.board.queryOptions(boardInput));
  const [positions, setPositions] = useState<Record<string, LivePosition>>({});
  const [stages, setStages] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(id);
  }, []);

  const accepted = useMemo(() => board.data?.accepted ?? [], [board.data]);
  const liveTasks = accepted.filter((a) => LIVE_STATUSES.has(a.status));
  const tracks = useQueries({
    queries: liveTasks.map((a) => ({ ...trpc.knightTask.track.queryOptions({ assignmentId: a.assignmentId }), staleTime: 30_000 })),
  });
  const topics = useMemo(() => [needTopic(need.id), ...liveTasks.map((a) => trackTopic(a.assignmentId))], [need.id, liveTasks]);

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.dispatch.board.queryKey(boardInput) });
    void refreshIncident();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryClient, trpc, need.id, refreshIncident]);

  const live = useLiveEvents(topics, (e) => {
    if (e.kind === "knight.position") {
      const p = positionFromEvent(e.data);
      if (p) setPositions((prev) => ({ ...prev, [p.assignmentId]: { lat: p.lat, lng: p.lng, at: p.at } }));
      return;
    }
    if (e.kind === "task.updated") {
      const d = e.data as { assignmentId?: string; stage?: string };
      if (d.assignmentId && d.stage) setStages((prev) => ({ ...prev, [d.assignmentId!]: d.stage! }));
    }
    if (e.kind === "alert.checkin") void queryClient.invalidateQueries(trpc.knightTask.track.pathFilter());
    if (e.kind === "dispatch.updated" || e.kind === "task.updated" || e.kind === "offer.accepted" || e.kind === "task.cancelled" || e.kind === "live.reset") refresh();
  });

  const onDone = { onSuccess: () => { setNotice({ tone: "success" as const, text: t("card.done") }); refresh(); }, onError: (e: unknown) => setNotice({ tone: "error" as const, text: t("card.error", { message: errorMessage(e) }) }) };
  const start = useMutation(trpc.dispatch.start.mutationOptions(onDone));
  const cancelTask = useMutation(trpc.dispatch.cancelTask.mutationOptions(onDone));
  const noShow = useMutation(trpc.dispatch.markNoShow.mutationOptions(onDone));
  const confirm = useMutation(trpc.knightTask.confirmCompletion.mutationOptions(onDone));
  const busy = start.isPending || cancelTask.isPending || noShow.isPending || confirm.isPending;

  const b = board.data;
  const slots = b?.slots ?? need.quantity;
  const acceptedCount = b ? b.offers.ACCEPTED ?? accepted.length : 0;
  const sent = b ? Object.values(b.offers).reduce((s, n) => s + n, 0) : 0;
  const open = need.status === "OPEN" || need.status === "PARTIALLY_FILLED";
  // A closed or cancelled need has ended its knight work (end-knight-work.ts): nothing to start any more.
  const ended = need.status === "CLOSED" || need.status === "CANCELLED";
  const state = ended
    ? "closed"
    : !b || (!b.running && b.waves.length === 0)
      ? "notStarted"
      : b.running
        ? "running"
        : acceptedCount >= slots
          ? "filled"
          : "stopped";
  const stateText =
    state === "running" && b?.current ? t("card.running", { wave: b.current.wave }) : t(`card.${state === "running" ? "notStarted" : state}`);

  const trackFor = (assignmentId: string) => tracks[liveTasks.findIndex((a) => a.assignmentId === assignmentId)]?.data;
  const points: TaskMapPoint[] = [];
  if (need.pickupLat !== null && need.pickupLng !== null) points.push({ id: "pickup", kind: "pickup", lat: need.pickupLat, lng: need.pickupLng, label: need.pickupAddress ?? "" });
  points.push({ id: "dropoff", kind: "dropoff", lat: need.stagingLat, lng: need.stagingLng, label: need.stagingAddress });
  for (const a of liveTasks) {
    const p = positions[a.assignmentId] ?? trackFor(a.assignmentId)?.position ?? a.position;
    if (p) points.push({ id: `k-${a.assignmentId}`, kind: "knight", lat: p.lat, lng: p.lng, label: a.name ?? "" });
  }

  return (
    <Card data-testid="knight-dispatch-card" data-need-id={need.id} data-state={state}>
      <CardHeader
        title={`${t("card.title")} · ${need.title}`}
        description={t("card.subtitle")}
        headingLevel={3}
        action={<ConnectionIndicator state={live.state} />}
      />
      <CardBody className="space-y-4">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={state === "running" ? "info" : state === "filled" ? "success" : "neutral"} dot={state === "running"} data-testid="dispatch-state">
            {stateText}
          </Badge>
          {need.taskKind ? <Badge tone="brand">{tDispatch(`taskKind.${need.taskKind}`)}</Badge> : null}
          {b?.current ? (
            <span className="text-sm text-slate-600" data-testid="dispatch-wave">
              {t("card.wave", { wave: b.current.wave, radius: formatNumber(locale, b.current.radiusKm) })} · {t("card.endsIn", { time: formatCountdown(locale, b.current.endsAt, now) })}
            </span>
          ) : null}
        </div>
        <ProgressBar
          label={t("card.slots")}
          value={acceptedCount}
          max={slots}
          valueText={t("card.slotsValue", { accepted: formatNumber(locale, acceptedCount), slots: formatNumber(locale, slots) })}
          tone={acceptedCount >= slots ? "success" : "brand"}
        />
        {b ? (
          <dl className="grid grid-cols-3 gap-2 text-center sm:grid-cols-6" data-testid="dispatch-counts">
            {[["sent", sent] as const, ...(["PENDING", "ACCEPTED", "DECLINED", "EXPIRED", "WITHDRAWN"] as const).map((k) => [k, b.offers[k] ?? 0] as const)].map(([k, n]) => (
              <div key={k} className="rounded-lg bg-slate-50 px-2 py-1.5">
                <dt className="text-xs text-slate-500">{t(`card.counts.${k}`)}</dt>
                <dd className="text-base font-semibold tabular-nums text-slate-900" data-testid={`dispatch-count-${k}`}>
                  {formatNumber(locale, n)}
                </dd>
              </div>
            ))}
          </dl>
        ) : null}
        {need.unmetReason || b?.unmetReason ? (
          <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="dispatch-unmet">
            <p className="font-semibold">{t("card.unmet")}</p>
            <p>{b?.unmetNote ?? need.unmetNote ?? t("card.unmetBody")}</p>
          </div>
        ) : null}
        {canDispatch && !ended && state !== "running" && acceptedCount < slots ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={() => start.mutate({ needId: need.id })} disabled={!hydrated || busy || !open} aria-busy={start.isPending || undefined} data-testid="dispatch-start">
              {start.isPending ? t("card.starting") : t("card.start")}
            </Button>
            {!open ? <span className="text-sm text-slate-600">{t("card.startHint")}</span> : null}
          </div>
        ) : null}
        <div aria-live="polite">{notice ? <FormAlert tone={notice.tone} data-testid="dispatch-notice">{notice.text}</FormAlert> : null}</div>
        {b && b.waves.length > 1 ? (
          <details className="text-sm">
            <summary className="cursor-pointer font-medium text-slate-800">{t("card.waves")}</summary>
            <ul className="mt-2 space-y-1 text-slate-600">
              {b.waves.map((w) => (
                <li key={w.wave}>
                  {t("card.waveRow", { wave: w.wave, radius: formatNumber(locale, w.radiusKm) })}: {t("card.waveCounts", { sent: w.sent, accepted: w.accepted, declined: w.declined, expired: w.expired })}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        {canDispatch ? <DeliveryCodeForm needId={need.id} /> : null}
        <TaskMap testId="dispatch-map" label={t("card.mapLabel")} points={points} tileUrl={tileUrl} tileAttribution={tileAttribution} height={220} />
        <section aria-label={t("card.acceptedTitle")}>
          <h4 className="text-sm font-semibold text-slate-900">{t("card.acceptedTitle")}</h4>
          {accepted.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600" data-testid="dispatch-no-accepted">{t("card.noAccepted")}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100" data-testid="dispatch-accepted">
              {accepted.map((a) => {
                const isLive = LIVE_STATUSES.has(a.status);
                const track = isLive ? trackFor(a.assignmentId) : undefined;
                const pos = isLive ? positions[a.assignmentId] ?? track?.position ?? a.position : null;
                // A live stage seen earlier must not outlast the task: an ended task shows its status.
                const stage = isLive ? (stages[a.assignmentId] ?? track?.stage ?? null) : a.status === "COMPLETED" ? "COMPLETED" : null;
                return (
                  <li key={a.assignmentId} className="space-y-2 py-3" data-testid="dispatch-knight" data-assignment-id={a.assignmentId} data-stage={stage ?? ""} data-status={a.status}>
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <p className="font-medium text-slate-900">
                        {a.name ?? "—"} <span className="text-sm font-normal text-slate-600">· {tk(`vehicles.${a.vehicle}`)}</span>
                      </p>
                      <div className="flex flex-wrap gap-1.5">
                        {track?.checkInAlerted ? (
                          <Badge tone="danger" data-testid="dispatch-knight-silent">
                            {t("card.silent", { time: formatDuration(locale, track.silentMinutes * 60, { precision: "minute" }) })}
                          </Badge>
                        ) : null}
                        {stage ? <Badge tone={stage === "COMPLETED" ? "success" : "info"} data-testid="dispatch-knight-stage">{tDuty(`stages.${stage}`)}</Badge> : <Badge>{tOffers(`status.${a.status}`)}</Badge>}
                      </div>
                    </div>
                    <p className="text-xs text-slate-600" data-testid="dispatch-knight-position">
                      {pos
                        ? t("card.livePosition", { time: pos.at ? formatDate(locale, pos.at, { dateStyle: undefined, timeStyle: "medium" }) : "—" })
                        : a.publicCell
                          ? t("card.cell", { cell: a.publicCell })
                          : t("card.noCell")}
                      {a.completionRate !== null ? ` · ${t("card.completion", { rate: formatPercent(locale, a.completionRate) })}` : ""}
                      {a.noShowCount ? ` · ${t("card.noShows", { count: a.noShowCount })}` : ""}
                    </p>
                    <TaskReport report={a.report} photos={a.photos} live={isLive} />
                    {canDispatch && isLive ? (
                      <div className="flex flex-wrap gap-2">
                        {stage === "DELIVERED" ? (
                          <Button size="sm" onClick={() => confirm.mutate({ assignmentId: a.assignmentId })} disabled={busy} data-testid="dispatch-confirm">
                            {t("card.confirmComplete")}
                          </Button>
                        ) : null}
                        <Button
                          size="sm"
                          variant="outline"
                          disabled={busy}
                          onClick={() => window.confirm(t("card.confirmCancel")) && cancelTask.mutate({ assignmentId: a.assignmentId })}
                          data-testid="dispatch-cancel"
                        >
                          {t("card.cancel")}
                        </Button>
                        <Button
                          size="sm"
                          variant="ghost"
                          disabled={busy}
                          onClick={() => window.confirm(t("card.confirmNoShow")) && noShow.mutate({ assignmentId: a.assignmentId })}
                          data-testid="dispatch-no-show"
                        >
                          {t("card.noShow")}
                        </Button>
                      </div>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </CardBody>
    </Card>
  );
}
