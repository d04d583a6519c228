import type { IncidentScenario } from "./incident-types";

/** Closed incidents (history for dashboards, reviews and matching statistics). Fixed dates, China time. */
export const PAST_INCIDENTS: IncidentScenario[] = [
  {
    key: "typhoon-bebinca-2024", title: "2024年第13号台风“贝碧嘉”苏州防御与抢险", kind: "TYPHOON", severity: "II", status: "CLOSED",
    regionCode: "320500", orgSlug: "suzhou-yjj", startedAt: "2024-09-15T20:00:00+08:00", closedAt: "2024-09-18T18:00:00+08:00",
    description: "台风“贝碧嘉”登陆后穿过苏州，最大阵风11级，多处道路积水、树木倒伏，部分小区停电。", addressZh: "江苏省苏州市姑苏区人民路",
    areaRadiusKm: 25, supporters: [{ slug: "js-yjt", role: "OBSERVER" }, { slug: "sz-shuguang", role: "SUPPORT" }],
    needs: [
      { typeCode: "EQ-PUMP-1", quantity: 4, status: "CLOSED", neededInHours: 6, durationHours: 36, priority: "URGENT" },
      { typeCode: "EQ-GEN-2", quantity: 6, status: "CLOSED", neededInHours: 8, durationHours: 48 },
      { typeCode: "MT-TENT-2", quantity: 200, status: "CLOSED", committed: 150, unmetReason: "ALL_BUSY", unmetNote: "周边库存不足，缺口由省级储备补充。", neededInHours: 12, durationHours: 72 },
      { typeCode: "TM-WATER-2", quantity: 2, status: "CLOSED", neededInHours: 4, durationHours: 24, priority: "LIFE_SAFETY" },
      { typeCode: "EQ-DRONE-2", quantity: 3, status: "CLOSED", neededInHours: 10, durationHours: 12, paymentMode: "PAID" },
    ],
  },
  {
    key: "jianye-flood-2024", title: "建邺区梅雨期强降雨城市内涝", kind: "FLOOD", severity: "III", status: "CLOSED",
    regionCode: "320105", orgSlug: "nj-jianye-yjj", startedAt: "2024-06-30T05:00:00+08:00", closedAt: "2024-07-01T20:00:00+08:00",
    description: "连续强降雨导致河西地区多处下穿通道和老旧小区积水，最深处超过1米。", addressZh: "江苏省南京市建邺区江东中路与集庆门大街交叉口",
    areaRadiusKm: 4, supporters: [{ slug: "nj-swj", role: "SUPPORT" }, { slug: "nj-kunpeng", role: "SUPPORT" }],
    needs: [
      { typeCode: "EQ-PUMP-1", quantity: 3, status: "CLOSED", neededInHours: 2, durationHours: 24, priority: "URGENT" },
      { typeCode: "EQ-PUMP-3", quantity: 10, status: "CLOSED", neededInHours: 3, durationHours: 24 },
      { typeCode: "EQ-BOAT-1", quantity: 4, status: "CLOSED", neededInHours: 2, durationHours: 12, priority: "LIFE_SAFETY" },
      { typeCode: "MT-SANDBAG", quantity: 5000, status: "CLOSED", neededInHours: 3, durationHours: 48 },
      { typeCode: "EX-HYDRO-1", quantity: 1, status: "CLOSED", neededInHours: 4, durationHours: 24 },
      { typeCode: "KN-DELIVERY", title: "骑士配送：沙袋送达积水小区", quantity: 20, status: "CLOSED", committed: 17, unmetReason: "TOO_LATE", unmetNote: "雨停后剩余任务取消。", neededInHours: 2, durationHours: 3,
        knight: { taskKind: "DELIVERY", pickupZh: "建邺区应急物资储备点", cargoKg: 25, requiredVehicle: ["EBIKE", "MOTORCYCLE", "CAR", "VAN"], rewardPoints: 30 } },
    ],
  },
  {
    key: "lishui-forest-fire-2024", title: "溧水区无想山林区火灾", kind: "FOREST_FIRE", severity: "III", status: "CLOSED",
    regionCode: "320117", orgSlug: "nj-lishui-yjj", startedAt: "2024-04-06T13:30:00+08:00", closedAt: "2024-04-07T09:00:00+08:00",
    description: "清明期间祭扫用火引发林火，过火面积约40亩，无人员伤亡。", addressZh: "江苏省南京市溧水区无想山林区", offsetKm: [3, -4],
    areaRadiusKm: 2, supporters: [{ slug: "lishui-forest", role: "SUPPORT" }],
    needs: [
      { typeCode: "TM-FOREST-1", quantity: 2, status: "CLOSED", neededInHours: 1, durationHours: 18, priority: "LIFE_SAFETY" },
      { typeCode: "EQ-DRONE-2", quantity: 4, status: "CLOSED", neededInHours: 1, durationHours: 12 },
      { typeCode: "EQ-TANKER-1", quantity: 4, status: "CLOSED", committed: 3, unmetReason: "NO_SUPPLIER_IN_RANGE", neededInHours: 2, durationHours: 12 },
      { typeCode: "EX-FOREST-1", quantity: 1, status: "CLOSED", neededInHours: 2, durationHours: 12 },
    ],
  },
  {
    key: "gulou-collapse-2023", title: "鼓楼区老旧自建房局部坍塌", kind: "STRUCTURAL_COLLAPSE", severity: "III", status: "CLOSED",
    regionCode: "320106", orgSlug: "nj-gulou-yjj", startedAt: "2023-12-12T07:40:00+08:00", closedAt: "2023-12-13T16:00:00+08:00",
    description: "一栋四层自建房局部坍塌，2人被困，经搜救全部救出。", addressZh: "江苏省南京市鼓楼区虎踞路附近",
    areaRadiusKm: 0.5, supporters: [{ slug: "nj-usar", role: "SUPPORT" }],
    needs: [
      { typeCode: "TM-USAR-2", quantity: 1, status: "CLOSED", neededInHours: 1, durationHours: 24, priority: "LIFE_SAFETY" },
      { typeCode: "EX-STRUCT-1", quantity: 2, status: "CLOSED", neededInHours: 2, durationHours: 24 },
      { typeCode: "EQ-CRANE-2", quantity: 1, status: "CLOSED", neededInHours: 3, durationHours: 12, paymentMode: "PAID" },
      { typeCode: "EQ-AMB-1", quantity: 2, status: "CLOSED", neededInHours: 1, durationHours: 8, priority: "LIFE_SAFETY" },
    ],
  },
  {
    key: "huning-pileup-2024", title: "沪宁高速镇江段冰雪天气多车追尾", kind: "TRAFFIC", severity: "II", status: "CLOSED",
    regionCode: "321100", orgSlug: "zhenjiang-yjj", startedAt: "2024-02-04T08:10:00+08:00", closedAt: "2024-02-04T22:00:00+08:00",
    description: "冻雨导致路面结冰，沪宁高速镇江段发生二十余车连环追尾，百余名旅客滞留。", addressZh: "沪宁高速公路镇江段（往上海方向）",
    offsetKm: [-6, 2], supporters: [{ slug: "zj-jinshan-vol", role: "LOGISTICS" }],
    needs: [
      { typeCode: "EQ-CRANE-1", quantity: 2, status: "CLOSED", neededInHours: 1, durationHours: 10, paymentMode: "REIMBURSABLE" },
      { typeCode: "EQ-AMB-1", quantity: 6, status: "CLOSED", neededInHours: 1, durationHours: 6, priority: "LIFE_SAFETY" },
      { typeCode: "TM-MED-2", quantity: 2, status: "CLOSED", neededInHours: 1, durationHours: 8, priority: "LIFE_SAFETY" },
      { typeCode: "MT-BLANKET", quantity: 300, status: "CLOSED", neededInHours: 3, durationHours: 12 },
      { typeCode: "MT-WATER", quantity: 200, status: "CLOSED", neededInHours: 3, durationHours: 12 },
    ],
  },
  {
    key: "zhenjiang-leak-2023", title: "镇江新区化工企业储罐物料泄漏", kind: "HAZMAT", severity: "III", status: "CLOSED",
    regionCode: "321100", orgSlug: "zhenjiang-yjj", startedAt: "2023-09-21T15:20:00+08:00", closedAt: "2023-09-22T06:00:00+08:00",
    description: "储罐法兰垫片失效导致少量苯乙烯泄漏，经堵漏与洗消后处置完毕。", addressZh: "江苏省镇江市镇江新区化工园区", offsetKm: [12, 3],
    hazard: { name: "泄漏点500米警戒区", radiusKm: 0.5, severity: "III", requiredTraining: "HAZMAT_AWARENESS" },
    needs: [
      { typeCode: "TM-HAZMAT-2", quantity: 2, status: "CLOSED", neededInHours: 1, durationHours: 12, priority: "LIFE_SAFETY" },
      { typeCode: "EX-HAZMAT-1", quantity: 1, status: "CLOSED", neededInHours: 2, durationHours: 12 },
      { typeCode: "EQ-GASDET-1", quantity: 6, status: "CLOSED", neededInHours: 1, durationHours: 12 },
    ],
  },
  {
    key: "lyg-landslide-2023", title: "连云港云台山区强降雨引发山体滑坡", kind: "GEOLOGICAL", severity: "III", status: "CLOSED",
    regionCode: "320700", orgSlug: "lianyungang-yjj", startedAt: "2023-08-03T04:30:00+08:00", closedAt: "2023-08-05T12:00:00+08:00",
    description: "滑坡体约2000立方米，阻断山区道路，转移群众86人。", addressZh: "江苏省连云港市云台山区盘山公路", offsetKm: [8, 5],
    needs: [
      { typeCode: "EX-GEO-1", quantity: 2, status: "CLOSED", neededInHours: 3, durationHours: 48 },
      { typeCode: "EQ-EXCAV-1", quantity: 3, status: "CLOSED", neededInHours: 4, durationHours: 36, paymentMode: "REIMBURSABLE" },
      { typeCode: "TM-MOUNTAIN-1", quantity: 1, status: "CLOSED", neededInHours: 2, durationHours: 24, priority: "LIFE_SAFETY" },
      { typeCode: "SV-STRUCTMON", quantity: 1, status: "CLOSED", committed: 0, unmetReason: "NO_SUPPLIER_IN_RANGE", unmetNote: "改由省地质院现场人工监测。", neededInHours: 12, durationHours: 72 },
    ],
  },
  {
    key: "yancheng-norovirus-2024", title: "盐城某寄宿学校诺如病毒聚集性疫情", kind: "PUBLIC_HEALTH", severity: "IV", status: "CLOSED",
    regionCode: "320900", orgSlug: "yancheng-yjj", startedAt: "2024-03-11T09:00:00+08:00", closedAt: "2024-03-20T18:00:00+08:00",
    description: "学校出现呕吐腹泻病例47例，开展流调、环境消杀与健康监测。", addressZh: "江苏省盐城市亭湖区某寄宿学校",
    needs: [
      { typeCode: "EX-EPI-1", quantity: 2, status: "CLOSED", neededInHours: 4, durationHours: 72 },
      { typeCode: "TM-EPI-1", quantity: 1, status: "CLOSED", neededInHours: 6, durationHours: 96 },
      { typeCode: "MT-DISINFECT", quantity: 800, status: "CLOSED", neededInHours: 8, durationHours: 96 },
      { typeCode: "MT-PPE", quantity: 500, status: "CLOSED", neededInHours: 8, durationHours: 96 },
    ],
  },
  {
    key: "wuxi-gas-2024", title: "无锡梁溪区餐饮店燃气爆燃", kind: "GAS", severity: "III", status: "CLOSED",
    regionCode: "320200", orgSlug: "wuxi-yjj", startedAt: "2024-10-19T11:50:00+08:00", closedAt: "2024-10-20T10:00:00+08:00",
    description: "液化石油气瓶泄漏引发爆燃，临街商铺受损，3人受伤。", addressZh: "江苏省无锡市梁溪区中山路沿街商铺",
    needs: [
      { typeCode: "TM-USAR-3", quantity: 1, status: "CLOSED", neededInHours: 1, durationHours: 12, priority: "LIFE_SAFETY" },
      { typeCode: "EX-STRUCT-2", quantity: 1, status: "CLOSED", neededInHours: 2, durationHours: 12 },
      { typeCode: "SV-PSYHOTLINE", quantity: 1, status: "CLOSED", neededInHours: 24, durationHours: 168, paymentMode: "PAID" },
      { typeCode: "EQ-LIGHT-1", quantity: 2, status: "CANCELLED", committed: 0, unmetReason: "CANCELLED_BY_REQUESTER", neededInHours: 6, durationHours: 12 },
    ],
  },
  {
    key: "xuzhou-mine-2025", title: "徐州某煤矿井下透水", kind: "OTHER", severity: "II", status: "CLOSED",
    regionCode: "320300", orgSlug: "xuzhou-yjj", startedAt: "2025-01-08T02:15:00+08:00", closedAt: "2025-01-10T20:00:00+08:00",
    description: "井下采空区突水，9名矿工被困，经排水与救援全部升井。", addressZh: "江苏省徐州市贾汪区某煤矿", offsetKm: [15, 10],
    needs: [
      { typeCode: "EX-MINE-1", quantity: 3, status: "CLOSED", neededInHours: 2, durationHours: 60, priority: "LIFE_SAFETY" },
      { typeCode: "EQ-PUMP-1", quantity: 6, status: "CLOSED", committed: 4, unmetReason: "DECLINED", unmetNote: "两家供应商因设备检修婉拒。", neededInHours: 3, durationHours: 60, priority: "LIFE_SAFETY" },
      { typeCode: "EQ-GEN-1", quantity: 2, status: "CLOSED", neededInHours: 3, durationHours: 60 },
      { typeCode: "TM-MED-1", quantity: 1, status: "CLOSED", neededInHours: 4, durationHours: 48 },
    ],
  },
  {
    key: "yangzhou-warehouse-fire-2025", title: "扬州江都区物流仓库火灾", kind: "BUILDING_FIRE", severity: "III", status: "CLOSED",
    regionCode: "321000", orgSlug: "yangzhou-yjj", startedAt: "2025-03-02T22:10:00+08:00", closedAt: "2025-03-03T14:00:00+08:00",
    description: "仓库内电动自行车电池起火引燃货物，过火面积约1500平方米。", addressZh: "江苏省扬州市江都区物流园", offsetKm: [10, -2],
    needs: [
      { typeCode: "TM-FIRE-1", quantity: 2, status: "CLOSED", neededInHours: 1, durationHours: 14, priority: "LIFE_SAFETY" },
      { typeCode: "EQ-TANKER-1", quantity: 3, status: "CLOSED", neededInHours: 1, durationHours: 14 },
      { typeCode: "EX-FIRE-1", quantity: 1, status: "CLOSED", neededInHours: 2, durationHours: 10 },
    ],
  },
];
