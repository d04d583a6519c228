import { CITIES, NANJING_DISTRICTS } from "./places";

/**
 * The hand-written organisations of the demo. Names other than the public emergency-management bureaus
 * are fictional (realistic-sounding, not real companies or teams).
 */
export type OrgKindName = "GOVERNMENT" | "ENTERPRISE" | "RESCUE_TEAM" | "SOCIAL_FORCE" | "RESEARCH";

export interface OrgSpec {
  /** ASCII handle: email domain part and stable reference in code. */
  slug: string;
  name: string;
  nameEn: string;
  kind: OrgKindName;
  regionCode: string;
  industryZh?: string;
  verification?: "VERIFIED" | "PENDING" | "REJECTED";
  rejectionReason?: string;
  requiresNeedApproval?: boolean;
}

const GOVERNMENT: OrgSpec[] = [
  { slug: "js-yjt", name: "江苏省应急管理厅", nameEn: "Jiangsu Provincial Department of Emergency Management", kind: "GOVERNMENT", regionCode: "320000" },
  ...CITIES.map((c): OrgSpec => ({
    slug: `${c.nameEn.toLowerCase().replace(/[^a-z]/g, "")}-yjj`,
    name: `${c.nameZh}应急管理局`,
    nameEn: `${c.nameEn} Emergency Management Bureau`,
    kind: "GOVERNMENT",
    regionCode: c.code,
  })),
  ...NANJING_DISTRICTS.map((d): OrgSpec => ({
    slug: `nj-${d.nameEn.toLowerCase()}-yjj`,
    name: `南京市${d.nameZh}应急管理局`,
    nameEn: `${d.nameEn} District Emergency Management Bureau, Nanjing`,
    kind: "GOVERNMENT",
    regionCode: d.code,
    // Some district bureaus route needs posted by members through an approval step.
    requiresNeedApproval: ["320115", "320111", "320117"].includes(d.code),
  })),
  { slug: "nj-swj", name: "南京市水务局", nameEn: "Nanjing Water Affairs Bureau", kind: "GOVERNMENT", regionCode: "320100" },
  { slug: "nj-wjw", name: "南京市卫生健康委员会", nameEn: "Nanjing Municipal Health Commission", kind: "GOVERNMENT", regionCode: "320100" },
  { slug: "nj-jbxq", name: "南京江北新区应急管理局", nameEn: "Nanjing Jiangbei New Area Emergency Management Bureau", kind: "GOVERNMENT", regionCode: "320111" },
];

const E = (slug: string, name: string, nameEn: string, regionCode: string, industryZh: string, extra: Partial<OrgSpec> = {}): OrgSpec => ({
  slug, name, nameEn, kind: "ENTERPRISE", regionCode, industryZh, ...extra,
});

