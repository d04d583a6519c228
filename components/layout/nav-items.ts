import { paths } from "@/components/layout/routes";

/** Message keys live in the "common" namespace under nav.*. */
export type NavItem = { key: "dashboard" | "requests" | "dispatch" | "listings" | "knight" | "adminOrganizations" | "command"; path: string };

const BY_ROLE: Record<string, NavItem[]> = {
  REQUESTER: [
    { key: "requests", path: paths.requests },
    { key: "dispatch", path: paths.dispatch },
  ],
  SUPPLIER: [{ key: "listings", path: paths.listings }],
  EXPERT: [{ key: "listings", path: paths.listings }],
  KNIGHT: [{ key: "knight", path: paths.knight }],
  ADMIN: [
    { key: "adminOrganizations", path: paths.adminOrganizations },
    { key: "command", path: paths.command },
  ],
};

const ROLE_ORDER = ["REQUESTER", "SUPPLIER", "EXPERT", "KNIGHT", "ADMIN"];

/**
 * The navigation a person sees: the dashboard, then each of their roles' areas (deduplicated).
 * Hiding a link is a convenience, not security — every page and procedure checks permission itself.
 */
export function navItemsFor(roles: readonly string[]): NavItem[] {
  const items: NavItem[] = [{ key: "dashboard", path: paths.dashboard }];
  for (const role of ROLE_ORDER) {
    if (!roles.includes(role)) continue;
    for (const item of BY_ROLE[role]) if (!items.some((i) => i.key === item.key)) items.push(item);
  }
  return items;
}
