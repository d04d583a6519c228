import type { PrismaClient } from "@/server/generated/prisma/client";
import type { Actor, ActorMembership } from "@/server/auth/actor-type";

/** Minimal rows for browse tests: regions, types, organisations of each verification state, people. */

export const REGIONS = [
  { code: "320000", nameZh: "江苏省", nameEn: "Jiangsu", level: "PROVINCE" as const, parentCode: null, lat: 32.06, lng: 118.79 },
  { code: "320100", nameZh: "南京市", nameEn: "Nanjing", level: "CITY" as const, parentCode: "320000", lat: 32.06, lng: 118.8 },
  { code: "320102", nameZh: "玄武区", nameEn: "Xuanwu", level: "DISTRICT" as const, parentCode: "320100", lat: 32.05, lng: 118.8 },
  { code: "320104", nameZh: "秦淮区", nameEn: "Qinhuai", level: "DISTRICT" as const, parentCode: "320100", lat: 32.02, lng: 118.79 },
  { code: "320200", nameZh: "无锡市", nameEn: "Wuxi", level: "CITY" as const, parentCode: "320000", lat: 31.49, lng: 120.31 },
];

export type BrowseFixture = Awaited<ReturnType<typeof seedBrowseFixture>>;

export async function seedBrowseFixture(db: PrismaClient) {
  for (const r of REGIONS) await db.region.create({ data: r });
  const pump = await db.resourceType.create({
    data: {
      category: "EQUIPMENT", code: "T-PUMP", kind: "pump", nameZh: "排水泵", nameEn: "Pump", defaultUnit: "台",
      metrics: [{ key: "flow_m3h", unit: "m³/h", labelZh: "流量", labelEn: "Flow", min: 0, max: 5000 }],
      requiredCredentialKinds: ["SAFETY_CERT"],
    },
    select: { id: true },
  });
  const bags = await db.resourceType.create({
    data: { category: "MATERIAL", code: "T-BAG", kind: "bag", nameZh: "沙袋", nameEn: "Sandbags", defaultUnit: "个" },
    select: { id: true },
  });
  const mkOrg = (name: string, kind: "ENTERPRISE" | "GOVERNMENT", verification: "VERIFIED" | "PENDING", regionCode: string) =>
    db.organization.create({
      data: { name, kind, verification, regionCode, contactName: `${name}联系人`, contactPhone: `139${Math.floor(Math.random() * 1e8)}`, contactEmail: `${kind.toLowerCase()}@x.cn`, address: "南京" },
      select: { id: true, contactPhone: true },
    });
  const verified = await mkOrg("华力设备", "ENTERPRISE", "VERIFIED", "320102");
  const other = await mkOrg("苏安救援", "ENTERPRISE", "VERIFIED", "320200");
  const pending = await mkOrg("未审核公司", "ENTERPRISE", "PENDING", "320104");
  const gov = await mkOrg("应急管理局", "GOVERNMENT", "VERIFIED", "320100");
  const user = (email: string, kind: "SUPPLIER" | "REQUESTER" | "EXPERT" | "ADMIN", admin = false) =>
    db.user.create({ data: { email, kind, name: email.split("@")[0], phone: admin ? null : `137${Math.floor(Math.random() * 1e8)}`, platformRole: admin ? "ADMIN" : "USER" }, select: { id: true, phone: true } });
  const expertUser = await user("expert@x.cn", "EXPERT");
  await db.expertProfile.create({ data: { userId: expertUser.id, specialty: "hydrology", regionCode: "320104" } });

  const base = { unit: "台", address: "南京", travelRange: "CITY" as const, maxTravelKm: 50, mobilizationMinutes: 60 };
  const res = (title: string, o: Record<string, unknown>) =>
    db.resource.create({ data: { ...base, title, typeId: pump.id, regionCode: "320102", lat: 32.05, lng: 118.8, status: "AVAILABLE", ...o }, select: { id: true } });
  const listings = {
    pump: await res("大流量排水泵A", { ownerOrgId: verified.id, capabilities: { flow_m3h: 1200 }, totalQuantity: 5, committedQuantity: 2, pricingMode: "DAILY", priceCents: 80000 }),
    bagsQinhuai: await res("防汛沙袋", { ownerOrgId: verified.id, typeId: bags.id, regionCode: "320104", lat: 32.02, lng: 118.79, unit: "个", totalQuantity: 1000 }),
    wuxi: await res("无锡排水泵", { ownerOrgId: other.id, regionCode: "320200", lat: 31.5, lng: 120.3 }),
    draft: await res("草稿泵", { ownerOrgId: verified.id, status: "DRAFT" }),
    retired: await res("退役泵", { ownerOrgId: verified.id, status: "RETIRED" }),
    outOfService: await res("维修中泵", { ownerOrgId: other.id, status: "OUT_OF_SERVICE" }),
    unverified: await res("未审核泵", { ownerOrgId: pending.id, regionCode: "320104" }),
    expert: await res("水文专家", { ownerUserId: expertUser.id, regionCode: "320104", lat: 32.03, lng: 118.78 }),
  };
  await db.credential.create({ data: { resourceId: listings.pump.id, kind: "SAFETY_CERT", number: "A1", issuer: "江苏省", validUntil: new Date("2020-01-01T00:00:00Z") } });
  await db.availabilityWindow.create({ data: { resourceId: listings.pump.id, kind: "WEEKLY", weekday: 1, startMinute: 480, endMinute: 1080 } });

  const m = (orgId: string, orgKind: ActorMembership["orgKind"], verification: ActorMembership["verification"]): ActorMembership => ({ orgId, orgRole: "MEMBER", orgKind, verification });
  const actors = {
    supplier: { via: "session", userId: (await user("s@x.cn", "SUPPLIER")).id, roles: ["SUPPLIER"], memberships: [m(verified.id, "ENTERPRISE", "VERIFIED")] } as Actor,
    otherSupplier: { via: "session", userId: (await user("o@x.cn", "SUPPLIER")).id, roles: ["SUPPLIER"], memberships: [m(other.id, "ENTERPRISE", "VERIFIED")] } as Actor,
    pendingSupplier: { via: "session", userId: (await user("p@x.cn", "SUPPLIER")).id, roles: ["SUPPLIER"], memberships: [m(pending.id, "ENTERPRISE", "PENDING")] } as Actor,
    requester: { via: "session", userId: (await user("r@x.cn", "REQUESTER")).id, roles: ["REQUESTER"], memberships: [m(gov.id, "GOVERNMENT", "VERIFIED")] } as Actor,
    admin: { via: "session", userId: (await user("a@x.cn", "ADMIN", true)).id, roles: ["ADMIN"], memberships: [] } as Actor,
    knight: { via: "session", userId: (await user("k@x.cn", "SUPPLIER")).id, roles: ["KNIGHT"], memberships: [] } as Actor,
  };
  return { types: { pump, bags }, orgs: { verified, other, pending, gov }, expertUser, listings, actors };
}
