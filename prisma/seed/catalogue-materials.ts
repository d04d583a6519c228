import { M, type CatalogueEntry, type MetricDef, type SeedHints } from "./catalogue-types";

interface MaterialSpec {
  code: string;
  kind: string;
  level?: number;
  zh: string;
  en: string;
  dZh: string;
  dEn: string;
  cZh: string;
  cEn: string;
  metrics: MetricDef[];
  caps: SeedHints["caps"];
  unit: string;
  /** Stock held by one listing. */
  qty: [number, number];
  /** Yuan per unit. */
  price: [number, number];
  weight: number;
  credentials?: string[];
}

function material(s: MaterialSpec): CatalogueEntry {
  return {
    category: "MATERIAL",
    code: s.code,
    kind: s.kind,
    typeLevel: s.level ?? 1,
    nameZh: s.zh,
    nameEn: s.en,
    descriptionZh: s.dZh,
    descriptionEn: s.dEn,
    minimumCriteriaZh: s.cZh,
    minimumCriteriaEn: s.cEn,
    metrics: s.metrics,
    defaultUnit: s.unit,
    requiredCredentialKinds: s.credentials ?? [],
    seed: { caps: s.caps, qty: s.qty, price: s.price, paidModes: ["PER_USE"], weight: s.weight, mobilization: [60, 480], speedKmh: 60 },
  };
}

