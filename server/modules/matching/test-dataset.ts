import type { PrismaClient } from "@/server/db";
import { mulberry32 } from "@/lib/prng";
import type { MatchNeed } from "@/server/modules/matching/match-types";
import type { ODataset, OResource } from "@/server/modules/matching/test-oracle";

/** Random matching data for the property test (tests only): reproducible from one seed. */

export type Rand = { f: () => number; int: (lo: number, hi: number) => number; pick: <T>(xs: readonly T[]) => T; chance: (p: number) => boolean };
export function rand(seed: number): Rand {
  const f = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(f() * (hi - lo + 1));
  return { f, int, pick: (xs) => xs[Math.floor(f() * xs.length)]!, chance: (p) => f() < p };
}

export const BASE_TIME = Date.parse("2026-07-06T00:00:00Z");
const CENTER = { lat: 32.06, lng: 118.79 };
const KINDS = [
  { kind: "PUMP", category: "EQUIPMENT", keys: ["flow_m3h", "head_m"], creds: [] as string[] },
  { kind: "BOAT", category: "EQUIPMENT", keys: ["seats"], creds: ["VESSEL"] },
  { kind: "RESCUE", category: "TEAM", keys: ["members"], creds: ["TEAM_CERT", "FIRST_AID"] },
];
const minutes = (m: number) => new Date(BASE_TIME + m * 60_000);

export function buildDataset(seed: number, nResources: number): ODataset & { keysByType: Record<string, string[]> } {
  const r = rand(seed);
  const p = `s${seed}_`;
  const types = KINDS.flatMap((k) => [1, 2, 3].map((level) => ({ id: `${p}t_${k.kind}_${level}`, kind: k.kind, typeLevel: level, category: k.category, requiredCredentialKinds: k.creds })));
  const keysByType = Object.fromEntries(types.map((t) => [t.id, KINDS.find((k) => k.kind === t.kind)!.keys]));
  const orgs = Array.from({ length: 12 }, (_, i) => ({ id: `${p}o${i}`, verification: r.pick(["VERIFIED", "VERIFIED", "VERIFIED", "PENDING", "REJECTED"]) }));
  const users = Array.from({ length: 8 }, (_, i) => `${p}u${i}`);
  const expertUserIds = users.filter((_, i) => i % 2 === 0);
  const disabledUserIds = [users[6]!];
  const data: ODataset & { keysByType: Record<string, string[]> } = { types, orgs, expertUserIds, disabledUserIds, resources: [], windows: [], credentials: [], assignments: [], keysByType };
  for (let i = 0; i < nResources; i++) {
    const t = r.pick(types);
    const total = r.chance(0.6) ? 1 : r.int(2, 5);
    const capabilities: Record<string, unknown> = {};
    for (const k of keysByType[t.id]!) if (r.chance(0.85)) capabilities[k] = r.chance(0.05) ? "n/a" : r.int(1, 100) * 10;
    const byOrg = r.chance(0.75);
    const res: OResource = {
      id: `${p}r${i}`, typeId: t.id, ownerOrgId: byOrg ? r.pick(orgs).id : null, ownerUserId: byOrg ? null : r.pick(users),
      status: r.pick(["AVAILABLE", "AVAILABLE", "AVAILABLE", "AVAILABLE", "DRAFT", "OUT_OF_SERVICE"]),
      lat: CENTER.lat + (r.f() - 0.5) * 3, lng: CENTER.lng + (r.f() - 0.5) * 3.5, capabilities,
      totalQuantity: total, committedQuantity: r.chance(0.2) ? r.int(0, total) : 0, maxTravelKm: r.int(5, 300),
    };
    data.resources.push(res);
    if (r.chance(0.3)) {
      const days = r.chance(0.5) ? [1, 2, 3, 4, 5] : [r.int(0, 6)];
      const s = r.int(0, 20) * 60;
      for (const d of days) data.windows.push({ resourceId: res.id, kind: "WEEKLY", weekday: d, startMinute: s, endMinute: Math.min(1440, s + r.int(2, 14) * 60), startsAt: null, endsAt: null });
    }
    if (r.chance(0.15)) {
      const s = r.int(0, 7 * 24) * 60;
      data.windows.push({ resourceId: res.id, kind: "DATED", weekday: null, startMinute: null, endMinute: null, startsAt: minutes(s), endsAt: minutes(s + r.int(1, 48) * 60) });
    }
    if (r.chance(0.25)) {
      const s = r.int(0, 7 * 24) * 60;
      data.windows.push({ resourceId: res.id, kind: "BLACKOUT", weekday: null, startMinute: null, endMinute: null, startsAt: minutes(s), endsAt: minutes(s + r.int(1, 72) * 60) });
    }
    for (const kind of t.requiredCredentialKinds) {
      if (r.chance(0.15)) continue;
      const from = r.chance(0.3) ? null : minutes(r.int(-30, 5) * 24 * 60);
      const until = r.chance(0.2) ? null : minutes(r.int(-2, 10) * 24 * 60);
      data.credentials.push({ resourceId: res.id, kind, validFrom: from, validUntil: from && until && until < from ? from : until });
    }
    const nAssign = r.chance(0.3) ? r.int(1, 3) : 0;
    for (let u = 0; u < nAssign; u++) {
      const s = r.int(0, 7 * 24) * 60;
      data.assignments.push({
        resourceId: res.id, unitIndex: r.chance(0.8) ? u : null, status: r.pick(["OFFERED", "ACCEPTED", "ON_SCENE", "PROPOSED", "COMPLETED", "DECLINED"]),
        windowStart: minutes(s), windowEnd: minutes(s + r.int(1, 24) * 60),
      });
    }
  }
  return data;
}

