"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useT } from "@/lib/i18n/client";
import { useLiveEvents } from "@/lib/live/use-live-events";
import { RESOURCE_OFFER_EVENT } from "@/lib/schemas/live";
import { useTRPC } from "@/lib/trpc/react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { OfferCard } from "@/components/offers/offer-card";

type Scope = "pending" | "active";

/** Polling is only the fallback: offers arrive as live events (the organisation's supplier topic). */
const INBOX_POLL_MS = 60_000;

/** The caller's feeds that carry offer changes: their organisations' supplier topics and (experts) their own. */
const isOfferTopic = (topic: string) => topic.startsWith("supplier:") || topic.startsWith("user:");

/** Tabs (awaiting answer / in progress) over the supplier's offers; refreshes on each offer change, live. */
export function OfferInbox({ listingsHref }: { listingsHref: string }) {
  const t = useT("offers");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [scope, setScope] = useState<Scope>("pending");
  const [notice, setNotice] = useState<string | null>(null);
  const inbox = useQuery({ ...trpc.offer.inbox.queryOptions({ scope }), refetchInterval: INBOX_POLL_MS });
  const myTopics = useQuery({ ...trpc.live.myTopics.queryOptions(), staleTime: 5 * 60_000 });
  const topics = useMemo(() => myTopics.data?.topics.filter(isOfferTopic), [myTopics.data]);
  const reload = () => void queryClient.invalidateQueries({ queryKey: trpc.offer.inbox.queryKey() });
  const live = useLiveEvents(topics, (e) => {
    if (e.kind === RESOURCE_OFFER_EVENT || e.kind === "live.reset") reload();
  });
  const refresh = (message: string) => {
    setNotice(message);
    reload();
  };

  return (
    <div className="space-y-4" data-testid="offer-inbox" data-live={live.state}>
      <div role="tablist" aria-label={t("tabs.label")} className="flex gap-2">
        {(["pending", "active"] as const).map((s) => (
          <Button key={s} role="tab" aria-selected={scope === s} variant={scope === s ? "secondary" : "outline"} size="sm" onClick={() => setScope(s)} data-testid={`offers-tab-${s}`}>
            {t(`tabs.${s}`)}
          </Button>
        ))}
      </div>
      {notice ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-4 py-2 text-sm text-emerald-800" data-testid="offers-notice">
          {notice}
        </p>
      ) : null}
      {inbox.isPending ? (
        <p className="text-sm text-slate-500" aria-busy="true">…</p>
      ) : inbox.data && inbox.data.length > 0 ? (
        <ul className="grid gap-4 md:grid-cols-2" data-testid="offers-list">
          {inbox.data.map((offer) => (
            <li key={offer.id}>
              <OfferCard offer={offer} onDone={refresh} />
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState
          title={t(scope === "pending" ? "empty.pendingTitle" : "empty.activeTitle")}
          description={t(scope === "pending" ? "empty.pendingBody" : "empty.activeBody")}
          action={{ href: listingsHref, label: t("empty.action") }}
          data-testid="offers-empty"
        />
      )}
    </div>
  );
}
