import type { Locale } from "@/lib/i18n/config";

/**
 * Paths of the app's pages, without the locale prefix, in one place so links do not drift from routes.
 * Only pages that exist belong here: a link to a planned page is a 404 for whoever clicks it.
 * Use `localeHref(locale, paths.dashboard)` → "/zh-CN/dashboard".
 */
export const paths = {
  home: "/",
  signIn: "/sign-in",
  signUp: "/sign-up",
  signUpAs: (kind: "requester" | "supplier" | "expert" | "knight") => `/sign-up/${kind}`,
  dashboard: "/dashboard",
  apiKeys: "/settings/api-keys",
  adminOrganizations: "/admin/organizations",
  adminRateCards: "/admin/rate-cards",
  catalogue: "/catalogue",
  catalogueNew: "/catalogue/new",
  organization: "/organization",
  knightHome: "/knight",
  knightHistory: "/knight/history",
  knightStanding: "/knight/standing",
  knightProfile: "/knight/profile",
  incidents: "/incidents",
  newIncident: "/incidents/new",
  browseListings: "/listings/browse",
  listings: "/listings",
  listingsNew: "/listings/new",
  listingsImport: "/listings/import",
  offers: "/offers",
  command: "/command",
  commandWall: "/command/wall",
  requisitions: "/requisitions",
  requisition: (assignmentId: string) => `/requisitions/${encodeURIComponent(assignmentId)}`,
  costReport: (incidentId: string) => `/incidents/${encodeURIComponent(incidentId)}/cost-report`,
  workBoard: "/work-board",
  search: "/search",
  orders: "/orders",
  order: (orderId: string) => `/orders/${encodeURIComponent(orderId)}`,
  money: "/money",
} as const;

export function localeHref(locale: Locale, path: string): string {
  return path === "/" ? `/${locale}` : `/${locale}${path}`;
}

/** Sign-in page that sends the person back to `returnTo` (a locale-less app path) afterwards. */
export function signInHref(locale: Locale, returnTo?: string): string {
  const base = localeHref(locale, paths.signIn);
  return returnTo ? `${base}?callbackUrl=${encodeURIComponent(localeHref(locale, returnTo))}` : base;
}
