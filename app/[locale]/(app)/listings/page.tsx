import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ButtonLink, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ page?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "listings");
  return { title: t("meta.mine") };
}

const STATUS_TONE: Record<string, BadgeTone> = { DRAFT: "neutral", AVAILABLE: "success", OUT_OF_SERVICE: "warning", RETIRED: "danger" };

/** My organisation's (or my own) listings, newest change first, with edit links and CSV import/export. */
export default async function MyListingsPage({ params, searchParams }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.listings));
  if (!can(actor.roles, "listing.own")) redirect(localeHref(locale, paths.dashboard));
  const t = await getT(locale, "listings");
  const page = Math.max(1, Math.min(10_000, Number((await searchParams).page) || 1));
  const list = await (await getServerCaller()).listing.mine({ page, pageSize: 25 });
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const writer = can(actor.roles, "listing.write");
  const href = (p: string) => localeHref(locale, p);

  const actions = writer ? (
    <>
      <ButtonLink href={href(paths.listingsNew)} data-testid="listings-new">{t("mine.new")}</ButtonLink>
      {list.canImport ? <ButtonLink href={href(paths.listingsImport)} variant="outline" data-testid="listings-import">{t("mine.import")}</ButtonLink> : null}
      {list.total > 0 ? (
        <a href="/api/listings/export" className={buttonClasses({ variant: "outline" })} data-testid="listings-export" download>
          {t("mine.export")}
        </a>
      ) : null}
    </>
  ) : null;

  return (
    <>
      <PageHeader title={t("mine.title")} subtitle={t("mine.subtitle")} actions={actions} />
      {list.total === 0 ? (
        <EmptyState
          title={t("mine.emptyTitle")}
          description={writer ? t("mine.emptyBody") : t("mine.noOwner")}
          action={writer ? { href: href(paths.listingsNew), label: t("mine.new") } : undefined}
          data-testid="listings-empty"
        />
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-slate-600" data-testid="listings-total">{t("mine.total", { count: formatNumber(locale, list.total) })}</p>
          <div className="overflow-x-auto rounded-[var(--radius-card)] border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="my-listings">
              <caption className="sr-only">{t("mine.caption")}</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  {(["title", "type", "status", "quantity", "price", "updated", "actions"] as const).map((c) => (
                    <th key={c} scope="col" className="px-4 py-3">{t(`mine.columns.${c}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.items.map((l) => (
                  <tr key={l.id} data-testid="my-listing-row" data-id={l.id}>
                    <td className="px-4 py-3 font-medium text-slate-900">
                      {localizedName(locale, l.title, l.titleEn)}
                      {!l.eligibility.ok ? (
                        <Badge tone="warning" className="ml-2" data-testid="listing-ineligible">{t("mine.ineligible")}</Badge>
                      ) : null}
                    </td>
                    <td className="px-4 py-3 text-slate-700">{localizedName(locale, l.typeNameZh, l.typeNameEn)}</td>
                    <td className="px-4 py-3"><Badge tone={STATUS_TONE[l.status]}>{t(`status.${l.status}`)}</Badge></td>
                    <td className="px-4 py-3 tabular-nums">{formatNumber(locale, l.quantity)} {l.unit}</td>
                    <td className="px-4 py-3 tabular-nums">
                      {l.pricingMode === "FREE" ? t("pricing.FREE") : `¥${formatNumber(locale, l.priceCents / 100)} · ${t(`pricing.${l.pricingMode}`)}`}
                    </td>
                    <td className="px-4 py-3 text-slate-600">{formatDateTime(locale, l.updatedAt)}</td>
                    <td className="px-4 py-3">
                      {writer ? (
                        <Link href={href(`${paths.listings}/${l.id}/edit`)} className="font-medium text-brand-700 hover:underline" data-testid="listing-edit-link">
                          {t("mine.edit")}
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 ? (
            <nav className="flex items-center justify-between text-sm" aria-label={t("mine.caption")}>
              {page > 1 ? <Link href={`${href(paths.listings)}?page=${page - 1}`} className="text-brand-700">{t("mine.prev")}</Link> : <span />}
              <span className="text-slate-600">{t("mine.page", { page: String(page), pages: String(pages) })}</span>
              {page < pages ? <Link href={`${href(paths.listings)}?page=${page + 1}`} className="text-brand-700">{t("mine.next")}</Link> : <span />}
            </nav>
          ) : null}
        </div>
      )}
    </>
  );
}
