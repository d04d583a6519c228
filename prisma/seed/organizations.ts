import type { Prisma } from "@/server/generated/prisma/client";
import { ORG_SPECS, shortOrgName, type OrgKindName, type OrgSpec } from "./organizations-data";
import { chineseName, type PhoneBook } from "./people";
import { cityCodeOf, locateIn, NANJING_CODE, pickRegion, placeByCode, type Located } from "./places";
import { DAY, Rng } from "./random";

export interface SeedOrg {
  id: string;
  slug: string;
  kind: OrgKindName;
  name: string;
  nameEn: string;
  shortName: string;
  regionCode: string;
  cityCode: string;
  verification: "VERIFIED" | "PENDING" | "REJECTED";
  located: Located;
  row: Prisma.OrganizationCreateManyInput;
}

// ─── Unified social credit code (GB 32100-2015), well-formed with both check characters ───────────────

const USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Registration authority + organisation category (first two characters). */
const USCC_PREFIX: Record<OrgKindName, string> = {
  GOVERNMENT: "11", // 机构编制 · 机关
  RESEARCH: "12", // 机构编制 · 事业单位
  ENTERPRISE: "91", // 工商 · 企业
  RESCUE_TEAM: "12",
  SOCIAL_FORCE: "52", // 民政 · 民办非企业单位
};

/**
 * `serial` makes the code unique: the 8-digit organisation-code body is an affine bijection of it,
 * so distinct serials never collide and consecutive ones do not look sequential.
 */
export function unifiedSocialCreditCode(kind: OrgKindName, regionCode: string, serial: number): string {
  const body = String((serial * 48271 + 13_572_468) % 100_000_000).padStart(8, "0");
  const s = ORG_CODE_WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  const c9 = 11 - (s % 11);
  const orgCode = body + (c9 === 10 ? "X" : c9 === 11 ? "0" : String(c9));
  const first17 = USCC_PREFIX[kind] + regionCode + orgCode;
  const sum = [...first17].reduce((acc, ch, i) => acc + USCC_CHARS.indexOf(ch) * USCC_WEIGHTS[i], 0);
  const check = (31 - (sum % 31)) % 31;
  return first17 + USCC_CHARS[check];
}

export function isValidUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  const sum = [...code.slice(0, 17)].reduce((acc, ch, i) => acc + USCC_CHARS.indexOf(ch) * USCC_WEIGHTS[i], 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31] === code[17];
}

// ─── Organisation rows ────────────────────────────────────────────────────────────────────────────

function locateOrg(rng: Rng, regionCode: string): Located {
  // The provincial department sits in Nanjing; its region stays the province.
  const located = locateIn(rng, regionCode === "320000" ? NANJING_CODE : regionCode, 1.5);
  return { ...located, regionCode };
}

const DESCRIPTIONS: Record<OrgKindName, string> = {
  GOVERNMENT: "负责辖区突发事件应急指挥协调、应急物资储备调拨与救援力量调度。",
  ENTERPRISE: "在平台登记可供应急调用的装备、物资与技术服务，签订应急征用与保障协议。",
  RESCUE_TEAM: "专业应急救援队伍，24小时备勤，纳入市级救援力量统一调度。",
  SOCIAL_FORCE: "经民政部门登记的社会应急力量，队员均为志愿者，配合政府开展抢险救援与群众安置。",
  RESEARCH: "提供灾害研判、技术咨询与专家支撑。",
};

export function buildOrg(rng: Rng, spec: OrgSpec, serial: number, now: Date, verifiedById: string | null): SeedOrg {
  const id = rng.id();
  const located = locateOrg(rng, spec.regionCode);
  const verification = spec.verification ?? "VERIFIED";
  const createdAt = new Date(now.getTime() - rng.int(30, 900) * DAY);
  const verifiedAt = verification === "PENDING" ? null : new Date(createdAt.getTime() + rng.int(1, 10) * DAY);
  const description = spec.industryZh ? `${spec.industryZh}企业，${DESCRIPTIONS.ENTERPRISE}` : DESCRIPTIONS[spec.kind];
  return {
    id,
    slug: spec.slug,
    kind: spec.kind,
    name: spec.name,
    nameEn: spec.nameEn,
    shortName: shortOrgName(spec.name),
    regionCode: spec.regionCode,
    cityCode: spec.regionCode === "320000" ? NANJING_CODE : cityCodeOf(spec.regionCode),
    verification,
    located,
    row: {
      id,
      name: spec.name,
      nameEn: spec.nameEn,
      kind: spec.kind,
      regionCode: spec.regionCode,
      unifiedSocialCreditCode: unifiedSocialCreditCode(spec.kind, spec.regionCode, serial),
      contactName: chineseName(rng),
      contactPhone: "", // filled by the caller from the run's PhoneBook
      contactEmail: `contact@${spec.slug}.orgs.muster.demo`,
      address: located.address,
      description,
      verification,
      verifiedAt,
      verifiedById: verification === "PENDING" ? null : verifiedById,
      rejectionReason: verification === "REJECTED" ? (spec.rejectionReason ?? "材料不完整。") : null,
      requiresNeedApproval: spec.requiresNeedApproval ?? false,
      lat: located.lat,
      lng: located.lng,
      createdAt,
      updatedAt: verifiedAt ?? createdAt,
    },
  };
}