const ENTERPRISES: OrgSpec[] = [
  E("ningjian", "南京宁建工程集团有限公司", "Nanjing Ningjian Engineering Group Co., Ltd.", "320115", "建筑施工"),
  E("huali-rental", "南京华力机械设备租赁有限公司", "Nanjing Huali Machinery Rental Co., Ltd.", "320113", "设备租赁"),
  E("sutong-logistics", "江苏苏通物流有限公司", "Jiangsu Sutong Logistics Co., Ltd.", "320111", "物流运输"),
  E("yifei-uav", "南京翼飞无人机科技有限公司", "Nanjing Yifei UAV Technology Co., Ltd.", "320114", "无人机"),
  E("kangrui-pharma", "江苏康瑞医药有限公司", "Jiangsu Kangrui Pharmaceutical Co., Ltd.", "320106", "医药流通"),
  E("lianxun-telecom", "江苏联讯通信技术有限公司", "Jiangsu Lianxun Communications Technology Co., Ltd.", "320102", "通信"),
  E("jinling-power", "南京金陵电力工程有限公司", "Nanjing Jinling Power Engineering Co., Ltd.", "320104", "电力工程"),
  E("anda-pump", "南京安达排水设备有限公司", "Nanjing Anda Drainage Equipment Co., Ltd.", "320105", "排涝设备"),
  E("subao-food", "江苏苏膳餐饮管理有限公司", "Jiangsu Sushan Catering Management Co., Ltd.", "320106", "餐饮保障"),
  E("hengtong-crane", "南京恒通吊装工程有限公司", "Nanjing Hengtong Lifting Engineering Co., Ltd.", "320116", "吊装工程"),
  E("lvyuan-water", "江苏绿源水处理科技有限公司", "Jiangsu Lvyuan Water Treatment Technology Co., Ltd.", "320117", "水处理"),
  E("tianmu-geo", "南京天目地理信息有限公司", "Nanjing Tianmu Geoinformatics Co., Ltd.", "320102", "地理信息"),
  E("xingtu-sat", "江苏星图遥感科技有限公司", "Jiangsu Xingtu Remote Sensing Technology Co., Ltd.", "320115", "卫星遥感"),
  E("huaning-medical", "南京华宁医疗器械有限公司", "Nanjing Huaning Medical Devices Co., Ltd.", "320113", "医疗器械"),
  E("anxin-material", "江苏安信应急物资有限公司", "Jiangsu Anxin Emergency Supplies Co., Ltd.", "320118", "应急物资"),
  E("xiyun-cold", "南京喜运冷链物流有限公司", "Nanjing Xiyun Cold-Chain Logistics Co., Ltd.", "320111", "冷链物流"),
  E("zhongjian-su", "苏州中建恒远建设有限公司", "Suzhou Zhongjian Hengyuan Construction Co., Ltd.", "320500", "建筑施工"),
  E("wuxi-jixie", "无锡锡工机械租赁有限公司", "Wuxi Xigong Machinery Rental Co., Ltd.", "320200", "设备租赁"),
  E("xz-kuangshan", "徐州彭矿安全装备有限公司", "Xuzhou Pengkuang Safety Equipment Co., Ltd.", "320300", "矿山装备"),
  E("cz-longcheng", "常州龙城工程机械有限公司", "Changzhou Longcheng Construction Machinery Co., Ltd.", "320400", "工程机械"),
  E("nt-jianghai", "南通江海港口物流有限公司", "Nantong Jianghai Port Logistics Co., Ltd.", "320600", "物流运输"),
  E("lyg-haiyun", "连云港海韵船舶服务有限公司", "Lianyungang Haiyun Marine Services Co., Ltd.", "320700", "船舶服务"),
  E("ha-qinghe", "淮安清河医药连锁有限公司", "Huai'an Qinghe Pharmacy Chain Co., Ltd.", "320800", "医药流通", { verification: "PENDING" }),
  E("yc-hexiang", "盐城鹤乡纺织用品有限公司", "Yancheng Hexiang Textiles Co., Ltd.", "320900", "纺织用品"),
  E("yz-yunhe", "扬州运河电力设备有限公司", "Yangzhou Yunhe Power Equipment Co., Ltd.", "321000", "电力设备"),
  E("zj-jinshan", "镇江金山化工有限公司", "Zhenjiang Jinshan Chemical Co., Ltd.", "321100", "化工"),
  E("tz-fengcheng", "泰州凤城食品有限公司", "Taizhou Fengcheng Foods Co., Ltd.", "321200", "食品"),
  E("sq-xiangyu", "宿迁项宇建设工程有限公司", "Suqian Xiangyu Construction Co., Ltd.", "321300", "建筑施工"),
  E("sz-feiyu", "苏州飞羽智能航空有限公司", "Suzhou Feiyu Intelligent Aviation Co., Ltd.", "320500", "无人机", { verification: "PENDING" }),
  E("wx-taihu-tel", "无锡太湖信通科技有限公司", "Wuxi Taihu Xintong Technology Co., Ltd.", "320200", "通信"),
  E("nj-jiangbei-chem", "南京江北化工园区公用服务有限公司", "Nanjing Jiangbei Chemical Park Utilities Co., Ltd.", "320111", "化工园区服务"),
  E("nj-yuntu-net", "南京云途网络科技有限公司", "Nanjing Yuntu Network Technology Co., Ltd.", "320105", "信息技术", { verification: "PENDING" }),
  E("nj-xiaoxiang", "南京小象同城配送有限公司", "Nanjing Xiaoxiang Same-City Delivery Co., Ltd.", "320104", "同城配送"),
  E("nj-huayu-lang", "南京华语通翻译服务有限公司", "Nanjing Huayutong Translation Services Co., Ltd.", "320102", "语言服务"),
  E("nj-xinan-psy", "南京心安心理咨询有限公司", "Nanjing Xin'an Psychological Counselling Co., Ltd.", "320106", "心理服务"),
  E("nj-jiance", "南京建科结构检测有限公司", "Nanjing Jianke Structural Testing Co., Ltd.", "320114", "结构检测"),
  // Pending / rejected applicants.
  E("nj-tengda", "南京腾达应急装备有限公司", "Nanjing Tengda Emergency Equipment Co., Ltd.", "320113", "应急装备", { verification: "PENDING" }),
  E("sz-ruifeng", "苏州瑞丰物资贸易有限公司", "Suzhou Ruifeng Materials Trading Co., Ltd.", "320500", "物资贸易", { verification: "PENDING" }),
  E("nj-jiayuan", "南京嘉元设备租赁有限公司", "Nanjing Jiayuan Equipment Rental Co., Ltd.", "320116", "设备租赁", { verification: "PENDING" }),
  E("cz-xinghang", "常州星航无人机服务有限公司", "Changzhou Xinghang Drone Services Co., Ltd.", "320400", "无人机", { verification: "PENDING" }),
  E("wx-minghui", "无锡明辉商贸有限公司", "Wuxi Minghui Trading Co., Ltd.", "320200", "商贸", {
    verification: "REJECTED", rejectionReason: "统一社会信用代码与上传的营业执照不一致，请核对后重新提交。",
  }),
  E("nj-kuaijie", "南京快捷搬运服务部", "Nanjing Kuaijie Moving Services", "320114", "搬运", {
    verification: "REJECTED", rejectionReason: "经营范围与应急资源供给无关，且未提供设备权属证明。",
  }),
];

