import type { Locale } from "@/lib/i18n/config";
import { formatDateTime, formatDuration, formatNumber } from "@/lib/i18n/format";
import { localizedName } from "@/lib/i18n/localized-name";
import type { NotificationKind } from "@/lib/schemas/notifications";
import { UNMET_REASONS } from "@/lib/schemas/needs";
import { paths } from "@/components/layout/routes";
import { incidentPath } from "@/components/incidents/incident-view";
import { knightTaskPath } from "@/components/knight/knight-paths";

/**
 * Pure: what a notification says and where it leads (no React). The sentence is a key in the
 * notifications namespace with its variables; `labels` are variables that are themselves messages of
 * another namespace (an unmet reason, an assignment status), resolved by the caller. Paths are
 * locale-less (wrap with localeHref). Payloads carry ids, titles and codes only — never contact data
 * or positions — and nothing here adds any.
 */
export type LabelRef = { ns: "needs" | "offers"; key: string };
export type NotificationView = {
  key: string;
  vars: Record<string, string | number>;
  labels: Record<string, LabelRef>;
  path: string;
};

type Payload = Record<string, unknown>;
type Describe = (p: Payload, locale: Locale) => NotificationView;

const str = (p: Payload, k: string): string | null => {
  const v = p[k];
  return typeof v === "string" && v.trim() ? v.trim() : null;
};
const num = (p: Payload, k: string): number | null => {
  const v = p[k];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
};
const clip = (s: string, max = 140) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The incident page when the payload names one, else the incidents list. */
const incidentOrList = (p: Payload) => {
  const id = str(p, "incidentId");
  return id ? incidentPath(id) : paths.incidents;
};
const unmetReason = (p: Payload): Record<string, LabelRef> => {
  const r = str(p, "reason");
  return { reason: { ns: "needs", key: `reasons.${r && (UNMET_REASONS as readonly string[]).includes(r) ? r : "OTHER"}` } };
};
/** A claim's requisition page, where both sides read and act on it; the list when the payload has no assignment. */
const claimPath = (p: Payload) => {
  const id = str(p, "assignmentId");
  return id ? paths.requisition(id) : paths.requisitions;
};
const money = (locale: Locale, cents: number | null) => (cents === null ? "…" : formatNumber(locale, cents / 100, { style: "currency", currency: "CNY" }));
const claimResource = (p: Payload, locale: Locale) => {
  const zh = str(p, "resourceTitle");
  return zh ? clip(localizedName(locale, zh, str(p, "resourceTitleEn")), 80) : "…";
};
const LINE_DECISIONS: Record<string, string> = { APPROVED: "lineApproved", ADJUSTED: "lineAdjusted", DISPUTED: "lineDisputed" };
const PROGRESS = ["MOBILIZED", "EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED"];

/**
 * The sentence naming the need and the resource when the payload carries both (offers since they do), else the
 * plain one. The resource is named in the reader's language: payloads carry the listing's English title too
 * (`resourceTitleEn`, when it has one); a need has only the title its requester typed.
 */
const titled = (p: Payload, locale: Locale, named: (t: { need: string; resource: string }) => NotificationView, plain: () => NotificationView) => {
  const need = str(p, "needTitle");
  const zh = str(p, "resourceTitle");
  const resource = zh ? localizedName(locale, zh, str(p, "resourceTitleEn")) : null;
  return need && resource ? named({ need: clip(need, 80), resource: clip(resource, 80) }) : plain();
};

const view = (key: string, path: string, vars: NotificationView["vars"] = {}, labels: NotificationView["labels"] = {}): NotificationView => ({
  key,
  vars,
  labels,
  path,
});

