/**
 * "Open in navigation" links for a task point. Positions are WGS-84 (what the browser's geolocation and our
 * maps use); Amap and Baidu are told so (coordinate=wgs84 / coord_type=wgs84) and convert to their own
 * datums themselves, so the pin lands on the right street in China.
 */
export type NavTarget = { lat: number; lng: number; label: string };

const fixed = (v: number) => v.toFixed(6);

/** geo: URI (RFC 5870) — Android opens the phone's default map app; the label rides in the query. */
export function geoUri({ lat, lng, label }: NavTarget): string {
  return `geo:${fixed(lat)},${fixed(lng)}?q=${fixed(lat)},${fixed(lng)}(${encodeURIComponent(label)})`;
}

/** Amap (高德) web route planner to the point, riding mode; opens the app when installed. */
export function amapUrl({ lat, lng, label }: NavTarget): string {
  const q = new URLSearchParams({
    to: `${fixed(lng)},${fixed(lat)},${label}`,
    mode: "ride",
    coordinate: "wgs84",
    callnative: "1",
    src: "muster-knight",
  });
  return `https://uri.amap.com/navigation?${q.toString()}`;
}

/** Baidu Maps web marker for the point (its page offers "到这里去" navigation). */
export function baiduUrl({ lat, lng, label }: NavTarget): string {
  const q = new URLSearchParams({
    location: `${fixed(lat)},${fixed(lng)}`,
    title: label,
    content: label,
    output: "html",
    coord_type: "wgs84",
    src: "webapp.muster.knight",
  });
  return `https://api.map.baidu.com/marker?${q.toString()}`;
}
