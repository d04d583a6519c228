import type { CatalogueEntry } from "./catalogue-types";

/** Display words for listing titles (titles are data, so they are written in both languages here). */
const UNIT_ZH: Record<string, string> = {
  bag: "袋", tent: "顶", piece: "件", case: "箱", kit: "包", L: "升", set: "套", m3: "方", vehicle: "辆", boat: "艘",
  unit: "台", team: "支", person: "人", service: "项", rider: "名骑手",
};
const UNIT_EN: Record<string, string> = {
  bag: "bags", tent: "tents", piece: "pcs", case: "cases", kit: "kits", L: "L", set: "sets", m3: "m³", vehicle: "vehicles",
  boat: "boats", unit: "units", team: "team", person: "person", service: "service", rider: "riders",
};
const METRIC_UNIT: Record<string, [string, string]> = {
  "m3/h": ["m³/h", "m³/h"], persons: ["人", "people"], seats: ["座", "seats"], years: ["年", "yrs"], kW: ["kW", "kW"],
  t: ["吨", "t"], m: ["米", "m"], min: ["分钟", "min"], kg: ["公斤", "kg"], Mbps: ["Mbps", "Mbps"], m3: ["m³", "m³"],
  m2: ["m²", "m²"], boats: ["艘", "boats"], beds: ["床", "beds"], drones: ["架", "drones"], vehicles: ["辆", "vehicles"],
  "km2/day": ["km²/天", "km²/day"], users: ["", "users"], stretchers: ["个", "stretchers"], sensors: ["个传感器", "sensors"], gases: ["种气体", "gases"],
  "meals/h": ["份/小时", "meals/h"], W: ["W", "W"], hp: ["马力", "hp"], h: ["小时", "h"], N: ["N", "N"],
  L: ["升/箱", "L/case"], servings: ["份/箱", "servings/case"], items: ["件/包", "items/kit"], languages: ["语种", "languages"],
  units: ["台", "units"], times: ["次", "times"],
};

export function unitZh(unit: string): string {
  return UNIT_ZH[unit] ?? unit;
}

export function unitEn(unit: string): string {
  return UNIT_EN[unit] ?? unit;
}

/** "1500 m³/h" for the type's first metric, or null when the type has no metrics. */
export function headlineCapability(entry: CatalogueEntry, caps: Record<string, number>): { zh: string; en: string } | null {
  const m = entry.metrics[0];
  if (!m || caps[m.key] === undefined) return null;
  const [zh, en] = METRIC_UNIT[m.unit] ?? [m.unit, m.unit];
  const v = caps[m.key];
  return { zh: `${m.labelZh}${v}${zh}`, en: `${v} ${en}` };
}

/** Strips the "(type n)" suffix for compact titles; the level is shown separately where it matters. */
function baseName(name: string): string {
  return name.replace(/（[^）]*）$/, "").replace(/ \(type \d\)$/, "");
}

export interface TitleInput {
  entry: CatalogueEntry;
  caps: Record<string, number>;
  quantity: number;
  ownerShortName: string;
  personName?: string;
  placeZh: string;
  placeEn: string;
}

export function listingTitles(t: TitleInput): { zh: string; en: string } {
  const { entry } = t;
  const head = headlineCapability(entry, t.caps);
  switch (entry.category) {
    case "EXPERT":
      return { zh: `${t.personName} · ${entry.nameZh}`, en: `${t.personName} · ${entry.nameEn}` };
    case "TEAM":
      return { zh: `${t.ownerShortName} · ${entry.nameZh}`, en: `${entry.nameEn} · ${t.placeEn}` };
    case "MATERIAL":
    case "KNIGHT":
      return {
        zh: `${baseName(entry.nameZh)} ${t.quantity}${unitZh(entry.defaultUnit)} · ${t.placeZh}`,
        en: `${baseName(entry.nameEn)}, ${t.quantity} ${unitEn(entry.defaultUnit)} · ${t.placeEn}`,
      };
    default:
      return {
        zh: `${entry.nameZh}${head ? ` ${head.zh}` : ""} · ${t.placeZh}`,
        en: `${entry.nameEn}${head ? `, ${head.en}` : ""} · ${t.placeEn}`,
      };
  }
}
