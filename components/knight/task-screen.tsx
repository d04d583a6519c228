"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatDate, formatDateTime, formatNumber } from "@/lib/i18n/format";
import { useTRPC } from "@/lib/trpc/react";
import { KNIGHT_TASK_STAGES, STAGE_TIME_FIELD, type TKnightTaskStage } from "@/lib/schemas/knight-tasks";
import { useLiveEvents } from "@/lib/live/use-live-events";
import { localeHref, paths } from "@/components/layout/routes";
import { FormAlert } from "@/components/auth/form-alert";
import { translateError } from "@/components/auth/form-errors";
import { useHydrated } from "@/components/auth/use-hydrated";
import { ConnectionIndicator } from "@/components/knight/connection-indicator";
import { NavigationButtons } from "@/components/knight/navigation-buttons";
import { TaskMap, type TaskMapPoint } from "@/components/knight/task-map";
import { TaskPhotos } from "@/components/knight/task-photos";
import { useStepSender } from "@/components/knight/use-step-sender";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { cx } from "@/components/ui/cx";


/**
 * The task screen on the knight's phone: map with pickup and drop-off, "open in navigation" links,
 * the stage steps with one big button for the next step (delivery with optional code/note), and the
 * "I'm OK" check-in. Changes from the dispatcher (completion, cancellation) arrive live.
 */
