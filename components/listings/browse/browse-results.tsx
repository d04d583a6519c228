"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatNumber } from "@/lib/i18n/format";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ListingCard, ListingCardSkeleton } from "@/components/listings/browse/listing-card";
import type { TBrowseSearchInput } from "@/lib/schemas/listing-browse";
import { browseHref } from "@/components/listings/browse/browse-url";

const PAGE = 20;

/** Result cards with "load more" (cursor pages), a skeleton while loading and an empty state that says what to change. */
export function BrowseResults({ input }: { input: Omit<TBrowseSearchInput, "cursor" | "limit"> }) {
  const t = useT("browse");
  const locale = useLocale();
  const trpc = useTRPC();
  const q = useInfiniteQuery(
    trpc.listingBrowse.search.infiniteQueryOptions({ ...input, limit: PAGE }, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
  );
  if (q.isPending) {
    return (
      <ul className="grid gap-3" data-testid="browse-loading" aria-busy="true" aria-label={t("results.loading")}>
        {Array.from({ length: 4 }, (_, i) => <ListingCardSkeleton key={i} />)}
      </ul>
    );
  }
  if (q.isError) {
    return (
      <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        {t("results.error")}{" "}
        <Button size="sm" variant="outline" onClick={() => q.refetch()}>{t("results.loadMore")}</Button>
      </div>
    );
  }
  const items = q.data.pages.flatMap((p) => p.items);
  if (items.length === 0) {
    return (
      <EmptyState
        data-testid="browse-empty"
        title={t("results.emptyTitle")}
        description={t("results.emptyBody")}
        action={{ href: browseHref(locale), label: t("results.emptyAction") }}
      />
    );
  }
  return (
    <section aria-label={t("results.listLabel")}>
      <p className="mb-2 text-sm text-slate-600" data-testid="browse-count">{t("results.count", { count: formatNumber(locale, items.length) })}</p>
      <ul className="grid gap-3" data-testid="browse-results">
        {items.map((item) => <ListingCard key={item.id} item={item} />)}
      </ul>
      {q.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="outline" onClick={() => q.fetchNextPage()} disabled={q.isFetchingNextPage} data-testid="browse-more">
            {q.isFetchingNextPage ? t("results.loading") : t("results.loadMore")}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