/** The hand-written organisations (≈110, all five kinds, ~10% pending, a few rejected). */
export function buildOrganizations(rng: Rng, now: Date, phones: PhoneBook, verifiedById: string | null): SeedOrg[] {
  return ORG_SPECS.map((spec, i) => {
    const r = rng.fork("org", spec.slug);
    const org = buildOrg(r, spec, 1000 + i, now, verifiedById);
    org.row.contactPhone = phones.next(r);
    return org;
  });
}

// ─── Extra organisations for large scales ───────────────────────────────────────────────────────────

const EXTRA_KINDS: [OrgKindName, number][] = [["ENTERPRISE", 75], ["SOCIAL_FORCE", 12], ["RESCUE_TEAM", 10], ["RESEARCH", 3]];
const BRANDS = ["恒信", "安达", "华通", "瑞丰", "宏远", "金盾", "顺捷", "天成", "永安", "鼎力", "汇通", "康泰", "卓越", "远航", "润泽", "众诚", "博远", "东升"];
const BRANDS_EN = ["Hengxin", "Anda", "Huatong", "Ruifeng", "Hongyuan", "Jindun", "Shunjie", "Tiancheng", "Yong'an", "Dingli", "Huitong", "Kangtai", "Zhuoyue", "Yuanhang", "Runze", "Zhongcheng", "Boyuan", "Dongsheng"];
const INDUSTRIES: [string, string][] = [
  ["工程机械", "Construction Machinery"], ["设备租赁", "Equipment Rental"], ["物流", "Logistics"], ["应急物资", "Emergency Supplies"],
  ["建设工程", "Construction"], ["电力工程", "Power Engineering"], ["医药", "Pharmaceutical"], ["通信技术", "Communications"],
];
const SUFFIX: Record<OrgKindName, [string, string]> = {
  ENTERPRISE: ["有限公司", "Co., Ltd."],
  SOCIAL_FORCE: ["志愿救援队", "Volunteer Rescue Team"],
  RESCUE_TEAM: ["应急救援队", "Emergency Rescue Team"],
  RESEARCH: ["应急技术研究所", "Institute of Emergency Technology"],
  GOVERNMENT: ["应急管理局", "Emergency Management Bureau"],
};

/**
 * Organisation j of the synthetic tail used above the default scale (one per 250 extra resources).
 * Depends only on (seed, j), so a bigger scale extends a smaller one.
 */
export function generateExtraOrg(seed: string, j: number, now: Date): SeedOrg {
  const rng = new Rng(`${seed}:xorg:${j}`);
  const kind = rng.weighted(EXTRA_KINDS);
  const region = pickRegion(rng);
  const b = rng.int(0, BRANDS.length - 1);
  const [indZh, indEn] = rng.pick(INDUSTRIES);
  const cityZh = placeByCode(region.level === "DISTRICT" ? NANJING_CODE : region.code).nameZh.replace(/市$/, "");
  const cityEn = placeByCode(region.level === "DISTRICT" ? NANJING_CODE : region.code).nameEn;
  const [sufZh, sufEn] = SUFFIX[kind];
  const no = j + 1;
  const name = kind === "ENTERPRISE" ? `${cityZh}${BRANDS[b]}${indZh}第${no}${sufZh}` : `${cityZh}${BRANDS[b]}${sufZh}（${no}）`;
  const nameEn = kind === "ENTERPRISE" ? `${cityEn} ${BRANDS_EN[b]} ${indEn} No. ${no} ${sufEn}` : `${cityEn} ${BRANDS_EN[b]} ${sufEn} (${no})`;
  const spec: OrgSpec = { slug: `x${j}`, name, nameEn, kind, regionCode: region.code, industryZh: kind === "ENTERPRISE" ? indZh : undefined };
  const org = buildOrg(rng, spec, 2_000_000 + j, now, null);
  org.row.contactPhone = `1${rng.pick(["37", "58", "86", "89"])}${rng.digits(8)}`;
  return org;
}

