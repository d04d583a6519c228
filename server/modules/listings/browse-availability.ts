import { Prisma } from "@/server/generated/prisma/client";

/**
 * "Available now" for browse: status AVAILABLE, not inside a BLACKOUT, and — if the listing has any
 * WEEKLY windows — inside one of them (or inside a DATED extra window). Weekly windows are wall-clock
 * hours in Asia/Shanghai (UTC+8 all year, no DST), weekday 0 = Sunday.
 */

export const SHANGHAI_TIME_ZONE = "Asia/Shanghai";

export type ShanghaiClock = { weekday: number; minute: number };

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** Weekday and minute-of-day of `now` on a Shanghai wall clock. */
export function shanghaiClock(now: Date): ShanghaiClock {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: SHANGHAI_TIME_ZONE,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { weekday: WEEKDAYS.indexOf(get("weekday")), minute: Number(get("hour")) * 60 + Number(get("minute")) };
}

export type WindowLike = {
  kind: "WEEKLY" | "BLACKOUT" | "DATED";
  weekday: number | null;
  startMinute: number | null;
  endMinute: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
};

function covers(w: WindowLike, now: Date): boolean {
  return !!w.startsAt && !!w.endsAt && w.startsAt.getTime() <= now.getTime() && now.getTime() < w.endsAt.getTime();
}

/** The same rule as availableNowSql, for one listing already in memory (detail page, tests). */
export function isAvailableNow(status: string, windows: readonly WindowLike[], now: Date): boolean {
  if (status !== "AVAILABLE") return false;
  if (windows.some((w) => w.kind === "BLACKOUT" && covers(w, now))) return false;
  const weekly = windows.filter((w) => w.kind === "WEEKLY");
  if (weekly.length === 0) return true;
  const { weekday, minute } = shanghaiClock(now);
  const inWeekly = weekly.some(
    (w) => w.weekday === weekday && (w.startMinute ?? 0) <= minute && minute < (w.endMinute ?? 1440),
  );
  return inWeekly || windows.some((w) => w.kind === "DATED" && covers(w, now));
}

/** SQL condition on alias `r` (resource) implementing isAvailableNow for `now`. */
export function availableNowSql(now: Date): Prisma.Sql {
  const { weekday, minute } = shanghaiClock(now);
  return Prisma.sql`(r.status = 'AVAILABLE'
    AND NOT EXISTS (SELECT 1 FROM availability_window b WHERE b.resource_id = r.id AND b.kind = 'BLACKOUT'
                    AND b.starts_at <= ${now} AND b.ends_at > ${now})
    AND (NOT EXISTS (SELECT 1 FROM availability_window w WHERE w.resource_id = r.id AND w.kind = 'WEEKLY')
         OR EXISTS (SELECT 1 FROM availability_window w WHERE w.resource_id = r.id AND w.kind = 'WEEKLY'
                    AND w.weekday = ${weekday} AND w.start_minute <= ${minute} AND w.end_minute > ${minute})
         OR EXISTS (SELECT 1 FROM availability_window d WHERE d.resource_id = r.id AND d.kind = 'DATED'
                    AND d.starts_at <= ${now} AND d.ends_at > ${now})))`;
}
