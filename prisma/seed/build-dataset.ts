import type { Prisma } from "@/server/generated/prisma/client";
import { buildAllocationContext } from "./assignments";
import { CATALOGUE } from "./catalogue-data";
import type { CatalogueEntry, CategoryName } from "./catalogue-types";
import { buildDemoOffers } from "./demo-offers";
import { buildDeliveryPlatform, type DemoPlatformInfo } from "./delivery-platform";
import { adoptDemoKnight, adoptOrgOwner, DEMO_ACCOUNTS, DEMO_ORG_SLUGS, reserveDemoPhones } from "./demo-accounts";
import { buildIndividualExperts, expertProfileFor, type ExpertProfileRow } from "./experts";
import { buildHistory } from "./history";
import type { History } from "./history-log";
import { prepareKnightTasks } from "./history-knights";
import { buildIncidents, type IncidentBuild } from "./incidents";
import { generateKnight, type GeneratedKnight } from "./knights";
import { buildOrgMembers, type MembershipRow, type UserRow } from "./members";
import { settleNeedQuantities, settleResourceCommitments } from "./need-quantities";
import { buildNeedTemplates } from "./need-templates";
import { buildOrganizations, generateExtraOrg, type SeedOrg } from "./organizations";
import { PhoneBook } from "./people";
import { ALL_PLACES, locateIn, placeByCode } from "./places";
import { DAY, Rng } from "./random";
import { OwnerPools, ownerOf, type OwnerRef } from "./resource-owners";
import { ResourceFactory, type CredentialRow, type GeneratedResource, type ResourceRow, type TypeRef, type WindowRow } from "./resources";

/** The default scale: number of resources in a plain `npm run seed`. */
export const DEFAULT_SCALE = 3200;
export const DEFAULT_KNIGHTS = 800;
/** Above the default scale, each synthetic organisation owns this many extra listings. */
export const EXTRA_RESOURCES_PER_ORG = 250;
const INDIVIDUAL_EXPERTS = 36;
const DEMO_SUPPLIER_TYPES = ["EQ-PUMP-1", "EQ-PUMP-2", "EQ-PUMP-3", "EQ-GEN-2", "EQ-GEN-3", "EQ-BOAT-1", "EQ-LIGHT-1", "EQ-EXCAV-2", "EQ-CRANE-2", "EQ-DRONE-2", "EQ-DUMP-1", "MT-SANDBAG"];
const PENDING_CATEGORY: Record<string, CategoryName> = { ENTERPRISE: "EQUIPMENT", SOCIAL_FORCE: "TEAM", RESEARCH: "EXPERT", RESCUE_TEAM: "TEAM", GOVERNMENT: "MATERIAL" };

export interface DatasetOptions {
  seed: string;
  /** Total number of resources (listings). */
  scale: number;
  /** Number of generated knights (the demo knight comes on top). */
  knights: number;
  /** Anchor for every time-relative value (needed-by, on-duty, credential expiry …). */
  now: Date;
  adminId: string | null;
  passwordHash: string | null;
}

export interface Dataset {
  regions: Prisma.RegionCreateManyInput[];
  types: Prisma.ResourceTypeCreateManyInput[];
  orgs: SeedOrg[];
  users: UserRow[];
  expertProfiles: ExpertProfileRow[];
  memberships: MembershipRow[];
  resources: ResourceRow[];
  credentials: CredentialRow[];
  windows: WindowRow[];
  knights: GeneratedKnight[];
  incidents: IncidentBuild;
  /** The accepted offers behind the seeded knight tasks (one slot each). */
  knightOffers: Prisma.OfferCreateManyInput[];
  /** Audit trail and live events of the seeded incidents (history.ts). */
  history: History;
  templates: Prisma.NeedTemplateCreateManyInput[];
  /** Queue rows seeded with the data (expiry timers of the demo offers). */
  jobs: Prisma.JobCreateManyInput[];
  /** The demo delivery platform's API key (delivery-platform.ts). */
  apiKeys: Prisma.ApiKeyCreateManyInput[];
  platform: DemoPlatformInfo;
  factory: ResourceFactory;
  /** Factory indices [baseCount, baseCount + extraCount) are loaded in bulk after the base commit. */
  baseCount: number;
  extraCount: number;
}

export function typeRefs(seed: string): TypeRef[] {
  const rng = new Rng(seed);
  return CATALOGUE.map((entry) => ({ id: rng.fork("type", entry.code).id(), entry }));
}

