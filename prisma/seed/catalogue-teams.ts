import { M, type CatalogueEntry, type MetricDef, type SeedHints } from "./catalogue-types";

/** Rescue and support teams. Levels follow INSARAG-style heavy / medium / light where that applies. */
interface TeamSpec {
  code: string;
  kind: string;
  level: number;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  minimumCriteriaZh: string;
  minimumCriteriaEn: string;
  metrics: MetricDef[];
  credentials?: string[];
  caps: SeedHints["caps"];
  weight: number;
  price?: [number, number];
}

function team(s: TeamSpec): CatalogueEntry {
  return {
    category: "TEAM",
    code: s.code,
    kind: s.kind,
    typeLevel: s.level,
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    descriptionZh: s.descriptionZh,
    descriptionEn: s.descriptionEn,
    minimumCriteriaZh: s.minimumCriteriaZh,
    minimumCriteriaEn: s.minimumCriteriaEn,
    metrics: s.metrics,
    defaultUnit: "team",
    requiredCredentialKinds: s.credentials ?? [],
    seed: {
      caps: s.caps,
      qty: [1, 1],
      price: s.price ?? [5000, 30000],
      paidModes: ["DAILY", "PER_USE"],
      weight: s.weight,
      mobilization: [30, 240],
      speedKmh: 60,
    },
  };
}

