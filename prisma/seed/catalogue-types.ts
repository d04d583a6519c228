/**
 * Shapes of the seed catalogue. `metrics` is stored in ResourceType.metrics as
 * [{ key, unit, labelZh, labelEn, min, max }] — min/max bound what a listing may declare, they are not the
 * type level's threshold (that is in the minimum-criteria text and in `seed.caps`).
 * Every metric is "higher is better", so a need's requiredCapabilities can always be read as minimums.
 */
export type CategoryName = "EXPERT" | "TEAM" | "EQUIPMENT" | "MATERIAL" | "SERVICE" | "KNIGHT";
export type PricingModeName = "FREE" | "HOURLY" | "DAILY" | "PER_USE" | "PER_KM";

export interface MetricDef {
  key: string;
  unit: string;
  labelZh: string;
  labelEn: string;
  min: number;
  max: number;
}

/** Seed-only hints for generating listings of a type; never written to the database. */
export interface SeedHints {
  /** Capability values drawn in [lo, hi] (lo meets the type level's minimum criteria); step rounds them. */
  caps: Record<string, [number, number, number?]>;
  /** Quantity of a listing (units, bags, litres …). */
  qty: [number, number];
  /** Paid listings: price in yuan per pricing unit. */
  price: [number, number];
  paidModes: PricingModeName[];
  /** Relative frequency among listings of the same category. */
  weight: number;
  /** Mobilisation lead time range in minutes. */
  mobilization: [number, number];
  speedKmh?: number;
}

export interface CatalogueEntry {
  category: CategoryName;
  code: string;
  kind: string;
  typeLevel: number;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  minimumCriteriaZh: string;
  minimumCriteriaEn: string;
  metrics: MetricDef[];
  defaultUnit: string;
  requiredCredentialKinds: string[];
  seed: SeedHints;
}

function metric(key: string, unit: string, labelZh: string, labelEn: string, min: number, max: number): MetricDef {
  return { key, unit, labelZh, labelEn, min, max };
}

/** Metric definitions shared across types, so one key always means the same thing. */
export const M = {
  years: metric("years_experience", "years", "从业年限", "Years of experience", 0, 60),
  deployments: metric("deployments", "times", "参与处置次数", "Incidents handled", 0, 1000),
  members: metric("members", "persons", "队员人数", "Team members", 1, 1000),
  selfSufficiency: metric("self_sufficiency_h", "h", "自我保障时长", "Self-sufficiency", 0, 720),
  boats: metric("boats", "boats", "舟艇数量", "Boats", 0, 200),
  vehicles: metric("vehicles", "vehicles", "车辆数", "Vehicles", 0, 200),
  engines: metric("fire_engines", "vehicles", "消防车辆", "Fire engines", 0, 100),
  beds: metric("beds", "beds", "床位", "Beds", 0, 1000),
  drones: metric("drones", "drones", "无人机数量", "Drones", 0, 200),
  detectors: metric("detectors", "units", "检测仪器", "Detection instruments", 0, 200),
  flow: metric("flow_m3h", "m3/h", "排水流量", "Flow rate", 0, 20000),
  head: metric("head_m", "m", "扬程", "Pump head", 0, 200),
  seats: metric("seats", "seats", "载员", "Seats", 1, 100),
  engineHp: metric("engine_hp", "hp", "发动机功率", "Engine power", 0, 2000),
  kw: metric("kw", "kW", "额定功率", "Rated power", 0, 5000),
  runtime: metric("runtime_h", "h", "连续运行时长", "Continuous runtime", 0, 500),
  lampW: metric("lamp_w", "W", "照明功率", "Lamp power", 0, 50000),
  mast: metric("mast_m", "m", "升降高度", "Mast height", 0, 50),
  flight: metric("flight_min", "min", "续航时间", "Flight time", 0, 1440),
  payload: metric("payload_kg", "kg", "载重", "Payload", 0, 5000),
  bandwidth: metric("bandwidth_mbps", "Mbps", "带宽", "Bandwidth", 0, 10000),
  weightT: metric("operating_weight_t", "t", "整机重量", "Operating weight", 0, 200),
  bucket: metric("bucket_m3", "m3", "斗容", "Bucket capacity", 0, 20),
  lift: metric("lift_t", "t", "额定起重量", "Rated lift", 0, 2000),
  boom: metric("boom_m", "m", "主臂长度", "Boom length", 0, 200),
  stretchers: metric("stretchers", "stretchers", "担架位", "Stretchers", 0, 20),
  purify: metric("purify_m3h", "m3/h", "净水能力", "Purification rate", 0, 1000),
  meals: metric("meals_per_hour", "meals/h", "供餐能力", "Meals per hour", 0, 10000),
  cargo: metric("cargo_m3", "m3", "厢体容积", "Cargo volume", 0, 200),
  tank: metric("tank_m3", "m3", "罐体容积", "Tank capacity", 0, 100),
  load: metric("load_t", "t", "核定载重", "Rated load", 0, 200),
  gases: metric("gases", "gases", "可检测气体种类", "Detectable gases", 0, 100),
  persons: metric("persons", "persons", "容纳人数", "Capacity (persons)", 1, 500),
  area: metric("area_m2", "m2", "面积", "Area", 0, 10000),
  buoyancy: metric("buoyancy_n", "N", "浮力", "Buoyancy", 0, 1000),
  litres: metric("litres_per_case", "L", "每箱容量", "Litres per case", 0, 100),
  servings: metric("servings_per_case", "servings", "每箱份数", "Servings per case", 0, 500),
  items: metric("items_per_kit", "items", "每包件数", "Items per kit", 0, 500),
  mapping: metric("km2_per_day", "km2/day", "日处理面积", "Area per day", 0, 100000),
  users: metric("concurrent_users", "users", "并发用户", "Concurrent users", 0, 1000000),
  sensors: metric("sensors", "sensors", "监测传感器", "Sensors", 0, 10000),
  analysts: metric("analysts", "persons", "分析人员", "Analysts", 0, 500),
  storage: metric("storage_m2", "m2", "仓储面积", "Storage area", 0, 1000000),
  hotlineSeats: metric("hotline_seats", "seats", "热线坐席", "Hotline seats", 0, 1000),
  languages: metric("languages", "languages", "语种数", "Languages", 0, 100),
} satisfies Record<string, MetricDef>;
