import type { GeneratedKnight } from "./knights";
import type { OrgMembers, UserRow } from "./members";
import type { SeedOrg } from "./organizations";
import { formatPhone, type PhoneBook } from "./people";

/**
 * One sign-in per role, printed at the end of the seed. Every other seeded user shares the same
 * password (one argon2 hash reused), so any org owner or rider can be tried too.
 */
export const DEMO_PASSWORD = "Muster-demo-2026";

export type DemoRole = "admin" | "requester" | "supplier" | "expert" | "knight" | "pending" | "platform";

export interface DemoAccount {
  role: DemoRole;
  email: string;
  phone: string;
  name: string;
  descriptionZh: string;
  descriptionEn: string;
}

export const DEMO_ACCOUNTS: Record<DemoRole, DemoAccount> = {
  admin: { role: "admin", email: "admin@muster.demo", phone: "13900001001", name: "平台管理员", descriptionZh: "平台管理员", descriptionEn: "Platform admin" },
  requester: { role: "requester", email: "requester@muster.demo", phone: "13900001002", name: "周建国", descriptionZh: "南京市应急管理局（负责人）", descriptionEn: "Owner, Nanjing Emergency Management Bureau" },
  supplier: { role: "supplier", email: "supplier@muster.demo", phone: "13900001003", name: "陈志强", descriptionZh: "南京华力机械设备租赁有限公司（负责人）", descriptionEn: "Owner, Nanjing Huali Machinery Rental" },
  expert: { role: "expert", email: "expert@muster.demo", phone: "13900001004", name: "李文华", descriptionZh: "防汛水文专家（个人）", descriptionEn: "Independent flood hydrology expert" },
  knight: { role: "knight", email: "knight@muster.demo", phone: "13900001005", name: "王小骑", descriptionZh: "骑士，玄武区在岗", descriptionEn: "Rider on duty in Xuanwu" },
  pending: { role: "pending", email: "pending@muster.demo", phone: "13900001006", name: "赵晓东", descriptionZh: "南京腾达应急装备有限公司（待审核）", descriptionEn: "Owner of a pending organisation" },
  // Owns the demo delivery platform and its API key (delivery-platform.ts).
  platform: { role: "platform", email: "platform@muster.demo", phone: "13900001007", name: "孙立平", descriptionZh: "金陵即时配送有限公司（负责人，平台 API 密钥）", descriptionEn: "Owner, Jinling Express Delivery (platform API key)" },
};

/** Organisations the demo accounts own (slugs in organizations-data.ts). */
export const DEMO_ORG_SLUGS = { requester: "nanjing-yjj", supplier: "huali-rental", pending: "nj-tengda" } as const;

export function reserveDemoPhones(phones: PhoneBook): void {
  for (const a of Object.values(DEMO_ACCOUNTS)) phones.reserve(a.phone);
}

/**
 * Turns the generated owner of an organisation into a demo account (email, phone, name). Keeps the id,
 * so everything the owner created (incidents, needs) belongs to the demo account.
 */
export function adoptOrgOwner(members: OrgMembers, org: SeedOrg, account: DemoAccount, passwordHash: string): UserRow {
  const ownerId = members.ownerOf.get(org.id);
  const user = members.users.find((u) => u.id === ownerId);
  if (!user) throw new Error(`No owner generated for ${org.slug}`);
  Object.assign(user, { email: account.email, phone: account.phone, name: account.name, passwordHash, locale: "zh-CN" });
  org.row.contactName = account.name;
  org.row.contactPhone = account.phone;
  return user;
}

/** The demo knight: on duty in Xuanwu, e-bike, with flood and first-aid training valid. */
export function adoptDemoKnight(k: GeneratedKnight, passwordHash: string, now: Date): GeneratedKnight {
  const a = DEMO_ACCOUNTS.knight;
  Object.assign(k.user, { email: a.email, phone: a.phone, name: a.name, passwordHash, locale: "zh-CN" });
  Object.assign(k.profile, { vehicle: "EBIKE", payloadKg: 30, deliveryPlatform: "美团", status: "ACTIVE" });
  // A fresh stint, so the demo starts well inside the duty-hours limit (no rest prompt, free to toggle).
  if (k.profile.onDuty) {
    const since = new Date(now.getTime() - 20 * 60_000);
    Object.assign(k.profile, { onDutySince: since, dutyStintStartedAt: since });
  }
  k.credentials = [];
  const validUntil = new Date(now.getTime() + 365 * 24 * 3600_000);
  const have = new Set(k.trainings.map((t) => t.code));
  for (const t of k.trainings) t.validUntil = validUntil;
  for (const code of ["FIRST_AID", "FLOOD_SAFETY"]) {
    if (!have.has(code)) k.trainings.push({ id: `${k.profile.id}${code.slice(0, 3).toLowerCase()}`, knightId: k.profile.id, code, validUntil, createdAt: k.user.createdAt, updatedAt: k.user.createdAt });
  }
  return k;
}

/** The table printed at the end of the seed. */
export function demoAccountTable(): string {
  const rows = Object.values(DEMO_ACCOUNTS).map((a) => [a.role, a.email, formatPhone(a.phone), DEMO_PASSWORD, a.descriptionEn]);
  const header = ["role", "email", "phone", "password", "who"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
