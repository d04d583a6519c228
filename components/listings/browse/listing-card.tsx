"use client";

import Link from "next/link";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatDuration, formatNumber } from "@/lib/i18n/format";
import { localizedName } from "@/lib/i18n/localized-name";
import { Badge } from "@/components/ui/badge";
import type { TListingCard } from "@/lib/schemas/listing-browse";
import { listingHref } from "@/components/listings/browse/browse-url";
import { formatPrice } from "@/components/listings/browse/format-price";

/** One result in the browse list. */
export function ListingCard({ item }: { item: TListingCard }) {
  const t = useT("browse");
  const locale = useLocale();
  return (
    <li data-testid="listing-card" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition hover:border-brand-300">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <Link href={listingHref(locale, item.id)} className="font-semibold text-slate-900 hover:text-brand-700" data-testid="listing-card-link">
            {localizedName(locale, item.title, item.titleEn)}
          </Link>
          <p className="mt-0.5 text-sm text-slate-600">
            {t(`categories.${item.category}`)} · {localizedName(locale, item.type.nameZh, item.type.nameEn)} · {localizedName(locale, item.region.nameZh, item.region.nameEn)}
          </p>
        </div>
        <Badge tone={item.status === "AVAILABLE" ? "success" : "warning"}>{t(`status.${item.status}`)}</Badge>
      </div>
      <div className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
        <span>{t("results.available", { qty: formatNumber(locale, item.quantityAvailable), unit: item.unit })}</span>
        <span>{t("results.lead", { time: formatDuration(locale, item.mobilizationMinutes * 60, { precision: "minute" }) })}</span>
        <span>
          {item.pricingMode === "FREE"
            ? t("pricing.FREE")
            : `${formatPrice(locale, item.priceCents, item.currency)} / ${t(`pricing.${item.pricingMode}`)}`}
        </span>
        {item.distanceM !== null ? (
          <span className="font-medium text-brand-700" data-testid="listing-distance">
            {t("results.distance", { km: formatNumber(locale, item.distanceM / 1000, { maximumFractionDigits: 1 }) })}
          </span>
        ) : null}
      </div>
      <p className="mt-2 text-xs text-slate-500">
        {localizedName(locale, item.owner.name, item.owner.nameEn)}
        {item.owner.kind === "INDIVIDUAL" ? ` · ${t("results.individual")}` : item.owner.verified ? ` · ${t("results.verified")}` : ""}
      </p>
    </li>
  );
}

export function ListingCardSkeleton() {
  return (
    <li className="animate-pulse rounded-lg border border-slate-200 bg-white p-4" aria-hidden="true">
      <div className="h-4 w-2/3 rounded bg-slate-200" />
      <div className="mt-2 h-3 w-1/2 rounded bg-slate-100" />
      <div className="mt-4 h-3 w-3/4 rounded bg-slate-100" />
    </li>
  );
}
