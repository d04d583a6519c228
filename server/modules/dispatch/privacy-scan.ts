/**
 * Test helper (also usable in audits): finds anything in a JSON value that could reveal a knight's exact
 * position or an exact distance — a key named like one (lastLat, lastLng, distanceM, distanceKm, distance,
 * exactDistance), or a number equal (to 1e-7°) to a known knight coordinate. Returns the JSON paths.
 */
const FORBIDDEN_KEY = /^(lastLat|lastLng|lastPosition|distanceM|distanceKm|distance|exactDistance|distMeters|dist_m)$/i;

export function findPositionLeaks(value: unknown, knights: readonly { lat: number; lng: number }[], path = "$"): string[] {
  const coords = knights.flatMap((k) => [k.lat, k.lng]);
  const out: string[] = [];
  const walk = (v: unknown, p: string) => {
    if (typeof v === "number") {
      if (coords.some((c) => Math.abs(c - v) < 1e-7)) out.push(`${p} = ${v}`);
      return;
    }
    if (typeof v === "string") {
      if (coords.some((c) => v.includes(String(c)))) out.push(`${p} contains a coordinate`);
      return;
    }
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${p}[${i}]`));
    if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (FORBIDDEN_KEY.test(k)) out.push(`${p}.${k} (forbidden key)`);
        walk(x, `${p}.${k}`);
      }
    }
  };
  walk(value, path);
  return out;
}