/** Synthetic organisation owning factory index `index` (≥ baseCount); cached so each is built once. */
export function extraOwnerLookup(seed: string, now: Date, baseCount: number) {
  const cache = new Map<number, SeedOrg>();
  const orgAt = (j: number) => {
    let org = cache.get(j);
    if (!org) cache.set(j, (org = generateExtraOrg(seed, j, now)));
    return org;
  };
  return { orgAt, owner: (index: number): OwnerRef => ownerOf(orgAt(Math.floor((index - baseCount) / EXTRA_RESOURCES_PER_ORG))) };
}

/** Builds the whole base dataset in memory (no database), deterministically from `seed`. */
export function buildDataset(opts: DatasetOptions): Dataset {
  const { seed, now, passwordHash } = opts;
  const rng = new Rng(seed);
  const refs = typeRefs(seed);
  const typesByCode = new Map(refs.map((t) => [t.entry.code, t]));
  const entryByTypeId = new Map<string, CatalogueEntry>(refs.map((t) => [t.id, t.entry]));

  const phones = new PhoneBook();
  reserveDemoPhones(phones);
  const orgs = buildOrganizations(rng, now, phones, opts.adminId);
  const orgsBySlug = new Map(orgs.map((o) => [o.slug, o]));
  const members = buildOrgMembers(rng, orgs, phones, passwordHash);
  const demoHash = passwordHash ?? "";
  adoptOrgOwner(members, orgsBySlug.get(DEMO_ORG_SLUGS.requester)!, DEMO_ACCOUNTS.requester, demoHash);
  adoptOrgOwner(members, orgsBySlug.get(DEMO_ORG_SLUGS.supplier)!, DEMO_ACCOUNTS.supplier, demoHash);
  adoptOrgOwner(members, orgsBySlug.get(DEMO_ORG_SLUGS.pending)!, DEMO_ACCOUNTS.pending, demoHash);

  const pools = new OwnerPools(orgs.filter((o) => o.verification === "VERIFIED").map(ownerOf));
  const fixed = buildFixedListings(rng, opts, orgs, refs, pools, phones);
  const baseCount = Math.max(0, Math.min(opts.scale, DEFAULT_SCALE) - fixed.listings.length);
  const extraCount = Math.max(0, opts.scale - fixed.listings.length - baseCount);
  const extra = extraOwnerLookup(seed, now, baseCount);
  const factory = new ResourceFactory({ seed, now, types: refs, pools, baseCount, extraOwner: extra.owner });

  const generated: GeneratedResource[] = [...fixed.listings];
  for (let i = 0; i < baseCount; i++) generated.push(factory.generate(i));

  const knights: GeneratedKnight[] = [adoptDemoKnight(generateKnight(`${seed}:demo`, 0, now, demoHash, { homeDistrict: placeByCode("320102"), onDuty: true }), demoHash, now)];
  for (let i = 0; i < opts.knights; i++) knights.push(generateKnight(seed, i, now, passwordHash));

  const resources = generated.map((g) => g.resource);
  const allocation = buildAllocationContext(resources, entryByTypeId, knights.map((k) => k.profile), [knights[0].profile.id]);
  const incidents = buildIncidents(rng, { now, orgsBySlug, ownerOf: members.ownerOf, typesByCode, allocation });
  const supplierListings = fixed.listings.slice(0, DEMO_SUPPLIER_TYPES.length).map((g) => g.resource);
  const demoOffers = buildDemoOffers(rng.fork("demo-offers"), { incidents, supplierListings, typesByCode, now, usedLiveUnits: allocation.usedLiveUnits });
  incidents.assignments.push(...demoOffers.assignments);
  // Last, so the platform's streams and phones change nothing drawn before.
  const platform = buildDeliveryPlatform(rng, { now, phones, passwordHash, adminId: opts.adminId, knights, incidents });
  // Then the counters and the story, derived from the assignments as they now stand.
  const knightTasks = prepareKnightTasks(rng.fork("knight-tasks"), incidents);
  settleNeedQuantities(incidents.needs, incidents.assignments);
  settleResourceCommitments(resources, incidents.assignments);
  const history = buildHistory({
    now, incidents, knightTasks, ownerOf: members.ownerOf,
    resourcesById: new Map(resources.map((r) => [r.id, r])),
    knightUserOf: new Map(knights.map((k) => [k.profile.id, k.user.id])),
  });

  return {
    regions: ALL_PLACES.map((p) => ({ code: p.code, nameZh: p.nameZh, nameEn: p.nameEn, level: p.level, parentCode: p.parentCode, lat: p.lat, lng: p.lng })),
    types: refs.map(({ id, entry: e }) => ({
      id, category: e.category, code: e.code, kind: e.kind, nameZh: e.nameZh, nameEn: e.nameEn, descriptionZh: e.descriptionZh,
      descriptionEn: e.descriptionEn, minimumCriteriaZh: e.minimumCriteriaZh, minimumCriteriaEn: e.minimumCriteriaEn, typeLevel: e.typeLevel,
      metrics: e.metrics.map((m) => ({ ...m })), defaultUnit: e.defaultUnit, requiredCredentialKinds: e.requiredCredentialKinds, active: true,
      createdAt: new Date(now.getTime() - 1000 * DAY), updatedAt: new Date(now.getTime() - 1000 * DAY),
    })),
    orgs: [...orgs, platform.org],
    users: [...members.users, ...fixed.users, ...platform.users],
    expertProfiles: fixed.expertProfiles,
    memberships: [...members.memberships, ...platform.memberships],
    resources,
    credentials: generated.flatMap((g) => g.credentials),
    windows: generated.flatMap((g) => g.windows),
    knights,
    incidents,
    knightOffers: knightTasks.offers,
    history,
    templates: buildNeedTemplates(rng, now),
    jobs: demoOffers.jobs,
    apiKeys: [platform.apiKey],
    platform: platform.info,
    factory,
    baseCount,
    extraCount,
  };
}