const R = (slug: string, name: string, nameEn: string, regionCode: string, extra: Partial<OrgSpec> = {}): OrgSpec => ({
  slug, name, nameEn, kind: "RESCUE_TEAM", regionCode, ...extra,
});

const RESCUE_TEAMS: OrgSpec[] = [
  R("nj-water-rescue", "南京市水上应急救援大队", "Nanjing Water Emergency Rescue Brigade", "320106"),
  R("nj-chem-fire", "南京江北化工园区专职消防救援队", "Nanjing Jiangbei Chemical Park Fire and Rescue Brigade", "320111"),
  R("nj-usar", "南京市城市搜救支队", "Nanjing Urban Search and Rescue Detachment", "320115"),
  R("nj-med-team", "南京市紧急医学救援队", "Nanjing Emergency Medical Rescue Team", "320102"),
  R("js-power-team", "江苏电网应急抢修中心南京分队", "Jiangsu Grid Emergency Repair Centre, Nanjing Unit", "320104"),
  R("js-comms-team", "江苏省应急通信保障总队", "Jiangsu Emergency Communications Support Corps", "320105"),
  R("xz-mine-rescue", "徐州矿山救护大队", "Xuzhou Mine Rescue Brigade", "320300"),
  R("sz-usar", "苏州市城市搜救队", "Suzhou Urban Search and Rescue Team", "320500"),
  R("wx-hazmat", "无锡市危化品应急救援中心", "Wuxi Hazardous Chemicals Emergency Response Centre", "320200"),
  R("nt-water", "南通市长江水上救援队", "Nantong Yangtze Water Rescue Team", "320600"),
  R("lishui-forest", "南京市溧水区森林消防大队", "Lishui District Forest Fire Brigade, Nanjing", "320117"),
  R("yz-medical", "扬州市紧急医疗救援中心", "Yangzhou Emergency Medical Rescue Centre", "321000"),
  R("zj-engineering", "镇江市防汛机动抢险队", "Zhenjiang Flood-Control Mobile Repair Team", "321100"),
  R("lyg-mountain", "连云港花果山山地救援队", "Lianyungang Huaguoshan Mountain Rescue Team", "320700", { verification: "PENDING" }),
];

const S = (slug: string, name: string, nameEn: string, regionCode: string, extra: Partial<OrgSpec> = {}): OrgSpec => ({
  slug, name, nameEn, kind: "SOCIAL_FORCE", regionCode, ...extra,
});

