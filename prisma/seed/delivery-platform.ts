import type { Prisma } from "@/server/generated/prisma/client";
import { hashApiKey, parseApiKey } from "@/server/modules/api-keys/key-format";
import { adoptOrgOwner, DEMO_ACCOUNTS } from "./demo-accounts";
import type { IncidentBuild } from "./incidents";
import { ACTIVE_INCIDENTS } from "./incidents-active";
import type { GeneratedKnight } from "./knights";
import { buildOrgMembers, type MembershipRow, type UserRow } from "./members";
import { buildOrg, type SeedOrg } from "./organizations";
import { ORG_SPECS, type OrgSpec } from "./organizations-data";
import type { PhoneBook } from "./people";
import { DAY, type Rng } from "./random";

/**
 * The demo delivery platform: a VERIFIED enterprise (fictional) with riders linked to it
 * (KnightProfile.platformOrgId + externalRiderId) and one API key, so the platform REST API
 * (/api/v1/platform/…, server/modules/dispatch/platform-riders.ts) can be tried right after `npm run demo`.
 * Built last, from its own random streams, so every other row of the dataset stays as it was.
 */
export const DEMO_PLATFORM_SPEC: OrgSpec = {
  slug: "jinling-express",
  name: "金陵即时配送有限公司",
  nameEn: "Jinling Express Delivery Co., Ltd.",
  kind: "ENTERPRISE",
  regionCode: "320104",
  industryZh: "同城即时配送",
};
/** What the riders' profiles show as their platform. */
export const DEMO_PLATFORM_BRAND = "金陵即时配送";

/**
 * Demo only: a fixed key, printed by the seed and written in the README so the API can be tried at once.
 * Same format and SHA-256 hashing as every key (key-format.ts); on anything real, revoke it.
 */
export const DEMO_PLATFORM_API_KEY = "mk_demoJLEX_JinlingExpressDemoKeyNotSecret01";
export const DEMO_PLATFORM_RIDERS = 20;
/** The platform's own rider ids: JL-001, JL-002 … */
export const platformRiderId = (i: number) => `JL-${String(i + 1).padStart(3, "0")}`;

/** The live delivery task whose pickup the printed example puts rider JL-001 next to. */
const TRY_INCIDENT_KEY = "qinhuai-flood-live";
/** Riders carry the seeded deliveries (up to 25 kg) on two wheels. */
const RIDER_MIN_PAYLOAD_KG = 25;
const LIVE_STATUSES = new Set(["OFFERED", "ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE"]);

export interface DemoPlatformInfo {
  name: string;
  nameEn: string;
  apiKey: string;
  riderIds: string[];
  /** The knight-app account of the first rider (demo password), to watch the same offers in the app. */
  firstRiderEmail: string | null;
  /** Next to the pickup of 秦淮区's live delivery task, rounded to ~10 m. */
  tryAt: { lat: number; lng: number } | null;
}

export interface DeliveryPlatformBuild {
  org: SeedOrg;
  users: UserRow[];
  memberships: MembershipRow[];
  apiKey: Prisma.ApiKeyCreateManyInput;
  info: DemoPlatformInfo;
}

/**
 * Builds the platform organisation (owner = the `platform` demo account), links up to DEMO_PLATFORM_RIDERS
 * generated riders to it — Nanjing e-bike or motorcycle riders with room for the seeded deliveries and no live
 * task in the seed, in knight order — and its API key. Mutates the chosen knights' profiles.
 */
