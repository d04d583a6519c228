/** Nanjing (Jiangsu's capital) — where maps open when nothing else is known. */
export const DEFAULT_CENTER: [number, number] = [32.0603, 118.7969];
export const DEFAULT_ZOOM = 9;
export const OSM_TILE_URL = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png";
