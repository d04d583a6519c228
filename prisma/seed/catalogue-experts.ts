import { M, type CatalogueEntry } from "./catalogue-types";

/**
 * Experts by specialty. Level 1 = senior (≥ 15 years, senior title, ≥ 10 incidents handled);
 * level 2 = intermediate (≥ 8 years, ≥ 3 incidents).
 */
interface Specialty {
  kind: string;
  slug: string;
  zh: string;
  en: string;
  /** What the expert does on an incident. */
  roleZh: string;
  roleEn: string;
  levels: (1 | 2)[];
  credentials: string[];
  weight: number;
}

const SPECIALTIES: Specialty[] = [
  { kind: "HYDROLOGY_EXPERT", slug: "HYDRO", zh: "防汛水文", en: "Flood-control hydrology", roleZh: "研判汛情、水位与堤防险情，指导排涝与转移", roleEn: "assesses river levels, dike risks and drainage, advises on evacuation", levels: [1, 2], credentials: [], weight: 10 },
  { kind: "GEOHAZARD_EXPERT", slug: "GEO", zh: "地质灾害", en: "Geological hazards", roleZh: "判断滑坡、崩塌、地面塌陷风险并划定警戒区", roleEn: "judges landslide, rockfall and subsidence risk and sets exclusion zones", levels: [1, 2], credentials: [], weight: 7 },
  { kind: "HAZCHEM_EXPERT", slug: "HAZMAT", zh: "危险化学品", en: "Hazardous chemicals", roleZh: "识别泄漏介质、评估扩散并提出堵漏洗消方案", roleEn: "identifies leaking substances, models dispersion, plans plugging and decontamination", levels: [1, 2], credentials: ["REGISTERED_SAFETY_ENGINEER"], weight: 8 },
  { kind: "STRUCTURAL_EXPERT", slug: "STRUCT", zh: "结构工程", en: "Structural engineering", roleZh: "评估受损建筑与桥梁安全，指导支护与拆除", roleEn: "assesses damaged buildings and bridges, directs shoring and demolition", levels: [1, 2], credentials: ["REGISTERED_STRUCTURAL_ENGINEER"], weight: 8 },
  { kind: "EMERGENCY_MEDICINE_EXPERT", slug: "EMED", zh: "急诊医学", en: "Emergency medicine", roleZh: "组织现场检伤分类与批量伤员救治", roleEn: "runs field triage and mass-casualty care", levels: [1, 2], credentials: ["MEDICAL_LICENSE"], weight: 9 },
  { kind: "FIRE_EXPERT", slug: "FIRE", zh: "消防技术", en: "Fire engineering", roleZh: "研判火势与建筑火灾风险，制定灭火战术", roleEn: "reads fire behaviour in buildings and plans suppression tactics", levels: [1], credentials: ["REGISTERED_FIRE_ENGINEER"], weight: 5 },
  { kind: "MINE_SAFETY_EXPERT", slug: "MINE", zh: "矿山安全", en: "Mine safety", roleZh: "指导矿井透水、冒顶、瓦斯事故救援", roleEn: "advises on mine flooding, roof-fall and gas accidents", levels: [1], credentials: ["MINE_SAFETY_CERT"], weight: 3 },
  { kind: "METEOROLOGY_EXPERT", slug: "METEO", zh: "气象预报", en: "Meteorology", roleZh: "提供台风、强降雨、雷暴的短临预报与风险提示", roleEn: "gives nowcasts and warnings for typhoons, heavy rain and thunderstorms", levels: [1], credentials: [], weight: 4 },
  { kind: "POWER_GRID_EXPERT", slug: "POWER", zh: "电网运行", en: "Power grid", roleZh: "评估电网受损情况并安排保供电与抢修次序", roleEn: "assesses grid damage and sets restoration and priority supply", levels: [1], credentials: ["ELECTRICIAN_LICENSE"], weight: 4 },
  { kind: "TELECOM_EXPERT", slug: "COMMS", zh: "应急通信", en: "Emergency telecommunications", roleZh: "规划断网区域的卫星、短波与自组网通信", roleEn: "plans satellite, HF and mesh links for areas without network", levels: [1], credentials: [], weight: 4 },
  { kind: "PSYCHOLOGY_EXPERT", slug: "PSY", zh: "心理危机干预", en: "Crisis psychology", roleZh: "为受灾群众与救援人员提供心理危机干预", roleEn: "provides crisis intervention for survivors and responders", levels: [1], credentials: ["PSYCHOLOGICAL_COUNSELOR"], weight: 5 },
  { kind: "EPIDEMIOLOGY_EXPERT", slug: "EPI", zh: "流行病学", en: "Epidemiology", roleZh: "开展流调、灾后防疫与消杀指导", roleEn: "leads outbreak investigation, post-disaster disease control and disinfection", levels: [1], credentials: ["MEDICAL_LICENSE"], weight: 4 },
  { kind: "FOREST_FIRE_EXPERT", slug: "FOREST", zh: "森林防火", en: "Forest fire", roleZh: "研判林火蔓延，规划隔离带与扑救力量部署", roleEn: "predicts wildfire spread, plans firebreaks and crew deployment", levels: [1], credentials: [], weight: 3 },
];

const LEVEL = {
  1: { years: 15, deployments: 10, titleZh: "高级", titleEn: "senior", capYears: [15, 38], capDep: [10, 80], price: [3000, 8000] },
  2: { years: 8, deployments: 3, titleZh: "中级", titleEn: "intermediate", capYears: [8, 14], capDep: [3, 20], price: [1500, 3500] },
} as const;

export const EXPERT_TYPES: CatalogueEntry[] = SPECIALTIES.flatMap((s) =>
  s.levels.map((level): CatalogueEntry => {
    const l = LEVEL[level];
    const credZh = s.credentials.length ? "，持有效执业资格证书" : "";
    const credEn = s.credentials.length ? ", holding a valid professional licence" : "";
    return {
      category: "EXPERT",
      code: `EX-${s.slug}-${level}`,
      kind: s.kind,
      typeLevel: level,
      nameZh: `${s.zh}专家（${level}级）`,
      nameEn: `${s.en} expert (type ${level})`,
      descriptionZh: `${l.titleZh}${s.zh}专家：${s.roleZh}。`,
      descriptionEn: `A ${l.titleEn} ${s.en.toLowerCase()} expert who ${s.roleEn}.`,
      minimumCriteriaZh: `从业不少于${l.years}年，参与突发事件处置不少于${l.deployments}次${credZh}；${level === 1 ? "具有高级职称" : "具有中级及以上职称"}。`,
      minimumCriteriaEn: `At least ${l.years} years in the field and ${l.deployments} incidents handled${credEn}; ${level === 1 ? "senior professional title" : "intermediate professional title or above"}.`,
      metrics: [M.years, M.deployments],
      defaultUnit: "person",
      requiredCredentialKinds: s.credentials,
      seed: {
        caps: { years_experience: [l.capYears[0], l.capYears[1]], deployments: [l.capDep[0], l.capDep[1]] },
        qty: [1, 1],
        price: [l.price[0], l.price[1]],
        paidModes: ["DAILY"],
        weight: level === 1 ? s.weight * 0.45 : s.weight * 0.55,
        mobilization: [60, 720],
        speedKmh: 60,
      },
    };
  }),
);
