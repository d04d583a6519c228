/**
 * Domain words that must stay whole when Chinese is cut (jieba's user dictionary here, Meilisearch's
 * `dictionary` setting there), so both engines cut the catalogue's terms alike. Taken from the catalogue
 * (prisma/seed/catalogue-*.ts) and the words requesters use for them.
 */
export const DOMAIN_TERMS: readonly string[] = [
  // equipment
  "排涝泵车", "龙吸水", "排涝泵站", "排涝泵", "排水泵", "抽水泵", "泵车", "冲锋舟", "橡皮艇", "发电车", "发电机组", "发电机",
  "照明灯塔", "系留无人机", "侦察无人机", "无人机", "卫星通信", "便携站", "挖掘机", "起重机", "汽车起重机", "救护车",
  "净水设备", "炊事车", "冷链运输车", "供水车", "自卸运输车", "气体检测仪", "多气体检测仪",
  // experts and services
  "防汛", "水文", "地质灾害", "危险化学品", "危化品", "结构工程", "急诊医学", "消防技术", "矿山安全", "气象预报", "电网运行",
  "应急通信", "心理危机干预", "流行病学", "森林防火", "航测制图", "遥感影像", "组网服务", "结构安全监测", "态势标绘",
  "应急物流", "仓储服务", "心理援助", "援助热线", "语言服务",
  // materials
  "防汛沙袋", "沙袋", "救灾帐篷", "帐篷", "救生衣", "饮用水", "方便食品", "急救包", "棉被", "毛毯", "消毒剂", "篷布", "折叠床",
  "柴油", "防护服", "抢险块石",
  // teams
  "水域救援队", "城市搜救队", "山地救援队", "危化品处置队", "医疗救援队", "消防救援队", "电力抢修队", "通信保障队",
  "无人机侦察分队", "社会应急救援队", "森林扑火队", "卫生防疫队", "工程抢险突击队", "救援队", "搜救队",
  // knights and incidents
  "骑士配送", "骑士跑腿", "骑士巡查", "应急骑士", "内涝", "城市内涝", "下穿隧道",
];

/** jieba's user-dictionary text: "word frequency" lines; a high frequency keeps the word whole. */
export function jiebaUserDict(): string {
  return DOMAIN_TERMS.map((w) => `${w} 200000 n`).join("\n") + "\n";
}
