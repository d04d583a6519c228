import type { TSearchRequestInput } from "@/lib/schemas/search";

/**
 * The benchmark's query mix over the seed's catalogue words: Chinese, English and pinyin text, text with facets
 * (category, region), and text near a point (geo radius + distance sort). The ILIKE comparison runs every
 * one of them, as today's browse box would (pinyin included: it finds nothing there, after a full scan).
 */
export type BenchQuery = { label: string; group: "zh" | "en" | "pinyin" | "facet" | "geo"; request: TSearchRequestInput };

const NANJING = { lat: 32.06, lng: 118.79 };
const SUZHOU = { lat: 31.3, lng: 120.62 };

const zh = ["排涝泵车", "冲锋舟", "发电机", "救援队", "沙袋", "无人机", "危化品", "医疗救援", "帐篷", "照明", "抽水泵", "搜救犬", "水域救援", "通信保障", "消防", "挖掘机"];
const en = ["pump", "boat", "generator", "rescue team", "sandbags", "drone", "hazmat", "medical", "tent", "lighting"];
const pinyin = ["chongfengzhou", "cfz", "fadianji", "wurenji", "paolao", "zhangpeng"];

export function benchQueries(): BenchQuery[] {
  const out: BenchQuery[] = [];
  for (const q of zh) out.push({ label: q, group: "zh", request: { q } });
  for (const q of en) out.push({ label: q, group: "en", request: { q } });
  for (const q of pinyin) out.push({ label: q, group: "pinyin", request: { q } });
  const facets: Array<[string, TSearchRequestInput]> = [
    ["排涝泵车 · EQUIPMENT", { q: "排涝泵车", category: "EQUIPMENT" }],
    ["救援队 · TEAM · 南京", { q: "救援队", category: "TEAM", region: "320100" }],
    ["沙袋 · 苏州 · available", { q: "沙袋", region: "320500", available: true }],
    ["generator · verified", { q: "generator", verified: true }],
    ["冲锋舟 · kinds resource", { q: "冲锋舟", kinds: ["resource"] }],
    ["帐篷 · MATERIAL · 无锡", { q: "帐篷", category: "MATERIAL", region: "320200" }],
  ];
  for (const [label, request] of facets) out.push({ label, group: "facet", request });
  const geo: Array<[string, TSearchRequestInput]> = [
    ["排涝泵车 ≤ 30 km 南京", { q: "排涝泵车", near: NANJING, radiusKm: 30 }],
    ["冲锋舟 ≤ 50 km 苏州", { q: "冲锋舟", near: SUZHOU, radiusKm: 50 }],
    ["发电机 near 南京", { q: "发电机", near: NANJING }],
    ["drone ≤ 20 km 南京", { q: "drone", near: NANJING, radiusKm: 20 }],
    ["救援队 ≤ 10 km 南京", { q: "救援队", near: NANJING, radiusKm: 10 }],
  ];
  for (const [label, request] of geo) out.push({ label, group: "geo", request });
  return out;
}