export const MATERIAL_TYPES: CatalogueEntry[] = [
  material({ code: "MT-SANDBAG", kind: "SANDBAG", zh: "防汛沙袋", en: "Flood sandbags",
    dZh: "编织袋装沙（或吸水膨胀袋），用于堵口、围堰与挡水。", dEn: "Woven bags filled with sand (or self-swelling bags) for breach closure, cofferdams and flood walls.",
    cZh: "单袋装填后不少于25 kg，编织袋规格不小于 50×80 cm。", cEn: "At least 25 kg per filled bag; bag at least 50 × 80 cm.",
    metrics: [], caps: {}, unit: "bag", qty: [500, 20000], price: [3, 8], weight: 10 }),
  material({ code: "MT-TENT-1", kind: "TENT", level: 1, zh: "大型救灾帐篷（1型）", en: "Large relief tent (type 1)",
    dZh: "用于集中安置点、临时指挥部或医疗点。", dEn: "For group shelters, temporary command posts or medical points.",
    cZh: "使用面积不少于36 m²，可容纳不少于20人，抗风不低于8级。", cEn: "At least 36 m² for 20+ people; withstands Beaufort force 8.",
    metrics: [M.persons, M.area], caps: { persons: [20, 40], area_m2: [36, 60] }, unit: "tent", qty: [10, 200], price: [800, 2500], weight: 4 }),
  material({ code: "MT-TENT-2", kind: "TENT", level: 2, zh: "家庭救灾帐篷（2型）", en: "Family relief tent (type 2)",
    dZh: "12 m² 单帐篷，用于分散安置。", dEn: "12 m² single tent for dispersed shelter.",
    cZh: "使用面积不少于12 m²，可容纳不少于4人。", cEn: "At least 12 m² for 4+ people.",
    metrics: [M.persons, M.area], caps: { persons: [4, 8], area_m2: [12, 20] }, unit: "tent", qty: [20, 1000], price: [300, 900], weight: 6 }),
  material({ code: "MT-LIFEJACKET", kind: "LIFE_JACKET", zh: "救生衣", en: "Life jackets",
    dZh: "符合国家标准的成人救生衣。", dEn: "Adult life jackets to national standard.",
    cZh: "浮力不少于150 N，带反光条与救生哨。", cEn: "Buoyancy at least 150 N, with reflective tape and whistle.",
    metrics: [M.buoyancy], caps: { buoyancy_n: [150, 275, 25] }, unit: "piece", qty: [50, 2000], price: [40, 120], weight: 7 }),
  material({ code: "MT-WATER", kind: "DRINKING_WATER", zh: "瓶装饮用水", en: "Bottled drinking water",
    dZh: "瓶装饮用水，整箱供应。", dEn: "Bottled drinking water by the case.",
    cZh: "保质期剩余不少于6个月，每箱不少于9 L。", cEn: "At least 6 months shelf life left; at least 9 L per case.",
    metrics: [M.litres], caps: { litres_per_case: [9, 18, 1] }, unit: "case", qty: [200, 8000], price: [18, 40], weight: 8 }),
  material({ code: "MT-FOOD", kind: "INSTANT_FOOD", zh: "方便食品", en: "Ready-to-eat food",
    dZh: "自热米饭、压缩饼干、方便面等。", dEn: "Self-heating rice, compressed biscuits, instant noodles and similar.",
    cZh: "保质期剩余不少于3个月，每箱不少于12份。", cEn: "At least 3 months shelf life left; 12+ servings per case.",
    metrics: [M.servings], caps: { servings_per_case: [12, 48, 6] }, unit: "case", qty: [100, 5000], price: [60, 180], weight: 8 }),
  material({ code: "MT-MEDKIT", kind: "MEDICAL_KIT", zh: "急救包", en: "First-aid kits",
    dZh: "止血、包扎、固定等基础急救用品。", dEn: "Basic supplies for bleeding control, dressing and splinting.",
    cZh: "每包不少于30件，医疗器械在有效期内。", cEn: "At least 30 items per kit, devices in date.",
    metrics: [M.items], caps: { items_per_kit: [30, 80, 5] }, unit: "kit", qty: [50, 2000], price: [60, 220], weight: 6 }),
  material({ code: "MT-BLANKET", kind: "BLANKET", zh: "棉被/毛毯", en: "Blankets and quilts",
    dZh: "安置点御寒用棉被或毛毯。", dEn: "Quilts or blankets for shelters.",
    cZh: "单条重量不少于1.5 kg，独立包装。", cEn: "At least 1.5 kg each, individually packed.",
    metrics: [], caps: {}, unit: "piece", qty: [100, 5000], price: [60, 200], weight: 6 }),
  material({ code: "MT-DISINFECT", kind: "DISINFECTANT", zh: "消毒剂", en: "Disinfectant",
    dZh: "含氯消毒剂或过氧乙酸，用于灾后环境消杀。", dEn: "Chlorine-based or peracetic-acid disinfectant for post-disaster sanitation.",
    cZh: "有效氯含量不低于5%，具备卫生安全评价报告。", cEn: "At least 5% available chlorine, with a hygiene safety assessment.",
    metrics: [], caps: {}, unit: "L", qty: [200, 10000], price: [6, 20], weight: 5 }),
  material({ code: "MT-TARP", kind: "TARPAULIN", zh: "篷布", en: "Tarpaulins",
    dZh: "防雨篷布，用于物资遮盖与屋顶临时修补。", dEn: "Waterproof sheets for covering supplies and temporary roof repair.",
    cZh: "单张面积不少于24 m²，防水等级不低于 IPX4。", cEn: "At least 24 m² each, waterproof to IPX4.",
    metrics: [M.area], caps: { area_m2: [24, 60, 6] }, unit: "piece", qty: [50, 3000], price: [40, 160], weight: 5 }),
  material({ code: "MT-BED", kind: "FOLDING_BED", zh: "折叠床", en: "Folding beds",
    dZh: "安置点用单人折叠床。", dEn: "Single folding beds for shelters.",
    cZh: "承重不少于150 kg。", cEn: "Load rating at least 150 kg.",
    metrics: [], caps: {}, unit: "piece", qty: [50, 2000], price: [80, 260], weight: 5 }),
  material({ code: "MT-DIESEL", kind: "FUEL", zh: "柴油（应急储备）", en: "Diesel fuel (emergency reserve)",
    dZh: "为发电机、排涝泵车与工程机械供油。", dEn: "Fuel for generators, pump trucks and machinery.",
    cZh: "0号柴油，可桶装或加油车配送，单次不少于200 L。", cEn: "Grade 0 diesel, drums or bowser delivery, at least 200 L per delivery.",
    metrics: [], caps: {}, unit: "L", qty: [1000, 30000], price: [7, 9], weight: 4, credentials: ["HAZMAT_TRANSPORT_PERMIT"] }),
  material({ code: "MT-PPE", kind: "PROTECTIVE_SUIT", zh: "防护服", en: "Protective suits",
    dZh: "医用一次性防护服，用于防疫与危化品外围警戒。", dEn: "Disposable medical coveralls for disease control and hazmat cordons.",
    cZh: "符合 GB 19082 医用一次性防护服标准。", cEn: "Meets GB 19082 for disposable medical protective clothing.",
    metrics: [], caps: {}, unit: "set", qty: [100, 10000], price: [15, 60], weight: 4 }),
  material({ code: "MT-STONE", kind: "RIPRAP", zh: "抢险块石", en: "Riprap stone",
    dZh: "堤防抢险与管涌处置用块石。", dEn: "Stone for dike repair and boil/piping control.",
    cZh: "单块重量不少于30 kg，现场可装车。", cEn: "Pieces of at least 30 kg, loadable on site.",
    metrics: [], caps: {}, unit: "m3", qty: [100, 5000], price: [80, 160], weight: 3 }),
];
