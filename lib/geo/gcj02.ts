/**
 * WGS84 ⇄ GCJ-02 ("Mars coordinates"), the datum of Amap/Gaode and Tencent tiles. The forward transform is
 * the published obfuscation (Krasovsky ellipsoid constants, as every open implementation uses); it has no
 * closed-form inverse, so `gcj02ToWgs84` iterates: guess, project forward, correct by the error — it
 * converges to well under a centimetre in a few steps. Outside China GCJ-02 equals WGS84, so both are identity
 * there. Positions are plain numbers (lat, lng) in degrees.
 */

const A = 6378245.0;
const EE = 0.00669342162296594323;

export type LatLng = { lat: number; lng: number };

/** The rough mainland bounding box the transform applies inside (the common convention). */
export function outOfChina(lat: number, lng: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** The GCJ-02 offset (degrees) at a WGS84 position. */
function offset(lat: number, lng: number): { dLat: number; dLng: number } {
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (transformLat(lng - 105.0, lat - 35.0) * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (transformLng(lng - 105.0, lat - 35.0) * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { dLat, dLng };
}

export function wgs84ToGcj02(lat: number, lng: number): LatLng {
  if (outOfChina(lat, lng)) return { lat, lng };
  const { dLat, dLng } = offset(lat, lng);
  return { lat: lat + dLat, lng: lng + dLng };
}

/** Iterative inverse: stops when the forward projection of the guess is within `toleranceDeg` of the input. */
export function gcj02ToWgs84(lat: number, lng: number, toleranceDeg = 1e-9, maxIterations = 30): LatLng {
  if (outOfChina(lat, lng)) return { lat, lng };
  let guess = { lat, lng };
  for (let i = 0; i < maxIterations; i++) {
    const projected = wgs84ToGcj02(guess.lat, guess.lng);
    const eLat = projected.lat - lat;
    const eLng = projected.lng - lng;
    if (Math.abs(eLat) < toleranceDeg && Math.abs(eLng) < toleranceDeg) break;
    guess = { lat: guess.lat - eLat, lng: guess.lng - eLng };
  }
  return guess;
}