/** Listings that are not drawn from the factory: the demo supplier's, individual experts', pending orgs' drafts. */
function buildFixedListings(rng: Rng, opts: DatasetOptions, orgs: SeedOrg[], refs: TypeRef[], pools: OwnerPools, phones: PhoneBook) {
  const { seed, now, passwordHash } = opts;
  const typesByCode = new Map(refs.map((t) => [t.entry.code, t]));
  // A factory used only for .build(): no pools needed beyond the real ones, no extras.
  const builder = new ResourceFactory({ seed, now, types: refs, pools, baseCount: 0 });
  const listings: GeneratedResource[] = [];

  const supplier = orgs.find((o) => o.slug === DEMO_ORG_SLUGS.supplier)!;
  DEMO_SUPPLIER_TYPES.forEach((code, i) => {
    const r = rng.fork("demo-supplier", i);
    listings.push(builder.build(r, { type: typesByCode.get(code)!, owner: ownerOf(supplier), located: locateIn(r, supplier.regionCode), status: "AVAILABLE" }));
  });

  const experts = buildIndividualExperts(rng, INDIVIDUAL_EXPERTS, builder, refs.filter((t) => t.entry.category === "EXPERT"), phones, passwordHash, now);
  const demoExpert = experts.users[0];
  const a = DEMO_ACCOUNTS.expert;
  Object.assign(demoExpert, { email: a.email, phone: a.phone, name: a.name, passwordHash: passwordHash ?? "" });
  const r0 = rng.fork("demo-expert");
  const demoOwner: OwnerRef = { orgId: null, userId: demoExpert.id, kind: "INDIVIDUAL", name: a.name, shortName: a.name, regionCode: "320106", cityCode: "320100" };
  experts.listings[0] = builder.build(r0, { type: typesByCode.get("EX-HYDRO-1")!, owner: demoOwner, located: locateIn(r0, "320106"), personName: a.name, status: "AVAILABLE" });
  experts.profiles[0] = expertProfileFor(r0, demoExpert.id, typesByCode.get("EX-HYDRO-1")!, "320106");
  listings.push(...experts.listings);

  for (const org of orgs.filter((o) => o.verification === "PENDING")) {
    const r = rng.fork("pending-drafts", org.slug);
    const category = PENDING_CATEGORY[org.kind];
    const candidates = refs.filter((t) => t.entry.category === category);
    for (let n = r.int(1, 3); n > 0; n--) {
      listings.push(builder.build(r, { type: r.pick(candidates), owner: ownerOf(org), located: locateIn(r, org.regionCode === "320000" ? "320100" : org.regionCode), status: "DRAFT" }));
    }
  }
  return { listings, users: experts.users, expertProfiles: experts.profiles };
}