export const TEAM_TYPES: CatalogueEntry[] = [
  team({
    code: "TM-WATER-1", kind: "WATER_RESCUE", level: 1, nameZh: "水域救援队（1型）", nameEn: "Water rescue team (type 1)",
    descriptionZh: "可承担城市内涝、洪水与江河湖泊大范围人员搜救转移，配备冲锋舟与激流救援装备。",
    descriptionEn: "Large-area search, rescue and evacuation in urban floods, rivers and lakes, with assault boats and swift-water kit.",
    minimumCriteriaZh: "队员不少于30人，舟艇不少于6艘，持证驾驶员不少于6人，可连续作业72小时。",
    minimumCriteriaEn: "At least 30 members, 6 boats and 6 licensed boat operators; 72 h continuous operation.",
    metrics: [M.members, M.boats, M.selfSufficiency], credentials: ["VESSEL_OPERATOR"],
    caps: { members: [30, 80], boats: [6, 20], self_sufficiency_h: [72, 168, 24] }, weight: 6,
  }),
  team({
    code: "TM-WATER-2", kind: "WATER_RESCUE", level: 2, nameZh: "水域救援队（2型）", nameEn: "Water rescue team (type 2)",
    descriptionZh: "承担街区级内涝救援与被困群众转移。", descriptionEn: "Neighbourhood-scale flood rescue and evacuation of trapped residents.",
    minimumCriteriaZh: "队员不少于15人，舟艇不少于3艘，可连续作业48小时。", minimumCriteriaEn: "At least 15 members and 3 boats; 48 h continuous operation.",
    metrics: [M.members, M.boats, M.selfSufficiency], credentials: ["VESSEL_OPERATOR"],
    caps: { members: [15, 29], boats: [3, 5], self_sufficiency_h: [48, 72, 24] }, weight: 8,
  }),
  team({
    code: "TM-WATER-3", kind: "WATER_RESCUE", level: 3, nameZh: "水域救援队（3型）", nameEn: "Water rescue team (type 3)",
    descriptionZh: "小型水域救援分队，负责积水点巡查与零星救助。", descriptionEn: "Small water-rescue squad for flooded-spot patrols and individual rescues.",
    minimumCriteriaZh: "队员不少于8人，舟艇不少于1艘。", minimumCriteriaEn: "At least 8 members and 1 boat.",
    metrics: [M.members, M.boats, M.selfSufficiency], credentials: ["VESSEL_OPERATOR"],
    caps: { members: [8, 14], boats: [1, 2], self_sufficiency_h: [24, 48, 12] }, weight: 7,
  }),
  team({
    code: "TM-USAR-1", kind: "USAR", level: 1, nameZh: "城市搜救队（重型）", nameEn: "Urban search and rescue team (heavy)",
    descriptionZh: "具备多点位同时作业能力的重型城市搜救队，可处置大型建筑倒塌。", descriptionEn: "Heavy USAR team able to work several collapse sites at once, including large structures.",
    minimumCriteriaZh: "队员不少于60人（含搜索犬、医疗、结构专家），自我保障不少于240小时（10天），可24小时轮班作业。",
    minimumCriteriaEn: "At least 60 members (incl. canine, medical and structural), 240 h (10 days) self-sufficiency, 24 h shifts.",
    metrics: [M.members, M.selfSufficiency], caps: { members: [60, 120], self_sufficiency_h: [240, 360, 24] }, weight: 2, price: [40000, 120000],
  }),
  team({
    code: "TM-USAR-2", kind: "USAR", level: 2, nameZh: "城市搜救队（中型）", nameEn: "Urban search and rescue team (medium)",
    descriptionZh: "可在单一大型倒塌点位开展技术搜救。", descriptionEn: "Technical search and rescue at one large collapse site.",
    minimumCriteriaZh: "队员不少于35人，自我保障不少于168小时（7天）。", minimumCriteriaEn: "At least 35 members; 168 h (7 days) self-sufficiency.",
    metrics: [M.members, M.selfSufficiency], caps: { members: [35, 59], self_sufficiency_h: [168, 240, 24] }, weight: 3, price: [20000, 60000],
  }),
  team({
    code: "TM-USAR-3", kind: "USAR", level: 3, nameZh: "城市搜救队（轻型）", nameEn: "Urban search and rescue team (light)",
    descriptionZh: "负责表层搜救与自建房等小型倒塌的快速处置。", descriptionEn: "Surface search and rapid response to small collapses such as self-built houses.",
    minimumCriteriaZh: "队员不少于15人，自我保障不少于72小时。", minimumCriteriaEn: "At least 15 members; 72 h self-sufficiency.",
    metrics: [M.members, M.selfSufficiency], caps: { members: [15, 34], self_sufficiency_h: [72, 120, 24] }, weight: 5,
  }),
  team({
    code: "TM-MOUNTAIN-1", kind: "MOUNTAIN_RESCUE", level: 1, nameZh: "山地救援队", nameEn: "Mountain rescue team",
    descriptionZh: "负责山区失联人员搜寻、绳索救援与伤员转运。", descriptionEn: "Searches for missing people in hills, performs rope rescue and casualty carries.",
    minimumCriteriaZh: "队员不少于12人，其中绳索技术认证不少于4人，可夜间搜索。", minimumCriteriaEn: "At least 12 members, 4 rope-rescue certified; night search capable.",
    metrics: [M.members, M.selfSufficiency], caps: { members: [12, 40], self_sufficiency_h: [24, 72, 12] }, weight: 3,
  }),
  team({
    code: "TM-HAZMAT-1", kind: "HAZMAT_TEAM", level: 1, nameZh: "危化品处置队（1型）", nameEn: "Hazmat response team (type 1)",
    descriptionZh: "具备侦检、堵漏、输转、洗消全流程能力，可处置重大危化品泄漏。", descriptionEn: "Full detection, plugging, transfer and decontamination capability for major chemical releases.",
    minimumCriteriaZh: "队员不少于25人，A级防化服不少于10套，检测仪器不少于8台。", minimumCriteriaEn: "At least 25 members, 10 level-A suits and 8 detection instruments.",
    metrics: [M.members, M.detectors], credentials: ["HAZMAT_RESPONSE_CERT"], caps: { members: [25, 60], detectors: [8, 30] }, weight: 2, price: [30000, 90000],
  }),
  team({
    code: "TM-HAZMAT-2", kind: "HAZMAT_TEAM", level: 2, nameZh: "危化品处置队（2型）", nameEn: "Hazmat response team (type 2)",
    descriptionZh: "企业或园区专职危化品应急队伍，负责初期处置与警戒。", descriptionEn: "Plant or chemical-park hazmat crew for initial response and cordons.",
    minimumCriteriaZh: "队员不少于10人，检测仪器不少于3台。", minimumCriteriaEn: "At least 10 members and 3 detection instruments.",
    metrics: [M.members, M.detectors], credentials: ["HAZMAT_RESPONSE_CERT"], caps: { members: [10, 24], detectors: [3, 7] }, weight: 4,
  }),
  team({
    code: "TM-MED-1", kind: "MEDICAL_TEAM", level: 1, nameZh: "医疗救援队（1型）", nameEn: "Medical response team (type 1)",
    descriptionZh: "可展开帐篷医院，开展检伤分类、手术与重症转运。", descriptionEn: "Deploys a field hospital with triage, surgery and critical-care transfer.",
    minimumCriteriaZh: "队员不少于30人（医师不少于10人），可展开床位不少于20张。", minimumCriteriaEn: "At least 30 members (10+ physicians) and 20 deployable beds.",
    metrics: [M.members, M.beds], credentials: ["MEDICAL_LICENSE"], caps: { members: [30, 60], beds: [20, 60] }, weight: 3, price: [30000, 80000],
  }),
  team({
    code: "TM-MED-2", kind: "MEDICAL_TEAM", level: 2, nameZh: "医疗救援队（2型）", nameEn: "Medical response team (type 2)",
    descriptionZh: "现场急救与伤员转运小组。", descriptionEn: "On-site first-aid and casualty transport unit.",
    minimumCriteriaZh: "队员不少于10人（医师不少于3人）。", minimumCriteriaEn: "At least 10 members (3+ physicians).",
    metrics: [M.members, M.beds], credentials: ["MEDICAL_LICENSE"], caps: { members: [10, 29], beds: [0, 10] }, weight: 5,
  }),
  team({
    code: "TM-FIRE-1", kind: "FIREFIGHTING", level: 1, nameZh: "消防救援队（1型）", nameEn: "Firefighting team (type 1)",
    descriptionZh: "可处置高层建筑、大型综合体及石化火灾。", descriptionEn: "Handles high-rise, large-complex and petrochemical fires.",
    minimumCriteriaZh: "队员不少于30人，消防车辆不少于5辆（含举高车）。", minimumCriteriaEn: "At least 30 members and 5 fire engines incl. an aerial appliance.",
    metrics: [M.members, M.engines], caps: { members: [30, 70], fire_engines: [5, 12] }, weight: 3,
  }),
  team({
    code: "TM-FIRE-2", kind: "FIREFIGHTING", level: 2, nameZh: "消防救援队（2型）", nameEn: "Firefighting team (type 2)",
    descriptionZh: "专职或企业消防队，处置一般建筑火灾。", descriptionEn: "Full-time or plant fire brigade for ordinary building fires.",
    minimumCriteriaZh: "队员不少于12人，消防车辆不少于2辆。", minimumCriteriaEn: "At least 12 members and 2 fire engines.",
    metrics: [M.members, M.engines], caps: { members: [12, 29], fire_engines: [2, 4] }, weight: 5,
  }),
  team({
    code: "TM-POWER-1", kind: "POWER_RESTORATION", level: 1, nameZh: "电力抢修队", nameEn: "Power restoration crew",
    descriptionZh: "负责配电网抢修、临时供电接入与重要用户保电。", descriptionEn: "Repairs distribution lines, connects temporary supply and keeps priority users powered.",
    minimumCriteriaZh: "队员不少于20人（持电工证），抢修车辆不少于4辆。", minimumCriteriaEn: "At least 20 licensed electricians and 4 repair vehicles.",
    metrics: [M.members, M.vehicles], credentials: ["ELECTRICIAN_LICENSE"], caps: { members: [20, 60], vehicles: [4, 15] }, weight: 4,
  }),
  team({
    code: "TM-COMMS-1", kind: "COMMS_SUPPORT", level: 1, nameZh: "通信保障队", nameEn: "Communications support team",
    descriptionZh: "架设卫星、短波与应急基站，恢复现场指挥通信。", descriptionEn: "Sets up satellite, HF and portable base stations to restore command communications.",
    minimumCriteriaZh: "队员不少于10人，通信保障车不少于2辆。", minimumCriteriaEn: "At least 10 members and 2 communications vehicles.",
    metrics: [M.members, M.vehicles], caps: { members: [10, 30], vehicles: [2, 6] }, weight: 3,
  }),
  team({
    code: "TM-DRONE-1", kind: "DRONE_SQUAD", level: 1, nameZh: "无人机侦察分队", nameEn: "Drone reconnaissance squad",
    descriptionZh: "开展灾情航拍侦察、热成像搜救与通信中继。", descriptionEn: "Aerial damage reconnaissance, thermal search and airborne relay.",
    minimumCriteriaZh: "队员不少于6人（持民航局无人机执照），无人机不少于4架。", minimumCriteriaEn: "At least 6 members with CAAC UAS licences and 4 drones.",
    metrics: [M.members, M.drones], credentials: ["CAAC_UAS_LICENSE"], caps: { members: [6, 20], drones: [4, 16] }, weight: 4,
  }),
  team({
    code: "TM-VOL-1", kind: "VOLUNTEER_RESCUE", level: 1, nameZh: "社会应急救援队（1型）", nameEn: "Volunteer rescue team (type 1)",
    descriptionZh: "在民政部门登记的社会应急力量（蓝天救援队类），具备水域、山地与城市综合救援能力。",
    descriptionEn: "Registered civil-society rescue organisation (Blue Sky Rescue style) with water, mountain and urban skills.",
    minimumCriteriaZh: "登记队员不少于40人，每次可出勤不少于15人，年度参与救援不少于10次。",
    minimumCriteriaEn: "At least 40 registered members, 15 deployable per call-out, 10+ rescues a year.",
    metrics: [M.members, M.deployments], caps: { members: [40, 150], deployments: [10, 80] }, weight: 6,
  }),
  team({
    code: "TM-VOL-2", kind: "VOLUNTEER_RESCUE", level: 2, nameZh: "社会应急救援队（2型）", nameEn: "Volunteer rescue team (type 2)",
    descriptionZh: "社区级志愿救援队，负责转移安置、物资搬运与秩序维护。", descriptionEn: "Community volunteer team for evacuation, shelter support, loading and crowd control.",
    minimumCriteriaZh: "登记队员不少于15人。", minimumCriteriaEn: "At least 15 registered members.",
    metrics: [M.members, M.deployments], caps: { members: [15, 39], deployments: [0, 15] }, weight: 8,
  }),
  team({
    code: "TM-FOREST-1", kind: "FOREST_FIRE_TEAM", level: 1, nameZh: "森林扑火队", nameEn: "Forest firefighting crew",
    descriptionZh: "专业或半专业扑火队，配备风力灭火机与水泵。", descriptionEn: "Professional or semi-professional wildfire crew with blowers and portable pumps.",
    minimumCriteriaZh: "队员不少于30人，可连续作业48小时。", minimumCriteriaEn: "At least 30 members; 48 h continuous operation.",
    metrics: [M.members, M.selfSufficiency], caps: { members: [30, 80], self_sufficiency_h: [48, 96, 24] }, weight: 2,
  }),
  team({
    code: "TM-EPI-1", kind: "EPIDEMIC_CONTROL_TEAM", level: 1, nameZh: "卫生防疫队", nameEn: "Disease-control team",
    descriptionZh: "开展灾后环境消杀、水质检测与流行病学调查。", descriptionEn: "Post-disaster disinfection, water testing and outbreak investigation.",
    minimumCriteriaZh: "队员不少于10人，含检验人员不少于2人。", minimumCriteriaEn: "At least 10 members including 2 lab technicians.",
    metrics: [M.members, M.detectors], credentials: ["MEDICAL_LICENSE"], caps: { members: [10, 30], detectors: [2, 10] }, weight: 3,
  }),
  team({
    code: "TM-ENG-1", kind: "ENGINEERING_RESCUE", level: 1, nameZh: "工程抢险突击队", nameEn: "Engineering emergency crew",
    descriptionZh: "负责堤防抢险、道路抢通与管涌封堵。", descriptionEn: "Dike reinforcement, road clearance and piping/boil sealing.",
    minimumCriteriaZh: "队员不少于30人，工程车辆不少于5辆。", minimumCriteriaEn: "At least 30 members and 5 engineering vehicles.",
    metrics: [M.members, M.vehicles], caps: { members: [30, 100], vehicles: [5, 20] }, weight: 4,
  }),
];