export function TaskScreen({ assignmentId, tileUrl, tileAttribution }: { assignmentId: string; tileUrl: string; tileAttribution?: string }) {
  const t = useT("knightApp");
  const tDuty = useT("knightDuty");
  const tk = useT("knight");
  const tPhotos = useT("taskPhotos");
  const tDispatch = useT("dispatch");
  const locale = useLocale();
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const router = useRouter();
  const input = { assignmentId };
  const task = useQuery(trpc.knightTask.task.queryOptions(input));
  const topics = useQuery(trpc.live.myTopics.queryOptions());
  const knightTopic = useMemo(() => topics.data?.topics.filter((x) => x.startsWith("knight:")) ?? [], [topics.data]);
  const [proofCode, setProofCode] = useState("");
  const [note, setNote] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  // Set by a live `task.cancelled`: why it ended (a dispatcher cancel, the need closed or cancelled …).
  const [cancelled, setCancelled] = useState<{ reason: string | null } | null>(null);
  const [photosBusy, setPhotosBusy] = useState(false);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 15_000);
    return () => window.clearInterval(id);
  }, []);
  const taskKey = useMemo(() => trpc.knightTask.task.queryKey({ assignmentId }), [trpc, assignmentId]);
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: taskKey }), [queryClient, taskKey]);

  const live = useLiveEvents(knightTopic, (e) => {
    const d = (e.data ?? {}) as { assignmentId?: string; stage?: string; reason?: string };
    if (d.assignmentId && d.assignmentId !== assignmentId) return;
    if (e.kind === "task.cancelled") setCancelled({ reason: typeof d.reason === "string" ? d.reason : null });
    if (e.kind === "task.updated" && d.stage) setNotice(t("task.updated", { stage: tDuty(`stages.${d.stage}`) }));
    if (e.kind === "task.updated" || e.kind === "task.cancelled" || e.kind === "alert.checkin" || e.kind === "live.reset") void refresh();
  });

  const step = useStepSender(assignmentId, refresh);
  const { queued } = step;
  const checkIn = useMutation(trpc.knightTask.checkIn.mutationOptions({ onSuccess: () => void refresh() }));
  // Before pickup a knight may still hand the task back; the place is offered to the next knight.
  const withdraw = useMutation(
    trpc.knightOffer.withdraw.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.knightTask.myTasks.pathFilter());
        router.push(localeHref(locale, paths.knightHome));
      },
    }),
  );

  if (task.isError) {
    return (
      <EmptyState
        title={t("task.notFoundTitle")}
        description={t("task.notFoundBody")}
        action={{ href: localeHref(locale, paths.knightHome), label: t("task.back") }}
        data-testid="task-not-found"
      />
    );
  }
  const d = task.data;
  if (!d) return <div className="h-64 animate-pulse rounded-2xl bg-slate-100" aria-busy="true" />;

  // Errands and recon have no pickup: their drop-off is "the site" (arrived on site, reported).
  const stageName = (s: TKnightTaskStage) =>
    !d.pickup && (s === "AT_DROPOFF" || s === "DELIVERED") ? tDuty(`siteStages.${s}`) : tDuty(`stages.${s}`);
  const stages = KNIGHT_TASK_STAGES.filter((s) => (d.pickup ? true : s !== "AT_PICKUP" && s !== "PICKED_UP"));
  const currentIndex = stages.indexOf(d.stage);
  const next = d.nextStages[0] ?? null;
  const ended = !d.live;
  const points: TaskMapPoint[] = [];
  if (d.pickup) points.push({ id: "pickup", kind: "pickup", lat: d.pickup.lat, lng: d.pickup.lng, label: `${t("task.pickup")}: ${d.pickup.address}` });
  points.push({ id: "dropoff", kind: "dropoff", lat: d.dropoff.lat, lng: d.dropoff.lng, label: `${t("task.dropoff")}: ${d.dropoff.address}` });
  const fieldErrors = (step.error as { data?: { fieldErrors?: Record<string, string[]> | null } } | null)?.data?.fieldErrors ?? null;
  const fieldError = (k: string) => (fieldErrors?.[k]?.[0] ? translateError(tDuty, fieldErrors[k][0]) : undefined);
  // Errors not tied to an input (e.g. "one step at a time") are shown above the button.
  const formError = step.error && !queued && !fieldError("proofCode") && !fieldError("note") ? (fieldError("to") ?? (step.error.message || t("errors.generic"))) : null;
  const reasonKey = cancelled?.reason ? `cancelReason.${cancelled.reason}` : null;
  const cancelReason = reasonKey && tDispatch(reasonKey) !== `dispatch.${reasonKey}` ? tDispatch(reasonKey) : null;
  const checkInLate = d.checkInDueAt ? d.checkInDueAt.getTime() - now.getTime() < 5 * 60_000 : false;
  // Photos: in the report box at the site (before "delivered"/"reported"), else on their own once there are any or more may come.
  const photos = (
    <TaskPhotos
      assignmentId={assignmentId} photos={d.photos} canAdd={d.canAddPhotos && !cancelled} canRemove={d.canRemovePhotos && !cancelled} ended={ended}
      purpose={d.reportRequired ? "report" : "proof"} onChanged={() => void refresh()} onBusyChange={setPhotosBusy}
    />
  );

  return (
    <div className="mx-auto max-w-xl space-y-5" data-testid="task-screen" data-stage={d.stage} data-status={d.status}>
      <div className="flex items-center justify-between gap-3">
        <Link href={localeHref(locale, paths.knightHome)} className="text-sm font-medium text-brand-700 underline">
          ← {t("task.back")}
        </Link>
        <ConnectionIndicator state={knightTopic.length ? live.state : "connecting"} />
      </div>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge tone="brand">{tDuty(`taskKinds.${d.taskKind}`)}</Badge>
          <Badge tone={d.stage === "COMPLETED" ? "success" : "info"} data-testid="task-stage">
            {stageName(d.stage)}
          </Badge>
        </div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900" data-testid="task-title">
          {d.title}
        </h1>
        <p className="text-sm text-slate-600">
          {t("task.incident")}: {d.incidentTitle}
        </p>
      </header>

      <div aria-live="polite" className="space-y-2">
        {cancelled || d.status === "CANCELLED" ? (
          <FormAlert data-testid="task-cancelled">
            {t("task.cancelled")}
            {cancelReason ? <span className="block">{cancelReason}</span> : null}
          </FormAlert>
        ) : null}
        {notice ? <FormAlert tone="info" data-testid="task-notice">{notice}</FormAlert> : null}
      </div>

      <TaskMap label={t("task.mapLabel")} points={points} tileUrl={tileUrl} tileAttribution={tileAttribution} height={240} />

      {/* Two lists, not one: a <dl> holds name/value groups one <div> deep, so the grid is a list of its own. */}
      <div className="space-y-3 rounded-2xl border border-slate-200 bg-white p-4 text-sm">
        <dl className="space-y-3">
          {d.pickup ? <TaskStop which="pickup" label={t("task.pickup")} tone="text-blue-800" stop={d.pickup} ended={ended} /> : null}
          <TaskStop which="dropoff" label={t("task.dropoff")} tone="text-orange-800" stop={d.dropoff} ended={ended} />
        </dl>
        <dl className="grid grid-cols-2 gap-3 border-t border-slate-100 pt-3">
          <div>
            <dt className="text-slate-500">{t("task.deadline")}</dt>
            <dd className="text-slate-900">{formatDateTime(locale, d.deadline)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("task.reward")}</dt>
            <dd className="font-semibold text-brand-700" data-testid="task-reward">
              {d.pointsEarned !== null
                ? t("task.pointsEarned", { points: formatNumber(locale, d.pointsEarned) })
                : d.rewardPoints !== null
                  ? t("task.rewardPoints", { points: formatNumber(locale, d.rewardPoints) })
                  : "—"}
            </dd>
          </div>
          {d.cargoKg !== null ? (
            <div>
              <dt className="text-slate-500">{t("task.cargo")}</dt>
              <dd className="text-slate-900">{t("offer.cargoKg", { kg: formatNumber(locale, d.cargoKg) })}</dd>
            </div>
          ) : null}
          {d.requiredTrainings.length ? (
            <div>
              <dt className="text-slate-500">{t("task.trainings")}</dt>
              <dd className="text-slate-900">{d.requiredTrainings.map((c) => tk(`trainings.names.${c}`)).join("、")}</dd>
            </div>
          ) : null}
        </dl>
      </div>

      <section aria-labelledby="task-progress-heading" className="space-y-3">
        <h2 id="task-progress-heading" className="text-base font-semibold text-slate-900">{t("task.progress")}</h2>
        <ol className="space-y-1.5" data-testid="task-steps">
          {stages.map((s, i) => {
            const at = d.stageTimes[STAGE_TIME_FIELD[s]];
            const done = i <= currentIndex;
            return (
              <li key={s} className="flex items-center gap-3 text-sm" aria-current={s === d.stage ? "step" : undefined}>
                <span
                  aria-hidden="true"
                  className={cx("flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-bold", done ? "bg-emerald-600 text-white" : "bg-slate-200 text-slate-500")}
                >
                  {done ? "✓" : i + 1}
                </span>
                <span className={done ? "font-medium text-slate-900" : "text-slate-500"}>{stageName(s)}</span>
                {at ? <span className="ml-auto text-xs tabular-nums text-slate-500">{formatDate(locale, at, { dateStyle: undefined, timeStyle: "short" })}</span> : null}
              </li>
            );
          })}
        </ol>

        {formError ? <FormAlert data-testid="task-error">{formError}</FormAlert> : null}
        {queued ? (
          <FormAlert tone="info" data-testid="task-step-queued">
            {t("task.stepQueued", { step: tDuty(`stageActions.${queued.to}`) })}
          </FormAlert>
        ) : null}
        {next && !cancelled ? (
          <div className="space-y-3 rounded-2xl border border-brand-200 bg-brand-50/50 p-4">
            {next === "DELIVERED" ? (
              <>
                <Field
                  id="task-proof-code"
                  label={d.deliveryCodeRequired ? t("task.proofCodeRequired") : t("task.proofCode")}
                  hint={t("task.proofCodeHint")}
                  error={fieldError("proofCode")}
                >
                  <Input value={proofCode} onChange={(e) => setProofCode(e.target.value)} maxLength={32} autoComplete="off" inputMode="text" data-testid="task-proof-code" />
                </Field>
                <Field id="task-note" label={d.reportRequired ? t("task.report") : t("task.note")} hint={d.reportRequired ? t("task.reportHint") : undefined} error={fieldError("note")} required={d.reportRequired && d.photos.length === 0}>
                  <Textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={2000} data-testid="task-note" />
                </Field>
                {photos}
                {photosBusy ? <p role="status" className="text-sm text-slate-600">{tPhotos("knight.busy")}</p> : null}
              </>
            ) : null}
            <Button
              size="lg"
              className="w-full"
              disabled={!hydrated || step.pending || photosBusy || !!queued}
              aria-busy={step.pending || undefined}
              onClick={() =>
                step.send({
                  assignmentId,
                  to: next,
                  ...(next === "DELIVERED" ? { proofCode: proofCode || undefined, note: note || undefined } : {}),
                })
              }
              data-testid="task-advance"
              data-next={next}
            >
              {queued ? t("task.waitingForNetwork") : step.pending ? t("task.advancing") : tDuty(`stageActions.${next}`)}
            </Button>
          </div>
        ) : d.stage === "DELIVERED" ? (
          <FormAlert tone="info" data-testid="task-waiting">{t("task.waiting")}</FormAlert>
        ) : d.stage === "COMPLETED" ? (
          <FormAlert tone="success" data-testid="task-completed">{t("task.completed")}</FormAlert>
        ) : ended ? (
          <FormAlert tone="info">{t("task.ended")}</FormAlert>
        ) : null}
      </section>

      {next !== "DELIVERED" && (d.canAddPhotos || d.photos.length > 0 || (d.live && d.reportRequired)) ? <div className="rounded-2xl border border-slate-200 bg-white p-4">{photos}</div> : null}

      {!ended && !cancelled ? (
        <section className="space-y-2 rounded-2xl border border-slate-200 bg-white p-4" aria-label={t("task.checkIn")}>
          {d.checkInDueAt ? (
            <p className={cx("text-sm", checkInLate ? "font-semibold text-red-700" : "text-slate-600")} data-testid="check-in-due">
              {t("task.checkInDue", { time: formatDate(locale, d.checkInDueAt, { dateStyle: undefined, timeStyle: "short" }) })}
            </p>
          ) : null}
          <Button
            variant="outline"
            size="lg"
            className="w-full border-emerald-300 text-emerald-800"
            disabled={!hydrated || checkIn.isPending}
            onClick={() => checkIn.mutate({ assignmentId })}
            data-testid="task-check-in"
          >
            {checkIn.isPending ? t("task.checkingIn") : t("task.checkIn")}
          </Button>
          {checkIn.data ? (
            <p role="status" className="text-sm text-emerald-700" data-testid="check-in-done">
              {t("task.checkedIn", { time: formatDate(locale, checkIn.data.checkedInAt, { dateStyle: undefined, timeStyle: "short" }) })}
            </p>
          ) : null}
          {checkIn.isError ? <FormAlert>{checkIn.error.message || t("errors.generic")}</FormAlert> : null}
          {d.stage === "ACCEPTED" ? (
            <div className="border-t border-slate-100 pt-3">
              <Button
                variant="ghost"
                size="md"
                className="w-full text-red-700"
                disabled={!hydrated || withdraw.isPending}
                onClick={() => window.confirm(t("task.withdrawConfirm")) && withdraw.mutate({ assignmentId })}
                data-testid="task-withdraw"
              >
                {withdraw.isPending ? t("task.withdrawing") : t("task.withdraw")}
              </Button>
              {withdraw.isError ? <FormAlert>{withdraw.error.message || t("errors.generic")}</FormAlert> : null}
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

/** One stop of the task (pick-up or drop-off): its address and, while the task runs, the navigation links. */
function TaskStop(props: { which: "pickup" | "dropoff"; label: string; tone: string; stop: { address: string; lat: number; lng: number }; ended: boolean }) {
  const { which, stop } = props;
  return (
    <div className="space-y-2">
      <dt className={`font-medium ${props.tone}`}>{props.label}</dt>
      <dd className="text-slate-900" data-testid={`task-${which}`}>{stop.address}</dd>
      {!props.ended ? (
        <dd>
          <NavigationButtons which={which} target={{ lat: stop.lat, lng: stop.lng, label: stop.address }} />
        </dd>
      ) : null}
    </div>
  );
}
