import { paths } from "@/components/layout/routes";

/** Message keys live in the "common" namespace under nav.*. */
export type NavItem = { key: "dashboard" | "adminOrganizations" | "incidents" | "browseListings" | "myListings" | "offers" | "catalogue" | "organization" | "knightHome" | "knightHistory" | "knightStanding" | "knightProfile" | "command"; path: string };

/** Each role's areas; a role gets an entry when its pages exist (requests, listings, knight tasks… come later). */
const BY_ROLE: Partial<Record<string, NavItem[]>> = {
  REQUESTER: [
    { key: "incidents", path: paths.incidents },
    // Government members; the page itself limits each to their organisation's regions (command-access.ts).
    { key: "command", path: paths.command },
    { key: "browseListings", path: paths.browseListings },
    { key: "organization", path: paths.organization },
    { key: "catalogue", path: paths.catalogue },
  ],
  SUPPLIER: [
    { key: "myListings", path: paths.listings },
    { key: "offers", path: paths.offers },
    { key: "browseListings", path: paths.browseListings },
    { key: "organization", path: paths.organization },
    { key: "catalogue", path: paths.catalogue },
  ],
  EXPERT: [
    { key: "myListings", path: paths.listings },
    { key: "offers", path: paths.offers },
    { key: "browseListings", path: paths.browseListings },
    { key: "catalogue", path: paths.catalogue },
  ],
  KNIGHT: [
    { key: "knightHome", path: paths.knightHome },
    { key: "knightHistory", path: paths.knightHistory },
    { key: "knightStanding", path: paths.knightStanding },
    { key: "knightProfile", path: paths.knightProfile },
  ],
  ADMIN: [
    { key: "adminOrganizations", path: paths.adminOrganizations },
    { key: "incidents", path: paths.incidents },
    { key: "command", path: paths.command },
    { key: "browseListings", path: paths.browseListings },
    { key: "catalogue", path: paths.catalogue },
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
    for (const item of BY_ROLE[role] ?? []) if (!items.some((i) => i.key === item.key)) items.push(item);
  }
  return items;
}
