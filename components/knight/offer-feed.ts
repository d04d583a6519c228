/**
 * The knight's live offer list: the offers loaded with the page, then changed by live events on the
 * knight's topic (offer.new / offer.withdrawn / offer.accepted / task.cancelled). Pure, so the rules
 * ("stood down" offers leave with a short message; an offer never shows twice) are tested without a browser.
 */
export type OfferCardData = {
  offerId: string;
  needId: string;
  incidentId?: string | null;
  title: string;
  taskKind: string | null;
  distanceBand: string;
  rewardPoints: number | null;
  expiresAt: Date;
  deadline: Date | null;
  pickupAddress: string | null;
  dropoffAddress: string | null;
  cargoKg: number | null;
  wave: number;
};

export type FeedNotice = {
  id: string;
  kind: "withdrawn" | "cancelled" | "expired";
  title: string | null;
  /** Server reason code, e.g. "FILLED", "CANCELLED" (shown translated when known). */
  reason: string | null;
};

export type OfferFeed = { offers: OfferCardData[]; notices: FeedNotice[] };

export type KnightLiveEvent = { id?: string | number; kind: string; data: unknown };

const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const date = (v: unknown): Date | null => {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === "string" || typeof v === "number") {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
};

/** An offer.new payload → a card, or null when it lacks what a card needs. */
export function offerFromEvent(data: unknown): OfferCardData | null {
  if (!data || typeof data !== "object") return null;
  const d = data as Record<string, unknown>;
  const offerId = str(d.offerId);
  const needId = str(d.needId);
  const expiresAt = date(d.expiresAt);
  if (!offerId || !needId || !expiresAt) return null;
  return {
    offerId,
    needId,
    incidentId: str(d.incidentId),
    title: str(d.title) ?? "",
    taskKind: str(d.taskKind),
    distanceBand: str(d.distanceBand) ?? "",
    rewardPoints: num(d.rewardPoints),
    expiresAt,
    deadline: date(d.deadline),
    pickupAddress: str(d.pickupAddress),
    dropoffAddress: str(d.dropoffAddress),
    cargoKg: num(d.cargoKg),
    wave: num(d.wave) ?? 1,
  };
}

const byExpiry = (a: OfferCardData, b: OfferCardData) => a.expiresAt.getTime() - b.expiresAt.getTime();

export function initialFeed(offers: OfferCardData[], now: Date): OfferFeed {
  return { offers: offers.filter((o) => o.expiresAt > now).sort(byExpiry), notices: [] };
}

/** Applies one live event; unknown kinds leave the feed as it is (same object, so React skips a render). */
export function applyKnightEvent(feed: OfferFeed, event: KnightLiveEvent, now: Date): OfferFeed {
  const d = (event.data ?? {}) as Record<string, unknown>;
  switch (event.kind) {
    case "offer.new": {
      const offer = offerFromEvent(event.data);
      if (!offer || offer.expiresAt <= now) return feed;
      const rest = feed.offers.filter((o) => o.offerId !== offer.offerId);
      return { ...feed, offers: [...rest, offer].sort(byExpiry) };
    }
    case "offer.withdrawn": {
      const offerId = str(d.offerId);
      const gone = feed.offers.find((o) => o.offerId === offerId || (!offerId && o.needId === str(d.needId)));
      if (!gone) return feed;
      return {
        offers: feed.offers.filter((o) => o !== gone),
        notices: [...feed.notices, { id: `w-${gone.offerId}`, kind: "withdrawn", title: gone.title, reason: str(d.reason) }],
      };
    }
    case "offer.accepted": {
      // Our own acceptance confirmed (possibly from another tab): the offer became a task.
      const offerId = str(d.offerId);
      if (!offerId || !feed.offers.some((o) => o.offerId === offerId)) return feed;
      return { ...feed, offers: feed.offers.filter((o) => o.offerId !== offerId) };
    }
    case "task.cancelled": {
      const needId = str(d.needId);
      const id = str(d.assignmentId) ?? needId ?? String(event.id ?? now.getTime());
      return {
        offers: needId ? feed.offers.filter((o) => o.needId !== needId) : feed.offers,
        notices: [...feed.notices, { id: `c-${id}`, kind: "cancelled", title: str(d.title), reason: str(d.reason) }],
      };
    }
    default:
      return feed;
  }
}

/** Drops offers whose hold ran out (the server expires them too; this keeps the screen honest meanwhile). */
export function pruneExpired(feed: OfferFeed, now: Date): OfferFeed {
  const live = feed.offers.filter((o) => o.expiresAt > now);
  if (live.length === feed.offers.length) return feed;
  const expired = feed.offers.filter((o) => o.expiresAt <= now);
  return {
    offers: live,
    notices: [...feed.notices, ...expired.map((o) => ({ id: `e-${o.offerId}`, kind: "expired" as const, title: o.title, reason: null }))],
  };
}

export function removeOffer(feed: OfferFeed, offerId: string): OfferFeed {
  return { ...feed, offers: feed.offers.filter((o) => o.offerId !== offerId) };
}

export function dismissNotice(feed: OfferFeed, id: string): OfferFeed {
  return { ...feed, notices: feed.notices.filter((n) => n.id !== id) };
}

/** Whole minutes on duty in this stint (never negative); DutyTimer shows it with formatDuration. */
export function minutesOnDuty(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
}