const SOCIAL_FORCES: OrgSpec[] = [
  S("nj-kunpeng", "南京鲲鹏应急救援服务中心", "Nanjing Kunpeng Emergency Rescue Service Centre", "320106"),
  S("jn-tianshi", "南京市江宁区天使志愿救援队", "Jiangning Angel Volunteer Rescue Team, Nanjing", "320115"),
  S("pk-xiongying", "南京市浦口区雄鹰救援队", "Pukou Eagle Rescue Team, Nanjing", "320111"),
  S("qh-jinling", "南京金陵红蓝志愿救援队", "Nanjing Jinling Red-Blue Volunteer Rescue Team", "320104"),
  S("cz-longcheng-vol", "常州龙城应急救援队", "Changzhou Longcheng Emergency Rescue Team", "320400"),
  S("nt-jianghai-vol", "南通江海救援队", "Nantong Jianghai Rescue Team", "320600"),
  S("yz-yunhe-vol", "扬州运河救援队", "Yangzhou Grand Canal Rescue Team", "321000"),
  S("xz-pengcheng", "徐州彭城救援队", "Xuzhou Pengcheng Rescue Team", "320300"),
  S("zj-jinshan-vol", "镇江金山志愿救援队", "Zhenjiang Jinshan Volunteer Rescue Team", "321100"),
  S("yc-hexiang-vol", "盐城鹤乡应急救援队", "Yancheng Hexiang Emergency Rescue Team", "320900"),
  S("ha-feiying", "淮安飞鹰救援队", "Huai'an Flying Eagle Rescue Team", "320800"),
  S("sq-xuefeng", "宿迁雪枫救援队", "Suqian Xuefeng Rescue Team", "321300"),
  S("sz-shuguang", "苏州曙光救援队", "Suzhou Dawn Rescue Team", "320500"),
  S("nj-gaochun-vol", "南京市高淳区固城湖志愿救援队", "Gaochun Guchenghu Volunteer Rescue Team, Nanjing", "320118", { verification: "PENDING" }),
  S("tz-fengcheng-vol", "泰州凤城志愿救援队", "Taizhou Fengcheng Volunteer Rescue Team", "321200", { verification: "PENDING" }),
  S("wx-xishan-vol", "无锡锡山志愿服务队", "Wuxi Xishan Volunteer Service Team", "320200", {
    verification: "REJECTED", rejectionReason: "未提供民政部门登记证书，无法核实社会组织身份。",
  }),
];

const X = (slug: string, name: string, nameEn: string, regionCode: string, extra: Partial<OrgSpec> = {}): OrgSpec => ({
  slug, name, nameEn, kind: "RESEARCH", regionCode, ...extra,
});

const RESEARCH: OrgSpec[] = [
  X("hydro-inst", "南京江河水文水资源研究院", "Nanjing Institute of River Hydrology and Water Resources", "320106"),
  X("jinling-tech", "金陵理工大学应急管理学院", "Jinling University of Technology, School of Emergency Management", "320113"),
  X("js-geo-inst", "江苏地质工程勘察研究院", "Jiangsu Institute of Geological Engineering Survey", "320105"),
  X("southeast-civil", "东南土木工程研究院", "Southeast Institute of Civil Engineering", "320102"),
  X("nj-meteo-inst", "南京气象科学研究所", "Nanjing Institute of Meteorological Science", "320114"),
  X("js-chem-safety", "江苏化工安全研究院", "Jiangsu Institute of Chemical Process Safety", "320111"),
  X("nj-emed-centre", "南京急救医学研究中心", "Nanjing Emergency Medicine Research Centre", "320102"),
  X("sz-rs-inst", "苏州遥感信息研究所", "Suzhou Institute of Remote Sensing Information", "320500"),
  X("js-psy-centre", "江苏心理危机干预研究中心", "Jiangsu Centre for Crisis Psychology Research", "320106"),
  X("js-epi-inst", "江苏公共卫生与流行病学研究所", "Jiangsu Institute of Public Health and Epidemiology", "320104"),
  X("xz-mine-univ", "彭城矿业大学安全工程学院", "Pengcheng Mining University, School of Safety Engineering", "320300"),
  X("js-power-inst", "江苏电力科学研究所", "Jiangsu Electric Power Research Institute", "320102", { verification: "PENDING" }),
];

export const ORG_SPECS: OrgSpec[] = [...GOVERNMENT, ...ENTERPRISES, ...RESCUE_TEAMS, ...SOCIAL_FORCES, ...RESEARCH];

/** Short display name for titles ("南京宁建工程集团有限公司" → "宁建工程"). */
export function shortOrgName(name: string): string {
  const s = name
    .replace(/^(江苏省?|南京市?|苏州|无锡|徐州|常州|南通|连云港|淮安|盐城|扬州|镇江|泰州|宿迁)/, "")
    .replace(/(集团)?(股份)?有限公司$|服务部$/, "");
  return s.length >= 2 ? s : name;
}
