"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { OfferCard } from "@/components/offers/offer-card";

type Scope = "pending" | "active";

/** Tabs (awaiting answer / in progress) over the supplier's offers; refreshes every 15 s. */
export function OfferInbox({ listingsHref }: { listingsHref: string }) {
  const t = useT("offers");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [scope, setScope] = useState<Scope>("pending");
  const [notice, setNotice] = useState<string | null>(null);
  const inbox = useQuery({ ...trpc.offer.inbox.queryOptions({ scope }), refetchInterval: 15_000 });
  const refresh = (message: string) => {
    setNotice(message);
    void queryClient.invalidateQueries({ queryKey: trpc.offer.inbox.queryKey() });
  };

  return (
    <div className="space-y-4">
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
