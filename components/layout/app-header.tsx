import type { Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import { can, ROLES } from "@/server/auth/permissions";
import { AppNav } from "@/components/layout/app-nav";
import { Logo } from "@/components/layout/logo";
import { navItemsFor } from "@/components/layout/nav-items";
import { localeHref, paths } from "@/components/layout/routes";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { UserMenu } from "@/components/layout/user-menu";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { HeaderSearch } from "@/components/search/header-search";
import { LocaleSwitcher } from "@/components/ui/locale-switcher";

/** Top bar of the signed-in app: logo, role-aware navigation, language, notifications, account. */
export async function AppHeader(props: {
  locale: Locale;
  viewer: { name: string | null; email: string | null; roles: string[] };
}) {
  const { locale, viewer } = props;
  const t = await getT(locale, "common");
  const items = navItemsFor(viewer.roles).map((i) => ({
    key: i.key,
    href: localeHref(locale, i.path),
    label: t(`nav.${i.key}`),
  }));
  // The viewer's roles arrive as plain strings; `can` takes the known roles among them.
  const roles = ROLES.filter((r) => viewer.roles.includes(r));
  const mayManageKeys = can(roles, "apiKey.manage");
  // The bell shows on every signed-in page, phones and the knight app included (the procedures check again).
  const mayReadNotifications = can(roles, "notification.read");
  const maySearch = can(roles, "search.read");
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur supports-[backdrop-filter]:bg-white/75">
      <div className="mx-auto flex h-16 max-w-7xl items-center gap-6 px-4 sm:px-6 lg:px-8">
        <Logo
          href={localeHref(locale, paths.dashboard)}
          name={t("brand.name")}
          tagline={t("brand.tagline")}
          homeLabel={t("nav.dashboard")}
        />
        <div className="hidden min-w-0 flex-1 lg:block">
          <AppNav items={items} label={t("a11y.primaryNav")} />
        </div>
        {maySearch ? <HeaderSearch className="ml-auto hidden w-56 shrink-0 md:block xl:w-72" /> : null}
        <div className={maySearch ? "ml-auto flex items-center gap-2 sm:gap-3 md:ml-0" : "ml-auto flex items-center gap-2 sm:gap-3"}>
          <LocaleSwitcher />
          {mayReadNotifications ? <NotificationBell /> : null}
          <UserMenu
            name={viewer.name}
            email={viewer.email}
            roles={viewer.roles}
            showApiKeys={mayManageKeys}
          />
          <SignOutButton />
        </div>
      </div>
      {/* On phones the search box gets its own row (one on screen at a time: "/" focuses the visible one). */}
      {maySearch ? (
        <div className="border-t border-slate-100 px-4 py-2 sm:px-6 md:hidden">
          <HeaderSearch />
        </div>
      ) : null}
      {/* Below lg the navigation gets its own scrollable row instead of a hidden hamburger. */}
      <div className="border-t border-slate-100 px-4 py-1.5 sm:px-6 lg:hidden">
        <AppNav items={items} label={t("a11y.primaryNav")} />
      </div>
    </header>
  );
}
