/**
 * Who takes part in the surge drill, created directly in the scratch database (as tests sign people in):
 * a Nanjing government organisation with one dispatcher per district (database sessions → cookies), the
 * supplier organisations that own the most listings around Nanjing (one API key each), and on-duty knights
 * (bench/lib/bench-knights.ts) with sessions. Idempotent: a second run reuses them.
 */
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/server/db";
import { SCOPES_BY_ORG_KIND } from "@/lib/schemas/api-keys";
import { generateApiKey } from "@/server/modules/api-keys/key-format";
import { sessionCookieName } from "@/server/auth/session-policy";
import { seedOnDutyKnights } from "@/bench/lib/bench-knights";

/** Nanjing's 11 districts (GB/T 2260) with a point inside each. */
export const DISTRICTS = [
  { code: "320102", name: "玄武区", lat: 32.048, lng: 118.797 },
  { code: "320104", name: "秦淮区", lat: 32.022, lng: 118.795 },
  { code: "320105", name: "建邺区", lat: 32.004, lng: 118.732 },
  { code: "320106", name: "鼓楼区", lat: 32.066, lng: 118.77 },
  { code: "320111", name: "浦口区", lat: 32.059, lng: 118.628 },
  { code: "320113", name: "栖霞区", lat: 32.096, lng: 118.909 },
  { code: "320114", name: "雨花台区", lat: 31.991, lng: 118.779 },
  { code: "320115", name: "江宁区", lat: 31.953, lng: 118.84 },
  { code: "320116", name: "六合区", lat: 32.322, lng: 118.822 },
  { code: "320117", name: "溧水区", lat: 31.651, lng: 119.028 },
  { code: "320118", name: "高淳区", lat: 31.328, lng: 118.892 },
] as const;

const COOKIE = sessionCookieName(false);

export type Person = { userId: string; cookie: string };
export type Supplier = { orgId: string; key: string };
export type Knight = { id: string; userId: string; cookie: string };
export type Actors = { govOrgId: string; dispatchers: Person[]; suppliers: Supplier[]; knights: Knight[]; typeIds: string[] };

async function sessionsFor(db: PrismaClient, userIds: string[]): Promise<Map<string, string>> {
  const now = new Date();
  const rows = userIds.map((userId) => ({ userId, sessionToken: randomBytes(32).toString("base64url"), expires: new Date(now.getTime() + 11 * 3_600_000), createdAt: now, lastSeenAt: now }));
  for (let i = 0; i < rows.length; i += 5000) await db.session.createMany({ data: rows.slice(i, i + 5000) });
  return new Map(rows.map((r) => [r.userId, `${COOKIE}=${r.sessionToken}`]));
}

export async function prepareActors(db: PrismaClient, opts: { suppliers: number; knights: number; runTag: string }): Promise<Actors> {
  const region = await db.region.findFirst({ where: { code: { startsWith: "3201" } }, select: { code: true }, orderBy: { code: "asc" } });
  const regionCode = region?.code ?? (await db.region.findFirstOrThrow({ select: { code: true } })).code;
  const govOrgId = "drill-gov-nanjing";
  await db.organization.upsert({
    where: { id: govOrgId },
    update: {},
    create: { id: govOrgId, name: "南京市防汛抗旱指挥部（演练）", kind: "GOVERNMENT", regionCode, contactName: "值班室", contactPhone: "02500000000", address: "南京市", verification: "VERIFIED" },
  });
  const dispatcherIds = DISTRICTS.map((d) => `drill-dispatcher-${d.code}`);
  for (const [i, id] of dispatcherIds.entries()) {
    await db.user.upsert({ where: { id }, update: {}, create: { id, email: `${id}@drill.test`, name: `${DISTRICTS[i]!.name}调度员`, kind: "REQUESTER" } });
    const has = await db.membership.count({ where: { userId: id, orgId: govOrgId } });
    if (!has) await db.membership.create({ data: { userId: id, orgId: govOrgId, role: "DISPATCHER" } });
  }
  const dispatcherCookies = await sessionsFor(db, dispatcherIds);

  // The supplier organisations with the most listings near Nanjing answer through their own systems.
  const owners = await db.$queryRaw<{ org_id: string; kind: string }[]>`
    SELECT r.owner_org_id AS org_id, o.kind::text AS kind FROM resource r JOIN organization o ON o.id = r.owner_org_id
    WHERE r.status = 'AVAILABLE' AND o.kind <> 'GOVERNMENT' AND o.verification = 'VERIFIED'
      AND r.lat BETWEEN 31.2 AND 32.4 AND r.lng BETWEEN 118.4 AND 119.2
    GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT ${opts.suppliers}`;
  const botId = "drill-supplier-bot";
  await db.user.upsert({ where: { id: botId }, update: {}, create: { id: botId, email: `${botId}@drill.test`, name: "供应商系统", kind: "SUPPLIER" } });
  await db.apiKey.updateMany({ where: { name: { startsWith: "drill-" }, revokedAt: null }, data: { revokedAt: new Date() } });
  const suppliers: Supplier[] = [];
  for (const o of owners) {
    const k = generateApiKey();
    const scopes = [...(SCOPES_BY_ORG_KIND[o.kind as keyof typeof SCOPES_BY_ORG_KIND] ?? [])];
    await db.apiKey.create({ data: { orgId: o.org_id, name: `drill-${opts.runTag}`, prefix: k.prefix, hashedKey: k.hashedKey, createdById: botId, scopes } });
    suppliers.push({ orgId: o.org_id, key: k.key });
  }

  // Knights: bench riders bk0…; reuse those a previous run made, free any task a previous run left live.
  const have = await db.knightProfile.count({ where: { id: { startsWith: "bk" } } });
  let knights: { id: string; userId: string }[];
  if (have >= opts.knights) knights = Array.from({ length: opts.knights }, (_, i) => ({ id: `bk${i}`, userId: `bku${i}` }));
  else knights = await seedOnDutyKnights(db, opts.knights); // adds the missing riders; earlier ones stay (assignments refer to them)
  await db.$executeRaw`UPDATE assignment SET status = 'CANCELLED' WHERE knight_id LIKE 'bk%' AND status IN ('ACCEPTED','MOBILIZED','EN_ROUTE','ON_SCENE')`;
  await db.$executeRaw`UPDATE knight_profile SET on_duty = true, on_duty_since = now(), last_position_at = now() WHERE id LIKE 'bk%'`;
  const knightCookies = await sessionsFor(db, knights.map((k) => k.userId));

  const types = await db.$queryRaw<{ type_id: string }[]>`
    SELECT r.type_id FROM resource r JOIN resource_type t ON t.id = r.type_id
    WHERE r.status = 'AVAILABLE' AND t.category <> 'KNIGHT' AND r.lat BETWEEN 31.2 AND 32.4 AND r.lng BETWEEN 118.4 AND 119.2
    GROUP BY 1 ORDER BY count(*) DESC LIMIT 12`;
  return {
    govOrgId,
    dispatchers: dispatcherIds.map((id) => ({ userId: id, cookie: dispatcherCookies.get(id)! })),
    suppliers,
    knights: knights.map((k) => ({ ...k, cookie: knightCookies.get(k.userId)! })),
    typeIds: types.map((t) => t.type_id),
  };
}
