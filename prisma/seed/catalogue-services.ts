import { M, type CatalogueEntry, type MetricDef, type PricingModeName, type SeedHints } from "./catalogue-types";

interface ServiceSpec {
  category?: "SERVICE" | "KNIGHT";
  code: string;
  kind: string;
  zh: string;
  en: string;
  dZh: string;
  dEn: string;
  cZh: string;
  cEn: string;
  metrics: MetricDef[];
  caps: SeedHints["caps"];
  unit: string;
  credentials?: string[];
  price: [number, number];
  modes?: PricingModeName[];
  weight: number;
  qty?: [number, number];
  mobilization?: [number, number];
}

function service(s: ServiceSpec): CatalogueEntry {
  return {
    category: s.category ?? "SERVICE",
    code: s.code,
    kind: s.kind,
    typeLevel: 1,
    nameZh: s.zh,
    nameEn: s.en,
    descriptionZh: s.dZh,
    descriptionEn: s.dEn,
    minimumCriteriaZh: s.cZh,
    minimumCriteriaEn: s.cEn,
    metrics: s.metrics,
    defaultUnit: s.unit,
    requiredCredentialKinds: s.credentials ?? [],
    seed: {
      caps: s.caps,
      qty: s.qty ?? [1, 1],
      price: s.price,
      paidModes: s.modes ?? ["DAILY", "PER_USE"],
      weight: s.weight,
      mobilization: s.mobilization ?? [60, 1440],
      speedKmh: 60,
    },
  };
}

/** Technology and support services. */
export const SERVICE_TYPES: CatalogueEntry[] = [
  service({ code: "SV-DRONEMAP", kind: "DRONE_MAPPING", zh: "无人机航测制图", en: "Drone mapping",
    dZh: "灾区正射影像、三维实景建模与变化检测。", dEn: "Orthophotos, 3D reality models and change detection of the affected area.",
    cZh: "日作业面积不少于10 km²，成果分辨率优于5 cm，飞手持民航局执照。", cEn: "At least 10 km² per day at better than 5 cm resolution; CAAC-licensed pilots.",
    metrics: [M.mapping, M.drones], caps: { km2_per_day: [10, 80, 5], drones: [2, 10] }, credentials: ["CAAC_UAS_LICENSE"],
    unit: "service", price: [5000, 20000], weight: 6 }),
  service({ code: "SV-SATIMG", kind: "SATELLITE_IMAGERY", zh: "卫星遥感影像分析", en: "Satellite imagery analysis",
    dZh: "获取并解译光学/雷达卫星影像，提取淹没范围与受损建筑。", dEn: "Tasks and interprets optical/SAR imagery to map flood extent and damaged buildings.",
    cZh: "日处理面积不少于1000 km²，24小时内交付首批成果。", cEn: "At least 1,000 km² per day; first products within 24 h.",
    metrics: [M.mapping, M.analysts], caps: { km2_per_day: [1000, 20000, 500], analysts: [3, 20] },
    unit: "service", price: [10000, 50000], weight: 3 }),
  service({ code: "SV-COMMSNET", kind: "EMERGENCY_COMMS_NETWORK", zh: "应急通信组网服务", en: "Emergency communications network",
    dZh: "应急基站、Mesh 自组网与集群对讲组网保障。", dEn: "Portable base stations, mesh networks and trunked radio for responders.",
    cZh: "可支持不少于500个并发用户，2小时内开通。", cEn: "At least 500 concurrent users; live within 2 h.",
    metrics: [M.users, M.bandwidth], caps: { concurrent_users: [500, 5000, 100], bandwidth_mbps: [50, 500, 50] },
    unit: "service", price: [8000, 30000], weight: 4 }),
  service({ code: "SV-STRUCTMON", kind: "STRUCTURAL_MONITORING", zh: "结构安全监测", en: "Structural monitoring",
    dZh: "对受损建筑、边坡、桥梁布设位移与倾斜监测并实时预警。", dEn: "Displacement and tilt monitoring with live alerts for damaged buildings, slopes and bridges.",
    cZh: "可布设传感器不少于20个，数据刷新不超过1分钟。", cEn: "At least 20 sensors; data refreshed at least every minute.",
    metrics: [M.sensors], caps: { sensors: [20, 200, 10] }, unit: "service", price: [6000, 25000], weight: 3 }),
  service({ code: "SV-GIS", kind: "SITUATIONAL_AWARENESS", zh: "GIS 态势标绘服务", en: "GIS situational awareness",
    dZh: "为指挥部提供一张图态势标绘、资源分布与专题图制作。", dEn: "Common operating picture, resource maps and thematic mapping for the command post.",
    cZh: "分析人员不少于2人，可7×24小时值守。", cEn: "At least 2 analysts, 24/7 cover.",
    metrics: [M.analysts], caps: { analysts: [2, 12] }, unit: "service", price: [3000, 12000], weight: 4 }),
  service({ code: "SV-WAREHOUSE", kind: "LOGISTICS_WAREHOUSING", zh: "应急物流仓储服务", en: "Emergency logistics and warehousing",
    dZh: "物资接收、仓储、分拣与末端配送。", dEn: "Receiving, storing, sorting and last-mile delivery of relief goods.",
    cZh: "仓储面积不少于1000 m²，自有配送车辆不少于5辆。", cEn: "At least 1,000 m² of storage and 5 own delivery vehicles.",
    metrics: [M.storage, M.vehicles], caps: { storage_m2: [1000, 30000, 500], vehicles: [5, 60] },
    unit: "service", price: [5000, 30000], modes: ["DAILY"], weight: 5 }),
  service({ code: "SV-PSYHOTLINE", kind: "PSYCHOLOGICAL_HOTLINE", zh: "心理援助热线", en: "Psychological support hotline",
    dZh: "面向受灾群众与救援人员的心理援助热线。", dEn: "Support hotline for survivors and responders.",
    cZh: "坐席不少于5个，咨询师持证上岗。", cEn: "At least 5 seats staffed by certified counsellors.",
    metrics: [M.hotlineSeats], caps: { hotline_seats: [5, 40] }, credentials: ["PSYCHOLOGICAL_COUNSELOR"],
    unit: "service", price: [2000, 8000], weight: 3 }),
  service({ code: "SV-TRANSLATE", kind: "TRANSLATION", zh: "应急语言服务", en: "Emergency language services",
    dZh: "为涉外人员与少数民族群众提供口笔译与多语种信息发布。", dEn: "Interpreting, translation and multilingual notices for foreigners and minority-language speakers.",
    cZh: "支持语种不少于2种（含英语），可远程或现场服务。", cEn: "At least 2 languages including English, remote or on site.",
    metrics: [M.languages], caps: { languages: [2, 12] }, unit: "service", price: [1500, 6000], modes: ["HOURLY", "DAILY"], weight: 3 }),
];

