import type { PrismaClient } from "@/server/db";
import type { Actor, ActorMembership } from "@/server/auth/actor-type";
import type { Role } from "@/server/auth/permissions";

/** Minimal rows for listing tests: two regions, a pump and a boat type (the boat requires a licence). */
export async function seedListingRefs(db: PrismaClient) {
  await db.region.createMany({
    data: [
      { code: "320000", nameZh: "江苏省", nameEn: "Jiangsu", level: "PROVINCE", lat: 32.06, lng: 118.79 },
      { code: "320100", nameZh: "南京市", nameEn: "Nanjing", level: "CITY", parentCode: "320000", lat: 32.06, lng: 118.8 },
      { code: "320200", nameZh: "无锡市", nameEn: "Wuxi", level: "CITY", parentCode: "320000", lat: 31.49, lng: 120.31 },
    ],
  });
  await db.resourceType.createMany({
    data: [
      {
        category: "EQUIPMENT", code: "EQ-PUMP-2", kind: "PUMP", nameZh: "移动排涝泵站", nameEn: "Mobile pump station", typeLevel: 2, defaultUnit: "vehicle",
        metrics: [
          { key: "flow_m3h", unit: "m³/h", labelZh: "流量", labelEn: "Flow rate", min: 0, max: 5000 },
          { key: "head_m", unit: "m", labelZh: "扬程", labelEn: "Head", min: 0, max: 200 },
        ],
      },
      {
        category: "EQUIPMENT", code: "EQ-BOAT-1", kind: "BOAT", nameZh: "冲锋舟", nameEn: "Assault boat", defaultUnit: "boat",
        metrics: [{ key: "seats", unit: "seats", labelZh: "载员", labelEn: "Seats", min: 1, max: 60 }], requiredCredentialKinds: ["VESSEL_OPERATOR"],
      },
    ],
  });
}

export async function createOrg(db: PrismaClient, name: string, opts: { kind?: ActorMembership["orgKind"]; verification?: ActorMembership["verification"] } = {}) {
  return db.organization.create({
    data: { name, kind: opts.kind ?? "ENTERPRISE", regionCode: "320100", contactName: "联系人", contactPhone: "13900000000", address: "南京", verification: opts.verification ?? "VERIFIED" },
    select: { id: true, kind: true, verification: true },
  });
}

/** A user (+ membership) and the Actor a session for them would resolve to. */
export async function createActor(
  db: PrismaClient,
  email: string,
  roles: Role[],
  org?: { id: string; kind: ActorMembership["orgKind"]; verification: ActorMembership["verification"] },
  orgRole: ActorMembership["orgRole"] = "MEMBER",
): Promise<Actor> {
  const kind = roles.includes("EXPERT") ? "EXPERT" : roles.includes("REQUESTER") ? "REQUESTER" : roles.includes("KNIGHT") ? "KNIGHT" : roles.includes("ADMIN") ? "ADMIN" : "SUPPLIER";
  const user = await db.user.create({ data: { email, kind, platformRole: roles.includes("ADMIN") ? "ADMIN" : "USER" }, select: { id: true } });
  const memberships: ActorMembership[] = [];
  if (org) {
    await db.membership.create({ data: { userId: user.id, orgId: org.id, role: orgRole } });
    memberships.push({ orgId: org.id, orgRole, orgKind: org.kind, verification: org.verification });
  }
  return { via: "session", userId: user.id, roles, memberships };
}

export const pumpInput = {
  typeCode: "EQ-PUMP-2",
  title: "移动排涝泵站 800 m³/h",
  quantity: 2,
  unit: "vehicle",
  lat: 32.04,
  lng: 118.78,
  address: "南京市秦淮区中华路 100 号",
  travelRange: "CITY" as const,
  maxTravelKm: 120,
  mobilizationMinutes: 60,
  capabilities: { flow_m3h: 800, head_m: 12 },
  pricingMode: "DAILY" as const,
  priceCents: 300000,
};
