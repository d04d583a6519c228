/**
 * The relevance table: queries over the demo seed's listings and what counts as a right answer (a listing of one
 * of these catalogue types, optionally in a region or with a title containing a string). Used by the contract
 * suite for every engine; recall@10, MRR and the zero-result rate are computed by relevanceFigures.
 */
export type RelevanceCase = {
  q: string;
  group: "chinese" | "english" | "mixed" | "pinyin" | "initials" | "typo" | "synonym" | "substring";
  types?: string[];
  titleIncludes?: string;
  regionPrefix?: string;
};

const PUMPS = ["EQ-PUMP-1", "EQ-PUMP-2", "EQ-PUMP-3"];
const BOATS = ["EQ-BOAT-1", "EQ-BOAT-2"];
const DRONES = ["EQ-DRONE-1", "EQ-DRONE-2", "SV-DRONEMAP", "TM-DRONE-1"];
const GENS = ["EQ-GEN-1", "EQ-GEN-2", "EQ-GEN-3"];
const EXCAV = ["EQ-EXCAV-1", "EQ-EXCAV-2"];
const AMB = ["EQ-AMB-1", "EQ-AMB-2"];
const CRANES = ["EQ-CRANE-1", "EQ-CRANE-2"];
const HAZMAT = ["TM-HAZMAT-1", "TM-HAZMAT-2", "EX-HAZMAT-1", "EX-HAZMAT-2"];

export const RELEVANCE_TABLE: RelevanceCase[] = [
  // Chinese
  { q: "排涝泵车", group: "chinese", types: ["EQ-PUMP-1"] },
  { q: "龙吸水", group: "chinese", types: ["EQ-PUMP-1"] },
  { q: "冲锋舟", group: "chinese", types: ["EQ-BOAT-1"] },
  { q: "橡皮艇", group: "chinese", types: ["EQ-BOAT-2"] },
  { q: "无人机", group: "chinese", types: DRONES },
  { q: "发电机", group: "chinese", types: GENS },
  { q: "救护车", group: "chinese", types: AMB },
  { q: "挖掘机", group: "chinese", types: EXCAV },
  { q: "防汛沙袋", group: "chinese", types: ["MT-SANDBAG"] },
  { q: "救灾帐篷", group: "chinese", types: ["MT-TENT-1", "MT-TENT-2"] },
  { q: "防汛专家", group: "chinese", types: ["EX-HYDRO-1", "EX-HYDRO-2"] },
  { q: "地质灾害专家", group: "chinese", types: ["EX-GEO-1", "EX-GEO-2"] },
  { q: "水域救援队", group: "chinese", types: ["TM-WATER-1", "TM-WATER-2", "TM-WATER-3"] },
  { q: "城市搜救队", group: "chinese", types: ["TM-USAR-1", "TM-USAR-2", "TM-USAR-3"] },
  { q: "救生衣", group: "chinese", types: ["MT-LIFEJACKET"] },
  { q: "卫星通信", group: "chinese", types: ["EQ-SATCOM-1"] },
  { q: "炊事车", group: "chinese", types: ["EQ-KITCHEN-1"] },
  { q: "危化品", group: "chinese", types: HAZMAT },
  // English
  { q: "pump", group: "english", types: PUMPS },
  { q: "assault boat", group: "english", types: ["EQ-BOAT-1"] },
  { q: "excavator", group: "english", types: EXCAV },
  { q: "ambulance", group: "english", types: AMB },
  { q: "sandbags", group: "english", types: ["MT-SANDBAG"] },
  { q: "life jackets", group: "english", types: ["MT-LIFEJACKET"] },
  { q: "mobile crane", group: "english", types: CRANES },
  { q: "generator", group: "english", types: GENS },
  // mixed
  { q: "GIS 标绘", group: "mixed", types: ["SV-GIS"] },
  { q: "drone 航测", group: "mixed", types: ["SV-DRONEMAP"] },
  { q: "冲锋舟 秦淮区", group: "mixed", types: ["EQ-BOAT-1"], regionPrefix: "320104" },
  // pinyin
  { q: "chongfengzhou", group: "pinyin", types: ["EQ-BOAT-1"] },
  { q: "longxishui", group: "pinyin", types: ["EQ-PUMP-1"] },
  { q: "wurenji", group: "pinyin", types: DRONES },
  { q: "jiuhuche", group: "pinyin", types: AMB },
  { q: "wajueji", group: "pinyin", types: EXCAV },
  // initials
  { q: "cfz", group: "initials", types: ["EQ-BOAT-1"] },
  { q: "lxs", group: "initials", types: ["EQ-PUMP-1"] },
  { q: "wrj", group: "initials", types: DRONES },
  // typos
  { q: "generatr", group: "typo", types: GENS },
  { q: "excavtor", group: "typo", types: EXCAV },
  { q: "ambulanse", group: "typo", types: AMB },
  { q: "chongfengzou", group: "typo", types: ["EQ-BOAT-1"] },
  // synonyms
  { q: "抽水泵", group: "synonym", types: PUMPS },
  { q: "抽水", group: "synonym", types: PUMPS },
  { q: "boat", group: "synonym", types: BOATS },
  { q: "UAV", group: "synonym", types: DRONES },
  { q: "吊车", group: "synonym", types: CRANES },
  { q: "挖机", group: "synonym", types: EXCAV },
  { q: "hazmat", group: "synonym", types: HAZMAT },
  // substrings
  { q: "处理", group: "substring", titleIncludes: "处理" },
  { q: "吸水", group: "substring", types: ["EQ-PUMP-1"] },
  { q: "泵", group: "substring", types: PUMPS },
  { q: "净水", group: "substring", types: ["EQ-PURIFY-1"] },
];

export type ListingTruth = { typeCode: string; title: string; regionCode: string };

export function isRelevant(c: RelevanceCase, l: ListingTruth | undefined): boolean {
  if (!l) return false;
  if (c.types && !c.types.includes(l.typeCode)) return false;
  if (c.titleIncludes && !l.title.includes(c.titleIncludes)) return false;
  if (c.regionPrefix && !l.regionCode.startsWith(c.regionPrefix)) return false;
  return true;
}

export type CaseResult = { q: string; total: number; relevantInTop10: number; expectedInTop10: number; firstRelevantRank: number | null };

export type RelevanceFigures = { queries: number; recallAt10: number; mrr: number; zeroResultRate: number; misses: string[] };

/** recall@10 = relevant in the top 10 / min(10, relevant listings in the data); MRR = mean 1/rank of the first relevant hit. */
export function relevanceFigures(results: CaseResult[]): RelevanceFigures {
  const n = results.length;
  const recall = results.reduce((s, r) => s + (r.expectedInTop10 === 0 ? 1 : r.relevantInTop10 / r.expectedInTop10), 0) / n;
  const mrr = results.reduce((s, r) => s + (r.firstRelevantRank ? 1 / r.firstRelevantRank : 0), 0) / n;
  const zero = results.filter((r) => r.total === 0).length / n;
  return { queries: n, recallAt10: recall, mrr, zeroResultRate: zero, misses: results.filter((r) => r.relevantInTop10 === 0).map((r) => r.q) };
}