/**
 * Knight task types. Individual riders are KnightProfiles; a listing of this category is a rider fleet
 * offered by a logistics company (quantity = riders).
 */
export const KNIGHT_TYPES: CatalogueEntry[] = [
  service({ category: "KNIGHT", code: "KN-DELIVERY", kind: "KNIGHT_DELIVERY", zh: "骑士配送", en: "Rider delivery",
    dZh: "外卖/快递骑手将物资从集散点送到指定地点（沙袋、饮用水、药品等）。", dEn: "A courier or food-delivery rider carries supplies from a depot to a drop point (sandbags, water, medicines).",
    cZh: "骑手实名认证，载重不少于20 kg，熟悉责任片区道路。", cEn: "Verified rider, payload at least 20 kg, knows the local roads.",
    metrics: [M.payload], caps: { payload_kg: [20, 60, 5] }, unit: "rider", price: [20, 60], modes: ["PER_USE"], weight: 6, qty: [10, 80], mobilization: [5, 30] }),
  service({ category: "KNIGHT", code: "KN-ERRAND", kind: "KNIGHT_ERRAND", zh: "骑士跑腿", en: "Rider errand",
    dZh: "代购、代取与文件递送（如为转移群众采购药品）。", dEn: "Buys, collects or hands over items (e.g. medicines for evacuated residents).",
    cZh: "骑手实名认证，30分钟内可到达责任片区。", cEn: "Verified rider able to reach the area within 30 minutes.",
    metrics: [M.payload], caps: { payload_kg: [5, 30, 5] }, unit: "rider", price: [15, 40], modes: ["PER_USE"], weight: 3, qty: [10, 50], mobilization: [5, 30] }),
  service({ category: "KNIGHT", code: "KN-RECON", kind: "KNIGHT_RECON", zh: "骑士巡查", en: "Rider reconnaissance",
    dZh: "骑手巡查积水点、路况与隐患并回传照片。", dEn: "Riders check flooded spots, road conditions and hazards and send back photos.",
    cZh: "骑手实名认证，完成应急安全培训。", cEn: "Verified rider who has completed emergency safety training.",
    metrics: [M.payload], caps: { payload_kg: [0, 10] }, unit: "rider", price: [15, 40], modes: ["PER_USE"], weight: 2, qty: [10, 40], mobilization: [5, 30] }),
];
