"use client";

import { useEffect } from "react";

/**
 * Registers the knights' service worker (public/sw.js) so the app can be installed and its shell opens
 * offline. Only in production builds: in development, caching would serve stale code. Renders nothing.
 */
export function RegisterServiceWorker({ enabled }: { enabled: boolean }) {
  useEffect(() => {
    if (!enabled || !("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // Not fatal: the app works without it, only without offline support and installability.
    });
  }, [enabled]);
  return null;
}
