import places from "./jiangsu-places.json";
import type { Rng } from "./random";

/**
 * Jiangsu's 13 cities and Nanjing's 11 districts (GB/T 2260 codes, approximate centres, WGS-84), copied from
 * the shared reference data into jiangsu-places.json so the repository is self-contained.
 */
export type RegionLevelName = "PROVINCE" | "CITY" | "DISTRICT";

export interface Place {
  code: string;
  nameZh: string;
  nameEn: string;
  level: RegionLevelName;
  parentCode: string | null;
  lat: number;
  lng: number;
}

export const NANJING_CODE = "320100";

/** The reference data gives no centre for the province; this is its approximate geographic centre. */
export const PROVINCE: Place = { ...places.province, level: "PROVINCE", parentCode: null, lat: 32.9711, lng: 119.455 };
export const CITIES: Place[] = places.cities.map((c) => ({ ...c, level: "CITY", parentCode: PROVINCE.code }));
export const NANJING_DISTRICTS: Place[] = places.nanjingDistricts.map((d) => ({
  ...d,
  level: "DISTRICT",
  parentCode: NANJING_CODE,
}));

/** Parents first, so rows can be inserted in this order. */
export const ALL_PLACES: Place[] = [PROVINCE, ...CITIES, ...NANJING_DISTRICTS];
const BY_CODE = new Map(ALL_PLACES.map((p) => [p.code, p]));

export function placeByCode(code: string): Place {
  const p = BY_CODE.get(code);
  if (!p) throw new Error(`Unknown region code ${code}`);
  return p;
}

/** The city a region belongs to (a district's parent, or the city itself). */
export function cityCodeOf(code: string): string {
  const p = placeByCode(code);
  return p.level === "DISTRICT" ? (p.parentCode as string) : p.code;
}

/** Rough share of activity per Nanjing district (population / economic weight). */
const DISTRICT_WEIGHTS: Record<string, number> = {
  "320102": 8, "320104": 9, "320105": 9, "320106": 12, "320111": 9, "320113": 10,
  "320114": 7, "320115": 18, "320116": 8, "320117": 5, "320118": 5,
};
/** Other cities' share of the non-Nanjing remainder. */
const CITY_WEIGHTS: Record<string, number> = {
  "320200": 12, "320300": 11, "320400": 9, "320500": 20, "320600": 10, "320700": 4,
  "320800": 5, "320900": 6, "321000": 7, "321100": 6, "321200": 6, "321300": 4,
};
/** Suburban districts are large; central ones are a few km across (keeps points on land-ish ground). */
const SPREAD_KM: Record<string, number> = {
  "320102": 1.5, "320104": 1.3, "320105": 1.8, "320106": 1.5, "320111": 4, "320113": 3.5,
  "320114": 2, "320115": 4.5, "320116": 4.5, "320117": 4, "320118": 4,
};
const CITY_SPREAD_KM = 4;

const DISTRICT_ENTRIES = NANJING_DISTRICTS.map((d) => [d, DISTRICT_WEIGHTS[d.code] ?? 5] as const);
const OTHER_CITY_ENTRIES = CITIES.filter((c) => c.code !== NANJING_CODE).map(
  (c) => [c, CITY_WEIGHTS[c.code] ?? 5] as const,
);

const ROADS: Record<string, string[]> = {
  "320102": ["中山路", "北京东路", "龙蟠路", "珠江路", "太平北路", "玄武大道"],
  "320104": ["中华路", "白下路", "御道街", "大光路", "应天大街", "汉中路"],
  "320105": ["江东中路", "河西大街", "庐山路", "集庆门大街", "嘉陵江东街", "奥体大街"],
  "320106": ["中山北路", "湖南路", "汉中门大街", "草场门大街", "虎踞路", "江东北路"],
  "320111": ["浦珠路", "大桥北路", "浦口大道", "江山路", "浦滨路"],
  "320113": ["仙林大道", "文苑路", "尧化门街", "栖霞大道", "和燕路"],
  "320114": ["软件大道", "雨花西路", "宁丹路", "赛虹桥街", "西善桥路"],
  "320115": ["双龙大道", "天元中路", "胜太路", "将军大道", "秣周东路", "诚信大道"],
  "320116": ["雄州路", "龙池路", "长芦街", "金牛湖路", "延安路"],
  "320117": ["永阳路", "中山东路", "天生桥大道", "秦淮大街", "团山路"],
  "320118": ["淳溪路", "宝塔路", "镇兴路", "石臼湖路", "北岭路"],
};
const GENERIC_ROADS = ["人民路", "解放路", "建设路", "工业园路", "长江路", "新华路", "中山路", "开发区大道", "环城东路", "东风路"];

export interface Located {
  regionCode: string;
  cityCode: string;
  lat: number;
  lng: number;
  address: string;
  placeZh: string;
  placeEn: string;
}

const KM_PER_DEG_LAT = 111.32;

/** A point around (lat, lng): normal with sd `sdKm`, clipped at 2.5 sd so nothing lands far out. */
export function jitter(rng: Rng, lat: number, lng: number, sdKm: number): { lat: number; lng: number } {
  const clip = (v: number) => Math.max(-2.5, Math.min(2.5, v));
  const dy = clip(rng.normal()) * sdKm;
  const dx = clip(rng.normal()) * sdKm;
  return {
    lat: round6(lat + dy / KM_PER_DEG_LAT),
    lng: round6(lng + dx / (KM_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180))),
  };
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

function addressIn(rng: Rng, place: Place): string {
  const roads = ROADS[place.code] ?? GENERIC_ROADS;
  const city = place.level === "DISTRICT" ? placeByCode(place.parentCode as string).nameZh : "";
  return `江苏省${city}${place.nameZh}${rng.pick(roads)}${rng.int(1, 399)}号`;
}

/** A located point in the given region (district or city), within a few km of its centre. */
export function locateIn(rng: Rng, regionCode: string, spreadKm?: number): Located {
  const place = placeByCode(regionCode);
  const sd = spreadKm ?? (place.level === "DISTRICT" ? (SPREAD_KM[place.code] ?? 3) : CITY_SPREAD_KM);
  const { lat, lng } = jitter(rng, place.lat, place.lng, sd);
  const city = place.level === "DISTRICT" ? placeByCode(place.parentCode as string) : place;
  return {
    regionCode: place.level === "PROVINCE" ? CITIES[0].code : place.code,
    cityCode: city.code,
    lat,
    lng,
    address: addressIn(rng, place),
    placeZh: place.level === "DISTRICT" ? `${city.nameZh}${place.nameZh}` : place.nameZh,
    placeEn: place.level === "DISTRICT" ? `${place.nameEn}, ${city.nameEn}` : place.nameEn,
  };
}

/** A Nanjing district, weighted by activity. */
export function pickNanjingDistrict(rng: Rng): Place {
  return rng.weighted(DISTRICT_ENTRIES);
}

/** A Jiangsu city other than Nanjing, weighted by size. */
export function pickOtherCity(rng: Rng): Place {
  return rng.weighted(OTHER_CITY_ENTRIES);
}

/** Where things are: ~`nanjingShare` in Nanjing's districts, the rest spread over the other 12 cities. */
export function pickRegion(rng: Rng, nanjingShare = 0.55): Place {
  return rng.chance(nanjingShare) ? pickNanjingDistrict(rng) : pickOtherCity(rng);
}

export function pickLocation(rng: Rng, nanjingShare = 0.55): Located {
  return locateIn(rng, pickRegion(rng, nanjingShare).code);
}

/** Great-circle distance in km (haversine). */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const r = 6371.0088;
  const toRad = (d: number) => (d * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}
