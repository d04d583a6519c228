import { M, type CatalogueEntry, type MetricDef, type PricingModeName, type SeedHints } from "./catalogue-types";

interface EquipmentSpec {
  code: string;
  kind: string;
  level: number;
  zh: string;
  en: string;
  dZh: string;
  dEn: string;
  cZh: string;
  cEn: string;
  metrics: MetricDef[];
  caps: SeedHints["caps"];
  unit?: string;
  credentials?: string[];
  qty?: [number, number];
  /** Yuan per day (or per pricing unit of the first paid mode). */
  price: [number, number];
  modes?: PricingModeName[];
  weight: number;
  speedKmh?: number;
}

function eq(s: EquipmentSpec): CatalogueEntry {
  return {
    category: "EQUIPMENT",
    code: s.code,
    kind: s.kind,
    typeLevel: s.level,
    nameZh: s.zh,
    nameEn: s.en,
    descriptionZh: s.dZh,
    descriptionEn: s.dEn,
    minimumCriteriaZh: s.cZh,
    minimumCriteriaEn: s.cEn,
    metrics: s.metrics,
    defaultUnit: s.unit ?? "unit",
    requiredCredentialKinds: s.credentials ?? [],
    seed: {
      caps: s.caps,
      qty: s.qty ?? [1, 3],
      price: s.price,
      paidModes: s.modes ?? ["DAILY", "HOURLY"],
      weight: s.weight,
      mobilization: [30, 240],
      speedKmh: s.speedKmh ?? 60,
    },
  };
}