/** One entry per kind `notify()` sends (NOTIFICATION_KINDS); the test fails when a kind has none. */
export const NOTIFICATION_VIEWS: Record<NotificationKind, Describe> = {
  "offer.received": (p, locale) => {
    const hold = str(p, "holdExpiresAt");
    const until = hold && !Number.isNaN(Date.parse(hold)) ? formatDateTime(locale, hold) : null;
    if (!until) return view("kinds.offer.receivedNoHold", paths.offers);
    return titled(p, locale, (t) => view("kinds.offer.receivedFor", paths.offers, { ...t, until }), () => view("kinds.offer.received", paths.offers, { until }));
  },
  "offer.accepted": (p, locale) => titled(p, locale, (t) => view("kinds.offer.acceptedFor", incidentOrList(p), t), () => view("kinds.offer.accepted", incidentOrList(p))),
  "offer.declined": (p, locale) => {
    const reason = str(p, "reason");
    if (!reason) return view("kinds.offer.declinedNoReason", incidentOrList(p));
    return titled(p, locale, (t) => view("kinds.offer.declinedFor", incidentOrList(p), { ...t, reason: clip(reason) }), () => view("kinds.offer.declined", incidentOrList(p), { reason: clip(reason) }));
  },
  "offer.cancelled": (p, locale) => titled(p, locale, (t) => view("kinds.offer.cancelledFor", paths.offers, t), () => view("kinds.offer.cancelled", paths.offers)),
  "assignment.progress": (p, locale) => {
    const status = str(p, "status");
    const labels: NotificationView["labels"] = { status: { ns: "offers", key: `status.${status && PROGRESS.includes(status) ? status : "ACCEPTED"}` } };
    return titled(p, locale, (t) => view("kinds.assignment.progressFor", incidentOrList(p), t, labels), () => view("kinds.assignment.progress", incidentOrList(p), {}, labels));
  },
  "need.unmet": (p) => view("kinds.need.unmet", incidentOrList(p), { title: str(p, "title") ?? "…" }, unmetReason(p)),
  "need.volunteered": (p, locale) => {
    const zh = str(p, "supplierName");
    const supplier = zh ? clip(localizedName(locale, zh, str(p, "supplierNameEn")), 80) : "…";
    return titled(p, locale, (t) => view("kinds.need.volunteered", incidentOrList(p), { ...t, supplier }), () => view("kinds.need.volunteered", incidentOrList(p), { need: "…", resource: "…", supplier }));
  },
  "dispatch.unmet": (p) => view("kinds.dispatch.unmet", incidentOrList(p), { title: str(p, "title") ?? "…", offered: num(p, "offered") ?? 0 }, unmetReason(p)),
  "knight.checkInMissed": (p, locale) => {
    const minutes = num(p, "silentMinutes");
    return minutes === null ? view("kinds.knight.checkInMissedPlain", incidentOrList(p)) : view("kinds.knight.checkInMissed", incidentOrList(p), { time: formatDuration(locale, minutes * 60, { precision: "minute" }) });
  },
  "knight.restDue": () => view("kinds.knight.restDue", paths.knightHome),
  "knight.autoOffDuty": () => view("kinds.knight.autoOffDuty", paths.knightHome),
  "knight.taskCompleted": (p) => {
    const id = str(p, "assignmentId");
    const points = num(p, "points");
    const path = id ? knightTaskPath(id) : paths.knightHistory;
    return points && points > 0 ? view("kinds.knight.taskCompletedPoints", path, { points }) : view("kinds.knight.taskCompleted", path);
  },
  "knight.taskCancelled": (p) => {
    // Why it ended: the dispatcher cancelled it, marked a no-show, or the need itself ended.
    const reason = str(p, "reason");
    const key = reason === "CANCELLED" ? "taskCancelledByDispatcher" : reason === "NO_SHOW" ? "taskNoShow" : "taskCancelled";
    return view(`kinds.knight.${key}`, paths.knightHome, { title: str(p, "title") ?? "…" });
  },
  // Knights and suppliers alike: the dashboard leads each to their own tasks or offers.
  "hazard.alert": (p) => view("kinds.hazard.alert", paths.dashboard, { zone: clip(str(p, "zoneName") ?? "…", 80) }),
  "claim.filed": (p, locale) => {
    const zh = str(p, "supplierName");
    const supplier = zh ? clip(localizedName(locale, zh, str(p, "supplierNameEn")), 80) : "…";
    return view("kinds.claim.filed", claimPath(p), { supplier, resource: claimResource(p, locale), amount: money(locale, num(p, "claimedCents")) });
  },
  "claim.lineDecided": (p, locale) => {
    const key = LINE_DECISIONS[str(p, "status") ?? ""] ?? "lineDecided";
    const vars = {
      line: clip(str(p, "description") ?? "…", 80),
      resource: claimResource(p, locale),
      claimed: money(locale, num(p, "amountCents")),
      amount: money(locale, num(p, "approvedCents")),
      reason: clip(str(p, "reason") ?? "…"),
    };
    return view(`kinds.claim.${key}`, claimPath(p), vars);
  },
  "claim.paid": (p, locale) => view("kinds.claim.paid", claimPath(p), { resource: claimResource(p, locale), amount: money(locale, num(p, "paidCents")) }),
  "order.excessRefunded": (p, locale) => {
    const id = str(p, "orderId");
    return view("kinds.order.excessRefunded", id ? paths.order(id) : paths.orders, { amount: money(locale, num(p, "amountCents")) });
  },
};

/** The view of one notification; an unknown kind reads as a generic sentence linking to the dashboard. */
export function describeNotification(n: { kind: string; payload: Payload }, locale: Locale): NotificationView {
  const describe = Object.prototype.hasOwnProperty.call(NOTIFICATION_VIEWS, n.kind) ? NOTIFICATION_VIEWS[n.kind as NotificationKind] : null;
  return describe ? describe(n.payload ?? {}, locale) : view("kinds.fallback", paths.dashboard);
}

/** The sentence: `t` translates the notifications namespace, `label` resolves the other namespaces' labels. */
export function notificationText(v: NotificationView, t: (key: string, vars?: Record<string, string | number>) => string, label: (ref: LabelRef) => string): string {
  const vars = { ...v.vars };
  for (const [name, ref] of Object.entries(v.labels)) vars[name] = label(ref);
  return t(v.key, vars);
}
