import type { IncidentScenario } from "./incident-types";

/**
 * Live incidents: start times and needed-by are relative to the seed's "now", so the demo always has
 * fresh work to match and dispatch.
 */
export const ACTIVE_INCIDENTS: IncidentScenario[] = [
  {
    key: "qinhuai-flood-live", title: "秦淮区短时强降雨城市内涝", kind: "FLOOD", severity: "III", status: "ACTIVE",
    regionCode: "320104", orgSlug: "nanjing-yjj", startedHoursAgo: 3,
    description: "1小时降雨量超过70毫米，中华路、应天大街下穿通道及多个老旧小区严重积水，部分居民被困。", addressZh: "江苏省南京市秦淮区中华路与应天大街交叉口",
    offsetKm: [0, -1], areaRadiusKm: 3,
    supporters: [{ slug: "nj-qinhuai-yjj", role: "SUPPORT" }, { slug: "nj-swj", role: "SUPPORT" }, { slug: "nj-kunpeng", role: "SUPPORT" }],
    needs: [
      { typeCode: "EQ-PUMP-1", quantity: 3, status: "PARTIALLY_FILLED", committed: 2, enRoute: 1, onScene: 1, neededInHours: 1, durationHours: 12, priority: "URGENT", requiredCapabilities: { flow_m3h: 1000 } },
      { typeCode: "EQ-PUMP-2", quantity: 4, status: "OPEN", neededInHours: 2, durationHours: 12, priority: "URGENT", requiredCapabilities: { flow_m3h: 500 } },
      { typeCode: "EQ-BOAT-1", quantity: 4, status: "OPEN", neededInHours: 1, durationHours: 8, priority: "LIFE_SAFETY", requiredCapabilities: { seats: 10 } },
      { typeCode: "MT-SANDBAG", quantity: 8000, status: "PARTIALLY_FILLED", committed: 3000, enRoute: 3000, neededInHours: 2, durationHours: 24 },
      { typeCode: "EX-HYDRO-1", quantity: 1, status: "FILLED", onScene: 1, neededInHours: 1, durationHours: 12 },
      { typeCode: "EQ-LIGHT-1", quantity: 4, status: "OPEN", neededInHours: 4, durationHours: 12, paymentMode: "PAID" },
      { typeCode: "KN-DELIVERY", title: "骑士配送：沙袋送往积水小区楼栋口", quantity: 30, status: "PARTIALLY_FILLED", committed: 4, enRoute: 2, neededInHours: 1, durationHours: 2, priority: "URGENT",
        knight: { taskKind: "DELIVERY", pickupZh: "秦淮区应急物资储备点（御道街）", cargoKg: 25, requiredVehicle: ["EBIKE", "MOTORCYCLE", "CAR", "VAN"], rewardPoints: 30 } },
      { typeCode: "KN-RECON", title: "骑士巡查：回传积水点水深照片", quantity: 10, status: "OPEN", neededInHours: 1, durationHours: 1,
        knight: { taskKind: "RECON", pickupZh: "秦淮区应急指挥部", cargoKg: 0, requiredTrainings: ["FLOOD_SAFETY"], rewardPoints: 20 } },
    ],
  },
  {
    key: "jiangbei-hazmat-live", title: "南京江北新区化工园区危化品泄漏", kind: "HAZMAT", severity: "II", status: "ACTIVE",
    regionCode: "320111", orgSlug: "nj-jbxq", startedHoursAgo: 5,
    description: "园区内一企业输送管线破裂，疑似氯乙烯泄漏，已划定2公里警戒区并疏散下风向居民约1200人。", addressZh: "江苏省南京市江北新区化工园区方水路", offsetKm: [9, 5],
    areaRadiusKm: 2, hazard: { name: "泄漏点2公里警戒区", radiusKm: 2, severity: "II", requiredTraining: "HAZMAT_AWARENESS" },
    supporters: [{ slug: "nj-chem-fire", role: "SUPPORT" }, { slug: "nanjing-yjj", role: "OBSERVER" }, { slug: "js-chem-safety", role: "SUPPORT" }],
    needs: [
      { typeCode: "TM-HAZMAT-1", quantity: 2, status: "PARTIALLY_FILLED", committed: 1, onScene: 1, neededInHours: 0.5, durationHours: 24, priority: "LIFE_SAFETY" },
      { typeCode: "EX-HAZMAT-1", quantity: 2, status: "OPEN", neededInHours: 1, durationHours: 24, priority: "URGENT" },
      { typeCode: "EQ-GASDET-1", quantity: 10, status: "PARTIALLY_FILLED", committed: 4, enRoute: 4, neededInHours: 1, durationHours: 24, requiredCapabilities: { gases: 4 } },
      { typeCode: "MT-PPE", quantity: 500, status: "FILLED", enRoute: 500, neededInHours: 2, durationHours: 48 },
      { typeCode: "TM-MED-2", quantity: 1, status: "OPEN", neededInHours: 1, durationHours: 12, priority: "URGENT" },
      { typeCode: "KN-DELIVERY", title: "骑士配送：饮用水送往疏散安置点", quantity: 12, status: "OPEN", neededInHours: 2, durationHours: 2,
        knight: { taskKind: "DELIVERY", pickupZh: "浦口区应急物资仓库", cargoKg: 15, requiredVehicle: ["EBIKE", "MOTORCYCLE", "CAR", "VAN"], requiredTrainings: ["HAZMAT_AWARENESS"], rewardPoints: 40 } },
    ],
  },
  {
    key: "pukou-collapse-live", title: "浦口区在建厂房钢结构坍塌", kind: "STRUCTURAL_COLLAPSE", severity: "III", status: "ACTIVE",
    regionCode: "320111", orgSlug: "nj-pukou-yjj", startedHoursAgo: 8,
    description: "在建厂房屋面钢结构坍塌，4名工人被困，搜救正在进行。", addressZh: "江苏省南京市浦口区浦口经济开发区", offsetKm: [-3, 2],
    areaRadiusKm: 0.3, supporters: [{ slug: "nj-usar", role: "SUPPORT" }],
    needs: [
      { typeCode: "TM-USAR-2", quantity: 1, status: "FILLED", onScene: 1, neededInHours: -7, durationHours: 48, priority: "LIFE_SAFETY" },
      { typeCode: "EQ-CRANE-1", quantity: 1, status: "FILLED", enRoute: 1, neededInHours: 1, durationHours: 24, paymentMode: "REIMBURSABLE" },
      { typeCode: "EX-STRUCT-1", quantity: 1, status: "FILLED", neededInHours: 1, durationHours: 24 },
      { typeCode: "EQ-AMB-1", quantity: 2, status: "PARTIALLY_FILLED", committed: 1, neededInHours: 0.5, durationHours: 12, priority: "LIFE_SAFETY" },
      { typeCode: "EQ-LIGHT-1", quantity: 3, status: "PENDING_APPROVAL", committed: 0, neededInHours: 3, durationHours: 12, notes: "夜间搜救照明，需区局审批后发布。" },
    ],
  },
  {
    key: "lishui-forest-fire-live", title: "溧水区东屏街道山林火情", kind: "FOREST_FIRE", severity: "IV", status: "CONTAINED",
    regionCode: "320117", orgSlug: "nj-lishui-yjj", startedHoursAgo: 30,
    description: "山林火情明火已扑灭，正在清理烟点并看守火场。", addressZh: "江苏省南京市溧水区东屏街道林场", offsetKm: [4, 3],
    areaRadiusKm: 1.5, supporters: [{ slug: "lishui-forest", role: "SUPPORT" }],
    needs: [
      { typeCode: "TM-FOREST-1", quantity: 2, status: "FILLED", onScene: 1, released: 1, neededInHours: -28, durationHours: 48 },
      { typeCode: "EQ-DRONE-2", quantity: 2, status: "FILLED", onScene: 2, neededInHours: -27, durationHours: 48 },
      { typeCode: "MT-WATER", quantity: 100, status: "FILLED", released: 100, neededInHours: -26, durationHours: 24 },
    ],
  },
  {
    key: "gaochun-typhoon-drill", title: "高淳区台风防御应急演练（草稿）", kind: "TYPHOON", severity: "IV", status: "DRAFT",
    regionCode: "320118", orgSlug: "nj-gaochun-yjj", startedHoursAgo: 2,
    description: "固城湖沿岸防台风转移安置演练方案，待审定后发布。", addressZh: "江苏省南京市高淳区固城湖大堤",
    needs: [
      { typeCode: "TM-WATER-3", quantity: 2, status: "DRAFT", neededInHours: 72, durationHours: 8 },
      { typeCode: "MT-TENT-1", quantity: 10, status: "DRAFT", neededInHours: 72, durationHours: 8 },
    ],
  },
];