export const EQUIPMENT_TYPES: CatalogueEntry[] = [
  eq({ code: "EQ-PUMP-1", kind: "PUMP", level: 1, zh: "大流量排涝泵车（1型，“龙吸水”）", en: "High-volume drainage pump truck (type 1)",
    dZh: "车载大流量排水抢险车，适用于下穿隧道、地铁口与大面积城市内涝。", dEn: "Truck-mounted high-volume pump for flooded underpasses, metro entrances and large urban floods.",
    cZh: "排水流量不少于1000 m³/h，扬程不少于15 m，可连续运行24小时。", cEn: "Flow at least 1,000 m³/h, head at least 15 m, 24 h continuous running.",
    metrics: [M.flow, M.head, M.runtime], caps: { flow_m3h: [1000, 3000, 100], head_m: [15, 30], runtime_h: [24, 72, 12] },
    unit: "vehicle", qty: [1, 3], price: [6000, 15000], weight: 5, speedKmh: 50 }),
  eq({ code: "EQ-PUMP-2", kind: "PUMP", level: 2, zh: "移动排涝泵站（2型）", en: "Mobile drainage pump station (type 2)",
    dZh: "拖挂或车载式排涝泵组。", dEn: "Trailer- or truck-mounted pump set.",
    cZh: "排水流量不少于500 m³/h，扬程不少于10 m。", cEn: "Flow at least 500 m³/h, head at least 10 m.",
    metrics: [M.flow, M.head, M.runtime], caps: { flow_m3h: [500, 999, 50], head_m: [10, 22], runtime_h: [12, 48, 12] },
    qty: [1, 4], price: [2500, 6000], weight: 7 }),
  eq({ code: "EQ-PUMP-3", kind: "PUMP", level: 3, zh: "便携式排水泵（3型）", en: "Portable drainage pump (type 3)",
    dZh: "柴油或电动便携排水泵，用于地下室、小区积水点。", dEn: "Diesel or electric portable pump for basements and estate flooding spots.",
    cZh: "排水流量不少于200 m³/h。", cEn: "Flow at least 200 m³/h.",
    metrics: [M.flow, M.head, M.runtime], caps: { flow_m3h: [200, 499, 10], head_m: [6, 15], runtime_h: [8, 24, 4] },
    qty: [2, 12], price: [600, 1800], weight: 9 }),
  eq({ code: "EQ-BOAT-1", kind: "BOAT", level: 1, zh: "冲锋舟（1型）", en: "Assault boat (type 1)",
    dZh: "玻璃钢冲锋舟，配船外机，用于洪水中人员转移。", dEn: "GRP assault boat with outboard motor for flood evacuation.",
    cZh: "载员不少于10人，发动机功率不少于40马力，须由持证驾驶员操作。", cEn: "At least 10 seats and a 40 hp engine; operated by a licensed boat operator.",
    metrics: [M.seats, M.engineHp], caps: { seats: [10, 16], engine_hp: [40, 90, 5] }, credentials: ["VESSEL_OPERATOR"],
    unit: "boat", qty: [1, 6], price: [1500, 4000], weight: 6 }),
  eq({ code: "EQ-BOAT-2", kind: "BOAT", level: 2, zh: "橡皮艇（2型）", en: "Inflatable rescue boat (type 2)",
    dZh: "充气式救生艇，可人力或小功率机动。", dEn: "Inflatable boat, paddled or with a small outboard.",
    cZh: "载员不少于6人。", cEn: "At least 6 seats.",
    metrics: [M.seats, M.engineHp], caps: { seats: [6, 9], engine_hp: [0, 30, 5] }, credentials: ["VESSEL_OPERATOR"],
    unit: "boat", qty: [2, 10], price: [500, 1500], weight: 7 }),
  eq({ code: "EQ-GEN-1", kind: "GENERATOR", level: 1, zh: "应急发电车（1型）", en: "Emergency power vehicle (type 1)",
    dZh: "车载大功率发电机组，保障医院、指挥部等重要负荷。", dEn: "Truck-mounted genset for hospitals, command posts and other critical loads.",
    cZh: "额定功率不少于500 kW，可连续运行12小时以上。", cEn: "Rated at least 500 kW, 12 h+ continuous running.",
    metrics: [M.kw, M.runtime], caps: { kw: [500, 1200, 50], runtime_h: [12, 48, 6] }, credentials: ["ELECTRICIAN_LICENSE"],
    unit: "vehicle", qty: [1, 2], price: [8000, 20000], weight: 3, speedKmh: 50 }),
  eq({ code: "EQ-GEN-2", kind: "GENERATOR", level: 2, zh: "移动发电机组（2型）", en: "Mobile generator set (type 2)",
    dZh: "拖车式柴油发电机组。", dEn: "Trailer-mounted diesel generator.",
    cZh: "额定功率不少于200 kW。", cEn: "Rated at least 200 kW.",
    metrics: [M.kw, M.runtime], caps: { kw: [200, 499, 10], runtime_h: [8, 24, 4] }, unit: "set", qty: [1, 3], price: [2500, 7000], weight: 5 }),
  eq({ code: "EQ-GEN-3", kind: "GENERATOR", level: 3, zh: "便携式发电机（3型）", en: "Portable generator (type 3)",
    dZh: "小型汽油/柴油发电机，用于照明与设备充电。", dEn: "Small petrol/diesel generator for lighting and charging.",
    cZh: "额定功率不少于5 kW。", cEn: "Rated at least 5 kW.",
    metrics: [M.kw, M.runtime], caps: { kw: [5, 50, 5], runtime_h: [6, 12] }, unit: "set", qty: [2, 20], price: [200, 600], weight: 8 }),
  eq({ code: "EQ-LIGHT-1", kind: "LIGHTING_TOWER", level: 1, zh: "移动照明灯塔", en: "Mobile lighting tower",
    dZh: "升降式照明灯塔，保障夜间抢险作业。", dEn: "Telescopic lighting tower for night operations.",
    cZh: "照明功率不少于4000 W，升降高度不少于9 m。", cEn: "At least 4,000 W of lamps on a mast of 9 m or more.",
    metrics: [M.lampW, M.mast, M.runtime], caps: { lamp_w: [4000, 8000, 500], mast_m: [9, 15], runtime_h: [10, 60, 5] },
    qty: [1, 8], price: [300, 900], weight: 6 }),
  eq({ code: "EQ-DRONE-1", kind: "DRONE", level: 1, zh: "重载/系留无人机（1型）", en: "Heavy-lift / tethered drone (type 1)",
    dZh: "可执行物资投送、空中照明或通信中继的多旋翼无人机。", dEn: "Multirotor drone for supply drops, aerial lighting or comms relay.",
    cZh: "载重不少于20 kg，续航不少于40分钟，操作员持民航局无人机执照。", cEn: "Payload at least 20 kg, 40 min flight; pilot holds a CAAC UAS licence.",
    metrics: [M.flight, M.payload], caps: { flight_min: [40, 120, 5], payload_kg: [20, 60, 5] }, credentials: ["CAAC_UAS_LICENSE"],
    qty: [1, 3], price: [2000, 6000], modes: ["DAILY", "PER_USE"], weight: 3 }),
  eq({ code: "EQ-DRONE-2", kind: "DRONE", level: 2, zh: "侦察无人机（2型）", en: "Reconnaissance drone (type 2)",
    dZh: "带可见光/热成像吊舱的行业无人机。", dEn: "Industrial drone with visible and thermal camera.",
    cZh: "续航不少于25分钟，载重不少于1 kg。", cEn: "At least 25 min flight and 1 kg payload.",
    metrics: [M.flight, M.payload], caps: { flight_min: [25, 55, 5], payload_kg: [1, 6] }, credentials: ["CAAC_UAS_LICENSE"],
    qty: [1, 6], price: [800, 2500], modes: ["DAILY", "PER_USE"], weight: 6 }),
  eq({ code: "EQ-SATCOM-1", kind: "SATCOM", level: 1, zh: "卫星通信便携站", en: "Portable satellite terminal",
    dZh: "Ku/Ka 波段便携站或动中通，为断网区域提供回传。", dEn: "Ku/Ka-band flyaway or on-the-move terminal providing backhaul where networks are down.",
    cZh: "带宽不少于20 Mbps，30分钟内完成开通。", cEn: "At least 20 Mbps; operational within 30 minutes.",
    metrics: [M.bandwidth], caps: { bandwidth_mbps: [20, 200, 10] }, unit: "set", qty: [1, 3], price: [1500, 5000], weight: 3 }),
  eq({ code: "EQ-EXCAV-1", kind: "EXCAVATOR", level: 1, zh: "大型挖掘机（1型）", en: "Large excavator (type 1)",
    dZh: "用于堤防抢险、倒塌清理与道路抢通。", dEn: "For dike works, collapse clearance and road opening.",
    cZh: "整机重量不少于30 t，斗容不少于1.4 m³，操作手持证。", cEn: "Operating weight at least 30 t, bucket 1.4 m³+; certified operator.",
    metrics: [M.weightT, M.bucket], caps: { operating_weight_t: [30, 50], bucket_m3: [1.4, 2.5, 0.1] }, credentials: ["HEAVY_EQUIPMENT_OPERATOR"],
    qty: [1, 4], price: [2500, 5000], modes: ["DAILY", "HOURLY"], weight: 4, speedKmh: 40 }),
  eq({ code: "EQ-EXCAV-2", kind: "EXCAVATOR", level: 2, zh: "中型挖掘机（2型）", en: "Medium excavator (type 2)",
    dZh: "通用中型挖掘机。", dEn: "General-purpose medium excavator.",
    cZh: "整机重量不少于13 t。", cEn: "Operating weight at least 13 t.",
    metrics: [M.weightT, M.bucket], caps: { operating_weight_t: [13, 29], bucket_m3: [0.5, 1.3, 0.1] }, credentials: ["HEAVY_EQUIPMENT_OPERATOR"],
    qty: [1, 6], price: [1200, 2500], modes: ["DAILY", "HOURLY"], weight: 6, speedKmh: 40 }),
  eq({ code: "EQ-CRANE-1", kind: "CRANE", level: 1, zh: "大型汽车起重机（1型）", en: "Large mobile crane (type 1)",
    dZh: "用于大型构件吊装与倒塌救援。", dEn: "Heavy lifting of large members in collapse rescue.",
    cZh: "额定起重量不少于100 t，司机持起重机械作业证。", cEn: "Rated lift at least 100 t; operator holds a crane licence.",
    metrics: [M.lift, M.boom], caps: { lift_t: [100, 300, 10], boom_m: [45, 80] }, credentials: ["CRANE_OPERATOR"],
    qty: [1, 2], price: [8000, 25000], modes: ["DAILY"], weight: 2, speedKmh: 40 }),
  eq({ code: "EQ-CRANE-2", kind: "CRANE", level: 2, zh: "汽车起重机（2型）", en: "Mobile crane (type 2)",
    dZh: "中小吨位汽车吊。", dEn: "Small-to-medium truck crane.",
    cZh: "额定起重量不少于25 t。", cEn: "Rated lift at least 25 t.",
    metrics: [M.lift, M.boom], caps: { lift_t: [25, 99, 5], boom_m: [30, 45] }, credentials: ["CRANE_OPERATOR"],
    qty: [1, 3], price: [2500, 7000], modes: ["DAILY", "HOURLY"], weight: 4, speedKmh: 45 }),
  eq({ code: "EQ-AMB-1", kind: "AMBULANCE", level: 1, zh: "监护型救护车（1型）", en: "Advanced life-support ambulance (type 1)",
    dZh: "配备除颤监护仪、呼吸机的监护型救护车及随车医护。", dEn: "ALS ambulance with defibrillator-monitor, ventilator and crew.",
    cZh: "配随车医师1名、护士1名，担架位不少于1个。", cEn: "One physician and one nurse on board; at least 1 stretcher.",
    metrics: [M.stretchers], caps: { stretchers: [1, 2] }, credentials: ["MEDICAL_LICENSE"],
    unit: "vehicle", qty: [1, 4], price: [1500, 4000], modes: ["PER_USE", "PER_KM"], weight: 4, speedKmh: 70 }),
  eq({ code: "EQ-AMB-2", kind: "AMBULANCE", level: 2, zh: "普通型救护车（2型）", en: "Basic ambulance (type 2)",
    dZh: "用于轻伤员与转运。", dEn: "For minor casualties and transfers.",
    cZh: "担架位不少于1个，配急救员。", cEn: "At least 1 stretcher, with an EMT.",
    metrics: [M.stretchers], caps: { stretchers: [1, 3] }, unit: "vehicle", qty: [1, 6], price: [500, 1500], modes: ["PER_USE", "PER_KM"], weight: 5, speedKmh: 70 }),
  eq({ code: "EQ-PURIFY-1", kind: "WATER_PURIFIER", level: 1, zh: "移动净水设备", en: "Mobile water purification unit",
    dZh: "车载或撬装净水装置，可将地表水处理为饮用水。", dEn: "Truck or skid unit turning surface water into drinking water.",
    cZh: "净水能力不少于10 m³/h，出水符合 GB 5749 生活饮用水标准。", cEn: "At least 10 m³/h meeting the GB 5749 drinking-water standard.",
    metrics: [M.purify], caps: { purify_m3h: [10, 60, 5] }, unit: "set", qty: [1, 2], price: [3000, 9000], weight: 3 }),
  eq({ code: "EQ-KITCHEN-1", kind: "MOBILE_KITCHEN", level: 1, zh: "野外移动炊事车", en: "Mobile field kitchen",
    dZh: "为安置点与救援人员提供热食。", dEn: "Hot meals for shelters and responders.",
    cZh: "供餐能力不少于300份/小时，持食品经营许可。", cEn: "At least 300 meals per hour; food-business permit.",
    metrics: [M.meals], caps: { meals_per_hour: [300, 1200, 50] }, credentials: ["FOOD_SAFETY_PERMIT"],
    unit: "vehicle", qty: [1, 2], price: [3000, 8000], weight: 3 }),
  eq({ code: "EQ-COLD-1", kind: "COLD_CHAIN_TRUCK", level: 1, zh: "冷链运输车", en: "Refrigerated truck",
    dZh: "用于药品、疫苗与生鲜物资运输。", dEn: "Carries medicines, vaccines and fresh supplies.",
    cZh: "厢体容积不少于20 m³，可控温 2–8 ℃。", cEn: "Cargo volume at least 20 m³, holds 2–8 °C.",
    metrics: [M.cargo], caps: { cargo_m3: [20, 60, 2] }, unit: "vehicle", qty: [1, 5], price: [1200, 3500], modes: ["DAILY", "PER_KM"], weight: 4, speedKmh: 70 }),
  eq({ code: "EQ-TANKER-1", kind: "WATER_TANKER", level: 1, zh: "应急供水车", en: "Water tanker",
    dZh: "为停水区域、安置点运送生活用水。", dEn: "Delivers water to areas without supply and to shelters.",
    cZh: "罐体容积不少于8 m³，食品级罐体。", cEn: "Tank at least 8 m³, food-grade.",
    metrics: [M.tank], caps: { tank_m3: [8, 20] }, unit: "vehicle", qty: [1, 4], price: [1000, 3000], modes: ["DAILY", "PER_USE"], weight: 4, speedKmh: 60 }),
  eq({ code: "EQ-DUMP-1", kind: "DUMP_TRUCK", level: 1, zh: "自卸运输车", en: "Dump truck",
    dZh: "运送砂石、沙袋等抢险物料。", dEn: "Carries aggregate, sandbags and other emergency material.",
    cZh: "核定载重不少于20 t。", cEn: "Rated load at least 20 t.",
    metrics: [M.load], caps: { load_t: [20, 40] }, unit: "vehicle", qty: [1, 8], price: [1200, 2500], modes: ["DAILY", "PER_KM"], weight: 5, speedKmh: 60 }),
  eq({ code: "EQ-GASDET-1", kind: "GAS_DETECTOR", level: 1, zh: "便携式多气体检测仪", en: "Portable multi-gas detector",
    dZh: "可燃、有毒气体现场快速检测。", dEn: "Rapid field detection of flammable and toxic gases.",
    cZh: "可检测气体不少于4种（含 LEL、O₂、CO、H₂S），在检定有效期内。", cEn: "At least 4 gases (LEL, O₂, CO, H₂S), within calibration date.",
    metrics: [M.gases], caps: { gases: [4, 12] }, unit: "set", qty: [2, 10], price: [200, 600], modes: ["DAILY", "PER_USE"], weight: 4 }),
];
