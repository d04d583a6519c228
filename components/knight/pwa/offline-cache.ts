/**
 * The service worker (public/sw.js) keeps copies of visited knight pages for offline use. They hold the
 * signed-in knight's own data, so they are deleted on sign-out. Cache names must match sw.js.
 */
export const OFFLINE_PAGE_CACHE_PREFIX = "muster-knight-pages-";

export async function clearOfflinePages(): Promise<void> {
  if (typeof window === "undefined" || !("caches" in window)) return;
  try {
    const keys = await window.caches.keys();
    await Promise.all(keys.filter((k) => k.startsWith(OFFLINE_PAGE_CACHE_PREFIX)).map((k) => window.caches.delete(k)));
  } catch {
    // Storage may be unavailable (private mode); nothing cached then either.
  }
}
