"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { useTRPC } from "@/lib/trpc/react";
import type { TKnightProfileDto } from "@/lib/schemas/knight-profile";
import type { TKnightOfferDto } from "@/lib/schemas/dispatch";
import { useLiveEvents } from "@/lib/live/use-live-events";
import { useRouter } from "next/navigation";
import { localeHref } from "@/components/layout/routes";
import { FormAlert } from "@/components/auth/form-alert";
import { ConnectionIndicator } from "@/components/knight/connection-indicator";
import { DutySwitch } from "@/components/knight/duty-switch";
import { DutyTimer } from "@/components/knight/duty-timer";
import { knightTaskPath } from "@/components/knight/knight-paths";
import { LocationStatus } from "@/components/knight/location-status";
import { OfferCard } from "@/components/knight/offer-card";
import {
  applyKnightEvent,
  dismissNotice,
  initialFeed,
  pruneExpired,
  removeOffer,
  type FeedNotice,
  type OfferCardData,
  type OfferFeed,
} from "@/components/knight/offer-feed";
import { LIVE_TASKS_INPUT, useSharing } from "@/components/knight/position-sharing-provider";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";

const NOTICE_MS = 8_000;

export function offerDtoToCard(o: TKnightOfferDto): OfferCardData {
  return {
    offerId: o.offerId,
    needId: o.needId,
    incidentId: o.incidentId,
    title: o.title,
    taskKind: o.taskKind,
    distanceBand: o.distanceBand,
    rewardPoints: o.rewardPoints,
    expiresAt: o.expiresAt,
    deadline: o.deadline,
    pickupAddress: o.pickup?.address ?? null,
    dropoffAddress: o.dropoff.address,
    cargoKg: o.cargoKg,
    wave: o.wave,
  };
}

function NoticeLine({ notice, onDismiss }: { notice: FeedNotice; onDismiss: () => void }) {
  const t = useT("knightApp");
  const tDispatch = useT("dispatch");
  useEffect(() => {
    const id = window.setTimeout(onDismiss, NOTICE_MS);
    return () => window.clearTimeout(id);
  }, [onDismiss]);
  const title = notice.title || t("notices.untitled");
  // Reason codes are the dispatch slice's: withdrawReason for stand-downs, cancelReason for cancelled tasks.
  const reasonKey = notice.reason ? `${notice.kind === "cancelled" ? "cancelReason" : "withdrawReason"}.${notice.reason}` : null;
  const reason = reasonKey && notice.kind !== "expired" && tDispatch(reasonKey) !== `dispatch.${reasonKey}` ? tDispatch(reasonKey) : null;
  return (
    <div role="status" className="flex items-start justify-between gap-3 rounded-xl border border-slate-200 bg-slate-900 px-4 py-3 text-sm text-white" data-testid="offer-notice" data-kind={notice.kind}>
      <p>
        <span className="font-medium">{t(`notices.${notice.kind}`, { title })}</span>
        {reason ? <span className="block text-slate-300">{reason}</span> : null}
      </p>
      <button type="button" onClick={onDismiss} className="shrink-0 rounded px-1 text-slate-300 hover:text-white" aria-label={t("notices.dismiss")}>
        ×
      </button>
    </div>
  );
}

/**
 * The knight's home on the phone: the duty switch with timer and rest prompt, position sharing while on
 * duty, live offers (accept / decline) and tasks in progress. One live subscription (the knight's topic)
 * feeds the offer list; accepting opens the task screen.
 */
