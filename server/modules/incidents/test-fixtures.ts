import type { Db } from "@/server/db";
import type { Actor, ActorMembership } from "@/server/auth/actor-type";
import type { Role } from "@/server/auth/permissions";
import type { TCreateNeedInput } from "@/lib/schemas/needs";
import { insertTestRegions } from "@/tests/helpers/regions";

/**
 * Rows and actors the incident/need integration tests share (test-only helper). Actors are built
 * directly, the way resolveActor would build them from the memberships created here.
 */

type Kind = ActorMembership["orgKind"];
type Verification = ActorMembership["verification"];
type OrgRole = ActorMembership["orgRole"];

export async function seedIncidentFixtures(db: Db) {
  await insertTestRegions(db);
  const org = async (name: string, kind: Kind, verification: Verification, requiresNeedApproval = false) =>
    (
      await db.organization.create({
        data: { name, kind, verification, requiresNeedApproval, regionCode: "320102", contactName: "联系人", contactPhone: "025-84000000", address: "南京市玄武区" },
        select: { id: true },
      })
    ).id;
  const orgs = {
    govA: await org("玄武区应急管理局", "GOVERNMENT", "VERIFIED"),
    govB: await org("无锡市应急管理局", "GOVERNMENT", "VERIFIED"),
    govApproval: await org("鼓楼区应急管理局", "GOVERNMENT", "VERIFIED", true),
    govPending: await org("梅园新村街道办事处", "GOVERNMENT", "PENDING"),
    enterprise: await org("苏安应急装备有限公司", "ENTERPRISE", "VERIFIED"),
  };
  const verification: Record<string, Verification> = { [orgs.govPending]: "PENDING" };
  const kinds: Record<string, Kind> = { [orgs.enterprise]: "ENTERPRISE" };

  const person = async (email: string, name: string, roles: Role[], orgId?: string, orgRole: OrgRole = "MEMBER"): Promise<Actor> => {
    const user = await db.user.create({
      data: { email, name, kind: roles.includes("SUPPLIER") ? "SUPPLIER" : "REQUESTER", platformRole: roles.includes("ADMIN") ? "ADMIN" : "USER" },
      select: { id: true },
    });
    const memberships: ActorMembership[] = [];
    if (orgId) {
      await db.membership.create({ data: { userId: user.id, orgId, role: orgRole } });
      memberships.push({ orgId, orgRole, orgKind: kinds[orgId] ?? "GOVERNMENT", verification: verification[orgId] ?? "VERIFIED" });
    }
    return { via: "session", userId: user.id, roles, memberships };
  };
  const actors = {
    memberA: await person("a@gov.test", "张敏", ["REQUESTER"], orgs.govA),
    dispatcherA: await person("d@gov.test", "李调度", ["REQUESTER"], orgs.govA, "DISPATCHER"),
    memberB: await person("b@gov.test", "王锡", ["REQUESTER"], orgs.govB),
    approvalMember: await person("m@gl.test", "赵成员", ["REQUESTER"], orgs.govApproval),
    approvalDispatcher: await person("dd@gl.test", "钱调度", ["REQUESTER"], orgs.govApproval, "DISPATCHER"),
    pending: await person("p@gov.test", "孙待审", ["REQUESTER"], orgs.govPending),
    supplier: await person("s@ent.test", "周供应", ["SUPPLIER"], orgs.enterprise),
    admin: await person("admin@muster.test", "管理员", ["ADMIN"]),
  };

  const type = (code: string, category: "EQUIPMENT" | "MATERIAL", nameZh: string, metrics: unknown[], defaultUnit: string) =>
    db.resourceType.create({ data: { code, category, kind: code, nameZh, nameEn: code, metrics: metrics as never, defaultUnit }, select: { id: true } });
  const types = {
    pump: (await type("EQ-PUMP-1", "EQUIPMENT", "大流量排水泵", [{ key: "flow_m3h", unit: "m³/h", labelZh: "流量", labelEn: "Flow", min: 0, max: 5000 }], "unit")).id,
    boat: (await type("EQ-BOAT-1", "EQUIPMENT", "冲锋舟", [{ key: "seats", unit: "seats", labelZh: "座位", labelEn: "Seats", min: 1, max: 50 }], "boat")).id,
    sandbag: (await type("MT-SANDBAG", "MATERIAL", "防汛沙袋", [], "bag")).id,
  };
  await db.needTemplate.create({
    data: {
      code: "FLOOD-TEST",
      incidentKind: "FLOOD",
      nameZh: "城市内涝（测试）",
      nameEn: "Urban flood (test)",
      items: [
        { typeCode: "EQ-PUMP-1", quantity: 2, unit: "unit", priority: "URGENT", durationMinutes: 720, requiredCapabilities: { flow_m3h: 1000 } },
        { typeCode: "EQ-BOAT-1", quantity: 4, unit: "boat", priority: "LIFE_SAFETY", durationMinutes: 480, requiredCapabilities: { seats: 10 } },
        { typeCode: "MT-SANDBAG", quantity: 5000, unit: "bag", priority: "URGENT", durationMinutes: 1440, requiredCapabilities: {} },
      ],
    },
  });
  return { orgs, actors, types };
}

export const incidentInput = {
  title: "玄武区城市内涝",
  kind: "FLOOD" as const,
  severity: "III" as const,
  lat: 32.05,
  lng: 118.79,
  address: "南京市玄武区中山路1号",
  regionCode: "320102",
  status: "ACTIVE" as const,
};

export function needInput(incidentId: string, typeId: string, patch: Partial<TCreateNeedInput> = {}): TCreateNeedInput {
  return {
    incidentId,
    typeId,
    title: "排水泵",
    requiredCapabilities: {},
    quantity: 10,
    unit: "unit",
    stagingLat: 32.05,
    stagingLng: 118.79,
    stagingAddress: "南京市玄武区中山路1号",
    neededBy: new Date(Date.now() + 3_600_000),
    durationMinutes: 720,
    priority: "URGENT",
    paymentMode: "PUBLIC_GOOD",
    maxDistanceKm: 100,
    status: "OPEN",
    ...patch,
  };
}