export function buildDeliveryPlatform(
  rng: Rng,
  opts: { now: Date; phones: PhoneBook; passwordHash: string | null; adminId: string | null; knights: GeneratedKnight[]; incidents: IncidentBuild },
): DeliveryPlatformBuild {
  const r = rng.fork("delivery-platform");
  // The first serial after the hand-written organisations: a unique, well-formed credit code.
  const org = buildOrg(r, DEMO_PLATFORM_SPEC, 1000 + ORG_SPECS.length, opts.now, opts.adminId);
  org.row.contactPhone = opts.phones.next(r);
  const members = buildOrgMembers(r, [org], opts.phones, opts.passwordHash);
  const owner = adoptOrgOwner(members, org, DEMO_ACCOUNTS.platform, opts.passwordHash ?? "");

  const busy = new Set(opts.incidents.assignments.filter((a) => a.knightId && LIVE_STATUSES.has(a.status as string)).map((a) => a.knightId as string));
  const riders = opts.knights
    .slice(1) // not the demo knight
    .filter(({ profile: p }) => p.status === "ACTIVE" && (p.vehicle === "EBIKE" || p.vehicle === "MOTORCYCLE"))
    .filter(({ profile: p }) => (p.payloadKg ?? 0) >= RIDER_MIN_PAYLOAD_KG && p.homeDistrictCode.startsWith("3201") && !busy.has(p.id))
    .slice(0, DEMO_PLATFORM_RIDERS);
  riders.forEach((k, i) => Object.assign(k.profile, { platformOrgId: org.id, externalRiderId: platformRiderId(i), deliveryPlatform: DEMO_PLATFORM_BRAND }));

  const keyCreatedAt = new Date(opts.now.getTime() - 7 * DAY);
  const apiKey: Prisma.ApiKeyCreateManyInput = {
    id: r.id(),
    orgId: org.id,
    name: "骑手调度对接（演示） / Rider dispatch integration (demo)",
    prefix: parseApiKey(DEMO_PLATFORM_API_KEY)!.prefix,
    hashedKey: hashApiKey(DEMO_PLATFORM_API_KEY),
    // What the platform integration uses (see the migration that gave existing keys their scopes).
    scopes: ["catalogue:read", "platform:riders"],
    createdById: owner.id,
    createdAt: keyCreatedAt,
    updatedAt: keyCreatedAt,
  };
  return {
    org,
    users: members.users,
    memberships: members.memberships,
    apiKey,
    info: {
      name: org.name,
      nameEn: org.nameEn,
      apiKey: DEMO_PLATFORM_API_KEY,
      riderIds: riders.map((_, i) => platformRiderId(i)),
      firstRiderEmail: riders[0]?.user.email ?? null,
      tryAt: tryPosition(opts.incidents),
    },
  };
}

function tryPosition(incidents: IncidentBuild): { lat: number; lng: number } | null {
  const title = ACTIVE_INCIDENTS.find((s) => s.key === TRY_INCIDENT_KEY)?.title;
  const incident = incidents.incidents.find((i) => i.title === title);
  const need = incidents.needs.find((n) => n.incidentId === incident?.id && n.category === "KNIGHT" && n.taskKind === "DELIVERY");
  if (need?.pickupLat == null || need.pickupLng == null) return null;
  return { lat: Math.round(need.pickupLat * 1e4) / 1e4, lng: Math.round(need.pickupLng * 1e4) / 1e4 };
}

/** The `curl` that puts the first rider on duty next to the delivery task (printed by the seed, shown in the README). */
export function riderOnDutyCurl(info: DemoPlatformInfo, baseUrl: string): string | null {
  if (!info.tryAt || info.riderIds.length === 0) return null;
  const body = JSON.stringify({ onDuty: true, lat: info.tryAt.lat, lng: info.tryAt.lng });
  return `curl -X POST -H "Authorization: Bearer ${info.apiKey}" -H 'content-type: application/json' \\\n  -d '${body}' ${baseUrl}/api/v1/platform/riders/${info.riderIds[0]}/duty`;
}

/** Lines printed after the demo accounts; `appUrl` is where this app answers (env.APP_URL), so the commands work as printed. */
export function demoPlatformLines(info: DemoPlatformInfo, appUrl: string): string {
  const baseUrl = appUrl.replace(/\/+$/, "");
  const ids = info.riderIds;
  const lines = [
    `Delivery platform ${info.name} / ${info.nameEn} (REST /api/v1/platform, see the README):`,
    `  API key  ${info.apiKey}   (demo only: revoke it on anything real)`,
    `  riders   ${ids.length ? `${ids[0]} … ${ids[ids.length - 1]} (${ids.length})` : "none"}${info.firstRiderEmail ? `; ${ids[0]} signs in to the knight app as ${info.firstRiderEmail}` : ""}`,
  ];
  const curl = riderOnDutyCurl(info, baseUrl);
  if (curl) {
    lines.push(`  try      ${curl.replace(/\n/g, "\n           ")}`);
    lines.push(`           curl -H "Authorization: Bearer ${info.apiKey}" ${baseUrl}/api/v1/platform/riders/${ids[0]}/offers`);
  }
  return lines.join("\n");
}