export function KnightHome({ initialProfile }: { initialProfile: TKnightProfileDto }) {
  const t = useT("knightApp");
  const tDuty = useT("knightDuty");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const me = useQuery({ ...trpc.knight.me.queryOptions(), initialData: initialProfile });
  const profile = me.data;
  const setProfile = (p: TKnightProfileDto) => queryClient.setQueryData(trpc.knight.me.queryKey(), p);
  const [restDueLive, setRestDue] = useState(false);
  const restDue = profile.restDue || restDueLive;
  const [now, setNow] = useState(() => new Date());
  const [feed, setFeed] = useState<OfferFeed>(() => initialFeed([], new Date()));
  const [answering, setAnswering] = useState<string | null>(null);
  const [offerError, setOfferError] = useState<{ offerId: string; message: string } | null>(null);
  const [acceptedTitle, setAcceptedTitle] = useState<string | null>(null);

  useEffect(() => {
    const id = window.setInterval(() => {
      const at = new Date();
      setNow(at);
      setFeed((f) => pruneExpired(f, at));
    }, 1000);
    return () => window.clearInterval(id);
  }, []);

  const topics = useQuery(trpc.live.myTopics.queryOptions());
  const knightTopic = useMemo(() => topics.data?.topics.filter((x) => x.startsWith("knight:")) ?? [], [topics.data]);
  const offers = useQuery({ ...trpc.knightOffer.list.queryOptions(), enabled: profile.onDuty });
  const tasks = useQuery(trpc.knightTask.myTasks.queryOptions(LIVE_TASKS_INPUT));

  // The list as loaded seeds the feed; live events then change it (and a refetch re-seeds it). Adjusting
  // state while rendering (not in an effect) is React's pattern for state derived from new data.
  const [seededFrom, setSeededFrom] = useState<unknown>(null);
  if (offers.data && offers.data !== seededFrom) {
    const loaded = offers.data.filter((o) => o.status === "PENDING").map(offerDtoToCard);
    setSeededFrom(offers.data);
    setFeed((f) => ({ ...initialFeed(loaded, new Date()), notices: f.notices }));
  }

  const refetchTasks = useCallback(() => queryClient.invalidateQueries(trpc.knightTask.myTasks.pathFilter()), [queryClient, trpc]);
  const live = useLiveEvents(knightTopic, (e) => {
    if (e.kind === "duty.restDue") setRestDue(true);
    // Kept on duty past the grace period: the server took the knight off duty; show it as it is now.
    if (e.kind === "duty.autoOff") void queryClient.invalidateQueries({ queryKey: trpc.knight.me.queryKey() });
    if (e.kind === "live.reset") {
      void queryClient.invalidateQueries(trpc.knightOffer.list.pathFilter());
      void refetchTasks();
      return;
    }
    if (e.kind === "task.updated" || e.kind === "task.cancelled" || e.kind === "offer.accepted") void refetchTasks();
    setFeed((f) => applyKnightEvent(f, e, new Date()));
  });

  const sharing = useSharing();

  const accept = useMutation(trpc.knightOffer.accept.mutationOptions());
  const decline = useMutation(trpc.knightOffer.decline.mutationOptions());

  function onAccept(o: OfferCardData) {
    setAnswering(o.offerId);
    setOfferError(null);
    accept.mutate(
      { offerId: o.offerId },
      {
        onSuccess: (r) => {
          setFeed((f) => removeOffer(f, o.offerId));
          setAcceptedTitle(o.title);
          void refetchTasks();
          // Straight to the task: map, navigation and the first stage button.
          if (r.assignmentId) router.push(localeHref(locale, knightTaskPath(r.assignmentId)));
        },
        onError: (e) => setOfferError({ offerId: o.offerId, message: e.message || t("errors.generic") }),
        onSettled: () => setAnswering(null),
      },
    );
  }
  function onDecline(o: OfferCardData, reason: string | undefined) {
    setAnswering(o.offerId);
    setOfferError(null);
    decline.mutate(
      { offerId: o.offerId, reason },
      {
        onSuccess: () => setFeed((f) => removeOffer(f, o.offerId)),
        onError: (e) => setOfferError({ offerId: o.offerId, message: e.message || t("errors.generic") }),
        onSettled: () => setAnswering(null),
      },
    );
  }

  const liveTasks = tasks.data?.live ?? [];
  const onDutySince = profile.onDuty ? profile.onDutySince : null;
  return (
    <div className="mx-auto max-w-xl space-y-5" data-testid="knight-home">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("home.title")}</h1>
        <ConnectionIndicator state={knightTopic.length ? live.state : "connecting"} />
      </div>
      <section aria-label={t("home.title")} className="space-y-3">
        <DutySwitch
          profile={profile}
          onChange={(p) => {
            setProfile(p);
            setRestDue(false);
            if (!p.onDuty) setFeed((f) => ({ ...f, offers: [] }));
          }}
        />
        <DutyTimer since={onDutySince} now={now} restDue={restDue} limitMinutes={profile.dutyLimitMinutes} />
        <LocationStatus state={sharing.state} lastSentAt={sharing.lastSentAt} />
      </section>

      {acceptedTitle ? (
        <FormAlert tone="success" data-testid="offer-accepted-notice">
          {t("offer.accepted", { title: acceptedTitle })}
        </FormAlert>
      ) : null}

      {liveTasks.length ? (
        <section aria-labelledby="knight-tasks-heading" className="space-y-2">
          <h2 id="knight-tasks-heading" className="text-base font-semibold text-slate-900">{t("home.tasksTitle")}</h2>
          <ul className="space-y-2" data-testid="knight-active-tasks">
            {liveTasks.map((task) => (
              <li key={task.assignmentId}>
                <Link
                  href={localeHref(locale, knightTaskPath(task.assignmentId))}
                  className="block rounded-2xl border border-emerald-200 bg-emerald-50 p-4 hover:border-emerald-300"
                  data-testid="knight-task-link"
                  data-assignment-id={task.assignmentId}
                >
                  <div className="flex items-center justify-between gap-2">
                    <p className="font-semibold text-slate-900">{task.title}</p>
                    <Badge tone="success">{tDuty(`stages.${task.stage}`)}</Badge>
                  </div>
                  <p className="mt-1 text-sm text-slate-700">
                    {task.pickupAddress ? `${task.pickupAddress} → ` : ""}
                    {task.dropoffAddress}
                  </p>
                  <p className="mt-1 text-xs text-slate-600">
                    {t("offer.deadline")} {formatDateTime(locale, task.deadline)}
                    {task.rewardPoints !== null ? ` · ${t("offer.reward", { points: formatNumber(locale, task.rewardPoints) })}` : ""}
                  </p>
                  <span className="mt-2 inline-block text-sm font-medium text-emerald-800">{t("home.openTask")} →</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="knight-offers-heading" className="space-y-3">
        <div>
          <h2 id="knight-offers-heading" className="text-base font-semibold text-slate-900">{t("home.offersTitle")}</h2>
          {profile.onDuty ? <p className="text-sm text-slate-600">{t("home.offersHint")}</p> : null}
        </div>
        <div aria-live="polite" className="space-y-2">
          {feed.notices.map((n) => (
            <NoticeLine key={n.id} notice={n} onDismiss={() => setFeed((f) => dismissNotice(f, n.id))} />
          ))}
        </div>
        {!profile.onDuty ? (
          <EmptyState title={t("home.offDutyTitle")} description={t("home.offDutyBody")} data-testid="knight-off-duty" />
        ) : feed.offers.length === 0 ? (
          <EmptyState
            title={t("home.noOffersTitle")}
            description={restDue ? t("home.restNoOffers") : t("home.noOffersBody")}
            data-testid="knight-no-offers"
          />
        ) : (
          <ul className="space-y-3" data-testid="offer-list">
            {feed.offers.map((o) => (
              <li key={o.offerId}>
                <OfferCard
                  offer={o}
                  now={now}
                  busy={answering === o.offerId}
                  error={offerError?.offerId === o.offerId ? offerError.message : null}
                  onAccept={() => onAccept(o)}
                  onDecline={(reason) => onDecline(o, reason)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
