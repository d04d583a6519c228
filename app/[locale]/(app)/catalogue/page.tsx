import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { formatNumber } from "@/lib/i18n/format";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { RESOURCE_CATEGORIES, ZResourceCategory, type TResourceTypeDto } from "@/lib/schemas/catalogue";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { CategoryTabs } from "@/components/catalogue/category-tabs";
import { ResourceTypeCard } from "@/components/catalogue/resource-type-card";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ category?: string | string[]; q?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "catalogue");
  return { title: t("metaTitle") };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

/** The catalogue by category: what each type means, so a supplier can pick the right one. */
export default async function CataloguePage({ params, searchParams }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.catalogue));
  if (!can(actor.roles, "catalogue.read")) redirect(localeHref(locale, paths.dashboard));

  const sp = await searchParams;
  const parsedCategory = ZResourceCategory.safeParse(one(sp.category));
  const category = parsedCategory.success ? parsedCategory.data : undefined;
  const q = one(sp.q)?.slice(0, 100);
  const isAdmin = can(actor.roles, "catalogue.write");
  const [t, list] = await Promise.all([
    getT(locale, "catalogue"),
    getServerCaller().then((c) => c.catalogue.listTypes({ category, q })),
  ]);
  const base = localeHref(locale, paths.catalogue);
  const hrefFor = (c?: string) => {
    const s = new URLSearchParams();
    if (c) s.set("category", c);
    if (q) s.set("q", q);
    const qs = s.toString();
    return qs ? `${base}?${qs}` : base;
  };
  const tabs = [
    { key: "ALL", label: t("allCategories"), href: hrefFor(), active: !category },
    ...RESOURCE_CATEGORIES.map((c) => ({ key: c, label: t(`categories.${c}`), href: hrefFor(c), active: category === c })),
  ];
  const groups = RESOURCE_CATEGORIES.map((c) => ({ c, items: list.items.filter((i) => i.category === c) })).filter((g) => g.items.length);
  const editHref = (type: TResourceTypeDto) => (isAdmin ? `${base}/${encodeURIComponent(type.code)}/edit` : undefined);

  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        actions={
          isAdmin ? (
            <ButtonLink href={localeHref(locale, paths.catalogueNew)} data-testid="catalogue-new-type">
              {t("newType")}
            </ButtonLink>
          ) : null
        }
      />
      <div className="mb-6 space-y-3">
        <CategoryTabs items={tabs} label={t("title")} />
        <form method="get" action={base} role="search" className="flex max-w-md gap-2">
          {category ? <input type="hidden" name="category" value={category} /> : null}
          <label htmlFor="catalogue-q" className="sr-only">
            {t("search")}
          </label>
          <Input id="catalogue-q" name="q" type="search" defaultValue={q} placeholder={t("search")} data-testid="catalogue-search" />
          <Button type="submit" variant="outline">
            {t("searchButton")}
          </Button>
        </form>
        <p className="text-sm text-slate-600" data-testid="catalogue-count">
          {t("count", { count: formatNumber(locale, list.items.length) })}
        </p>
      </div>
      {groups.length === 0 ? (
        <EmptyState
          title={t("emptyTitle")}
          description={t("emptyBody")}
          action={{ href: base, label: t("emptyAction") }}
          data-testid="catalogue-empty"
        />
      ) : (
        <div className="space-y-10">
          {groups.map((g) => (
            <section key={g.c} aria-labelledby={`cat-${g.c}`} data-testid={`catalogue-section-${g.c}`}>
              <h2 id={`cat-${g.c}`} className="text-lg font-semibold text-slate-900">
                {t(`categories.${g.c}`)}
              </h2>
              <p className="mb-3 text-sm text-slate-600">{t(`categoryHint.${g.c}`)}</p>
              <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
                {g.items.map((type) => (
                  <ResourceTypeCard key={type.id} type={type} locale={locale} t={t} editHref={editHref(type)} />
                ))}
              </div>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