export function randomNeed(r: Rand, data: ODataset & { keysByType: Record<string, string[]> }, i: number): MatchNeed {
  const t = r.pick(data.types);
  const categoryOnly = r.chance(0.15);
  const requiredCapabilities: Record<string, number> = {};
  for (const k of data.keysByType[t.id]!) if (r.chance(0.5)) requiredCapabilities[k] = r.int(1, 60) * 10;
  return {
    id: `need${i}`, typeId: categoryOnly ? null : t.id, category: t.category, typeKind: categoryOnly ? null : t.kind, typeLevel: categoryOnly ? null : t.typeLevel,
    requiredCapabilities: categoryOnly ? {} : requiredCapabilities, quantityOpen: r.int(1, 5),
    stagingLat: 32.06 + (r.f() - 0.5) * 2.5, stagingLng: 118.79 + (r.f() - 0.5) * 3,
    neededBy: minutes(r.int(0, 7 * 24 * 4) * 15), durationMinutes: r.int(1, 48) * 30, maxDistanceKm: r.int(10, 250),
    paymentMode: "PUBLIC_GOOD", priority: "URGENT",
  };
}

/** Insert the dataset (plus a region, a government org, an incident and a need to hang assignments on). */
export async function insertDataset(db: PrismaClient, data: ODataset, seed: number): Promise<void> {
  const p = `s${seed}_`;
  await db.region.upsert({ where: { code: "320100" }, update: {}, create: { code: "320100", nameZh: "南京市", nameEn: "Nanjing", level: "CITY", lat: 32.06, lng: 118.8 } });
  const org = (id: string, verification: string, kind = "ENTERPRISE") =>
    ({ id, name: id, kind, regionCode: "320100", contactName: "x", contactPhone: "1", address: "x", verification }) as never;
  await db.organization.createMany({ data: [...data.orgs.map((o) => org(o.id, o.verification)), org(`${p}gov`, "VERIFIED", "GOVERNMENT")] });
  const userIds = new Set([...data.expertUserIds, ...data.resources.flatMap((r) => (r.ownerUserId ? [r.ownerUserId] : [])), `${p}creator`]);
  await db.user.createMany({ data: [...userIds].map((id) => ({ id, email: `${id}@t.test`, disabledAt: data.disabledUserIds.includes(id) ? new Date(BASE_TIME) : null })) });
  await db.expertProfile.createMany({ data: data.expertUserIds.map((userId) => ({ userId, specialty: "x", regionCode: "320100" })) });
  await db.resourceType.createMany({
    data: data.types.map((t) => ({ id: t.id, code: t.id, kind: t.kind, typeLevel: t.typeLevel, category: t.category as never, nameZh: t.id, nameEn: t.id, requiredCredentialKinds: t.requiredCredentialKinds })),
  });
  await db.resource.createMany({
    data: data.resources.map((r) => ({
      id: r.id, typeId: r.typeId, ownerOrgId: r.ownerOrgId, ownerUserId: r.ownerUserId, title: r.id, capabilities: r.capabilities as never,
      totalQuantity: r.totalQuantity, committedQuantity: r.committedQuantity, unit: "unit", lat: r.lat, lng: r.lng, address: "x", regionCode: "320100",
      travelRange: "CITY", maxTravelKm: r.maxTravelKm, mobilizationMinutes: 30, status: r.status as never,
    })),
  });
  await db.availabilityWindow.createMany({ data: data.windows.map((w) => ({ ...w })) });
  await db.credential.createMany({ data: data.credentials.map((c) => ({ ...c, number: "1", issuer: "x" })) });
  const incident = await db.incident.create({
    data: { orgId: `${p}gov`, createdById: `${p}creator`, title: "t", kind: "FLOOD", severity: "II", lat: 32, lng: 118, address: "x", regionCode: "320100" },
    select: { id: true },
  });
  const need = await db.need.create({
    data: {
      incidentId: incident.id, category: "EQUIPMENT", title: "t", quantity: 1, unit: "unit", stagingLat: 32, stagingLng: 118, stagingAddress: "x",
      neededBy: new Date(BASE_TIME), durationMinutes: 60, maxDistanceKm: 10, createdById: `${p}creator`,
    },
    select: { id: true },
  });
  await db.assignment.createMany({ data: data.assignments.map((a) => ({ ...a, status: a.status as never, needId: need.id })) });
}

/** Remove every row insertDataset may have written (the test database is private to one file). */
export async function clearDataset(db: PrismaClient): Promise<void> {
  await db.assignment.deleteMany({});
  await db.need.deleteMany({});
  await db.incident.deleteMany({});
  await db.credential.deleteMany({});
  await db.availabilityWindow.deleteMany({});
  await db.resource.deleteMany({});
  await db.resourceType.deleteMany({});
  await db.expertProfile.deleteMany({});
  await db.organization.deleteMany({});
  await db.user.deleteMany({});
}
