"use client";

import { useEffect, useRef, useState } from "react";
import { useHydrated } from "@/components/auth/use-hydrated";
import { PositionThrottle, type Fix } from "@/components/knight/position-throttle";

export type SharingState = "off" | "unsupported" | "locating" | "sharing" | "denied" | "unavailable";

/** What the server answers to a report: whether it was stored, and when the next one is welcome. */
export type ReportResult = { stored?: boolean; nextAllowedAt?: Date | string | number | null } | void;

const HEARTBEAT_TICK_MS = 5_000;

function toMs(v: Date | string | number | null | undefined): number | undefined {
  if (v === null || v === undefined) return undefined;
  const ms = v instanceof Date ? v.getTime() : typeof v === "number" ? v : Date.parse(v);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * While `enabled` (the knight is on duty, or on a live task), watches the phone's position and reports it through `report`,
 * at most every 15 s (PositionThrottle), plus a heartbeat when standing still. Stops watching the moment
 * duty ends. A denied permission is a state of its own, so the page can say how to fix it.
 */
export function usePositionSharing(enabled: boolean, report: (fix: Fix) => Promise<ReportResult>) {
  const hydrated = useHydrated();
  // Only what the watch callbacks learn; "off" / "unsupported" / "locating" are derived below.
  const [seen, setSeen] = useState<"sharing" | "denied" | "unavailable" | null>(null);
  const [lastSentAt, setLastSentAt] = useState<Date | null>(null);
  const supported = hydrated && typeof navigator !== "undefined" && "geolocation" in navigator;
  const reportRef = useRef(report);
  useEffect(() => {
    reportRef.current = report;
  }, [report]);

  useEffect(() => {
    if (!enabled || !supported) return;
    const throttle = new PositionThrottle();
    let inFlight = false;
    let stopped = false;
    const send = (fix: Fix | null) => {
      if (!fix || inFlight || stopped) return;
      inFlight = true;
      const now = Date.now();
      reportRef
        .current(fix)
        .then((r) => {
          const next = toMs(r ? r.nextAllowedAt : undefined);
          // A throttled or too-inaccurate report was not stored: try again once allowed, and keep showing
          // the time of the last position dispatch really has.
          if (r && r.stored === false) return throttle.refused(Date.now(), next);
          throttle.sent(now, next);
          if (!stopped) setLastSentAt(new Date(now));
        })
        .catch(() => throttle.refused(Date.now()))
        .finally(() => {
          inFlight = false;
        });
    };
    const watchId = navigator.geolocation.watchPosition(
      (pos) => {
        setSeen("sharing");
        const fix: Fix = { lat: pos.coords.latitude, lng: pos.coords.longitude, accuracyM: Math.round(pos.coords.accuracy) };
        send(throttle.offer(fix, Date.now()));
      },
      (err) => setSeen(err.code === err.PERMISSION_DENIED ? "denied" : "unavailable"),
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 },
    );
    const tick = window.setInterval(() => send(throttle.heartbeat(Date.now())), HEARTBEAT_TICK_MS);
    return () => {
      stopped = true;
      navigator.geolocation.clearWatch(watchId);
      window.clearInterval(tick);
      // A new duty stint starts from "locating" again, not from the last stint's outcome.
      setSeen(null);
      setLastSentAt(null);
    };
  }, [enabled, supported]);

  const state: SharingState = !enabled ? "off" : !hydrated ? "locating" : !supported ? "unsupported" : (seen ?? "locating");
  return { state, lastSentAt };
}
