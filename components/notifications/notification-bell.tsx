"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatDateTime, formatRelativeTime } from "@/lib/i18n/format";
import { useLiveEvents } from "@/lib/live/use-live-events";
import { useTRPC } from "@/lib/trpc/react";
import { localeHref } from "@/components/layout/routes";
import { describeNotification, notificationText, type LabelRef } from "@/components/notifications/notification-view";
import { cx } from "@/components/ui/cx";
import { useDismiss } from "@/components/ui/use-dismiss";

/** Polling is only the fallback: new notifications arrive as `notification.new` on the user's live topic. */
const NOTIFICATIONS_POLL_MS = 60_000;
const LIST_LIMIT = 20;
const isUserTopic = (topic: string) => topic.startsWith("user:");

/**
 * The notification centre in the app header (every signed-in page, the knight app on phones included):
 * a bell with the unread count that opens a panel of recent notifications, newest first. Opening one marks
 * it read and goes where to act; "Mark all read" clears the rest. Nothing is marked read just by opening
 * the panel, so a safety alert (a knight silent on a task) stays unread until someone follows it.
 */
export function NotificationBell() {
  const t = useT("notifications");
  const tNeeds = useT("needs");
  const tOffers = useT("offers");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [now, setNow] = useState(() => new Date());
  const panelId = useId();
  const titleId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  const input = { limit: LIST_LIMIT };
  const list = useQuery({ ...trpc.notification.list.queryOptions(input), refetchInterval: NOTIFICATIONS_POLL_MS, retry: 1 });
  const myTopics = useQuery({ ...trpc.live.myTopics.queryOptions(), staleTime: 5 * 60_000 });
  const topics = useMemo(() => myTopics.data?.topics.filter(isUserTopic), [myTopics.data]);
  const reload = () => void queryClient.invalidateQueries({ queryKey: trpc.notification.list.queryKey() });
  const live = useLiveEvents(topics, (e) => {
    if (e.kind === "notification.new" || e.kind === "live.reset") reload();
  });
  const markRead = useMutation(trpc.notification.markRead.mutationOptions({ onSettled: reload }));

  // Relative times ("5 minutes ago") move on while the page stays open.
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(id);
  }, []);

  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, rootRef, buttonRef);
  useEffect(() => {
    if (open) headingRef.current?.focus();
  }, [open]);

  // "Now" for relative times: the clock tick or the last fetch, whichever is later.
  const asOf = new Date(Math.max(now.getTime(), list.dataUpdatedAt));
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];
  const badge = unread > 99 ? "99+" : String(unread);
  const label = (ref: LabelRef) => (ref.ns === "needs" ? tNeeds(ref.key) : tOffers(ref.key));

  return (
    <div
      ref={rootRef}
      className="relative"
      data-testid="notification-bell"
      data-live={live.state}
      data-unread={list.data ? unread : undefined}
      onBlur={(e) => {
        // Tabbing out of the panel closes it, like a menu.
        if (open && e.relatedTarget && rootRef.current && !rootRef.current.contains(e.relatedTarget as Node)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setNow(new Date());
          setOpen((v) => !v);
        }}
        data-testid="notification-bell-button"
        className="relative flex size-10 items-center justify-center rounded-full text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        {/* Named by screen-reader text rather than aria-label: the count badge shown is then no "visible label" the name lacks. */}
        <span className="sr-only">{unread > 0 ? t("bell.labelUnread", { count: unread }) : t("bell.label")}</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-6">
          <path
            fillRule="evenodd"
            clipRule="evenodd"
            d="M10 2a6 6 0 0 0-6 6c0 1.89-.45 3.67-1.25 5.24a.75.75 0 0 0 .55 1.08c1.31.24 2.65.41 4.02.5a2.75 2.75 0 0 0 5.36 0 33.9 33.9 0 0 0 4.02-.5.75.75 0 0 0 .55-1.08A11.45 11.45 0 0 1 16 8a6 6 0 0 0-6-6Zm-1.22 13.1a1.25 1.25 0 0 0 2.44 0 35.4 35.4 0 0 1-2.44 0Z"
          />
        </svg>
        {unread > 0 ? (
          <span
            aria-hidden="true"
            data-testid="notification-count"
            data-count={unread}
            className="absolute -right-0.5 -top-0.5 flex h-5 min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-[11px] font-semibold leading-none text-white ring-2 ring-white"
          >
            {badge}
          </span>
        ) : null}
      </button>
      <span className="sr-only" role="status">
        {unread > 0 ? t("bell.unreadCount", { count: unread }) : ""}
      </span>
      <div
        id={panelId}
        hidden={!open}
        role="region"
        aria-labelledby={titleId}
        data-testid="notification-panel"
        className="fixed inset-x-2 top-16 z-40 flex max-h-[calc(100dvh-6rem)] flex-col rounded-xl border border-slate-200 bg-white shadow-[var(--shadow-raised)] sm:absolute sm:inset-x-auto sm:right-0 sm:top-full sm:mt-2 sm:max-h-[70vh] sm:w-96"
      >
        <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
          <h2 id={titleId} ref={headingRef} tabIndex={-1} className="text-sm font-semibold text-slate-900 outline-none">
            {t("panel.title")}
          </h2>
          <button
            type="button"
            onClick={() => markRead.mutate({})}
            disabled={unread === 0 || markRead.isPending}
            data-testid="notification-mark-all"
            className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:cursor-not-allowed disabled:text-slate-400 disabled:hover:bg-transparent"
          >
            {markRead.isPending ? t("panel.marking") : t("panel.markAllRead")}
          </button>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain">
          {list.isPending ? (
            <p className="px-4 py-6 text-sm text-slate-500" aria-busy="true">
              {t("panel.loading")}
            </p>
          ) : list.isError && !list.data ? (
            <p className="px-4 py-6 text-sm text-red-700" role="alert">
              {t("panel.error")}
            </p>
          ) : items.length === 0 ? (
            <div className="px-4 py-8 text-center" data-testid="notification-empty">
              <p className="text-sm font-semibold text-slate-900">{t("panel.emptyTitle")}</p>
              <p className="mt-1 text-sm text-slate-600">{t("panel.emptyBody")}</p>
            </div>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="notification-list">
              {items.map((n) => {
                const view = describeNotification(n, locale);
                const isUnread = n.readAt === null;
                return (
                  <li key={n.id}>
                    <Link
                      href={localeHref(locale, view.path)}
                      data-testid="notification-item"
                      data-notification-id={n.id}
                      data-kind={n.kind}
                      data-unread={isUnread ? "true" : "false"}
                      onClick={() => {
                        if (isUnread) markRead.mutate({ ids: [n.id] });
                        setOpen(false);
                      }}
                      className={cx(
                        "flex gap-3 px-4 py-3 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600",
                        isUnread ? "bg-brand-50/70" : "",
                      )}
                    >
                      <span aria-hidden="true" className={cx("mt-1.5 size-2 shrink-0 rounded-full", isUnread ? "bg-brand-600" : "bg-transparent")} />
                      <span className="min-w-0 flex-1">
                        {isUnread ? <span className="sr-only">{t("panel.unread")}: </span> : null}
                        <span className={cx("block", isUnread ? "font-medium text-slate-900" : "text-slate-700")} data-testid="notification-text">
                          {notificationText(view, t, label)}
                        </span>
                        <time className="mt-0.5 block text-xs text-slate-500" dateTime={n.createdAt.toISOString()} title={formatDateTime(locale, n.createdAt)}>
                          {formatRelativeTime(locale, n.createdAt, asOf, t("panel.justNow"))}
                        </time>
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}
