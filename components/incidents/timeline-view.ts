import type { Locale } from "@/lib/i18n/config";
import { localizedName } from "@/lib/i18n/localized-name";
import type { TTimelineEntry } from "@/lib/schemas/incidents";
import { UNMET_REASONS } from "@/lib/schemas/needs";

/**
 * Pure: the sentence of one incident timeline event (no React). The server passes facts (codes, counts,
 * names in both forms); here they become words of the reader's language: the need quoted, the resource in
 * its English form on English pages (localizedName) with its supplier, a knight by the name the server
 * gave or as "a knight". Status and reason words are the incidents / needs namespaces' own labels.
 */
type Vars = Record<string, string | number>;
export type TimelineTranslators = {
  timeline: (key: string, vars?: Vars) => string;
  incidents: (key: string, vars?: Vars) => string;
  needs: (key: string, vars?: Vars) => string;
};

const PROGRESS = new Set(["MOBILIZED", "EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED"]);
const STAGES = new Set(["AT_PICKUP", "PICKED_UP", "AT_DROPOFF", "DELIVERED"]);
const INCIDENT_STATUSES = new Set(["DRAFT", "ACTIVE", "CONTAINED", "CLOSED"]);
const NEED_STATUSES = new Set(["DRAFT", "PENDING_APPROVAL", "OPEN", "PARTIALLY_FILLED", "FILLED", "CLOSED", "CANCELLED"]);

const clip = (s: string, max = 140) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The names an entry's sentence may use, each already quoted the way the language quotes them. */
function names(e: TTimelineEntry, locale: Locale, t: TimelineTranslators["timeline"]) {
  const resource = e.resourceTitle ? clip(localizedName(locale, e.resourceTitle, e.resourceTitleEn), 80) : null;
  const supplier = e.supplierName ? clip(localizedName(locale, e.supplierName, e.supplierNameEn), 60) : null;
  return {
    need: e.needTitle ? t("names.need", { title: clip(e.needTitle, 80) }) : t("names.someNeed"),
    resource: resource
      ? supplier
        ? t("names.resourceWithSupplier", { resource, supplier })
        : t("names.resource", { resource })
      : t("names.someResource"),
    knight: e.knightName ? t("names.knightNamed", { name: clip(e.knightName, 40) }) : t("names.knightAnonymous"),
  };
}

/** A status word of `ns` ("incidents" / "needs"), or the code itself when it is not one we know. */
function statusWord(tr: TimelineTranslators, ns: "incidents" | "needs", code: string | undefined): string {
  const known = ns === "incidents" ? INCIDENT_STATUSES : NEED_STATUSES;
  return code && known.has(code) ? tr[ns](`status.${code}`) : (code ?? "?");
}

function reasonWord(tr: TimelineTranslators, code: string | undefined): string {
  return tr.needs(`reasons.${code && (UNMET_REASONS as readonly string[]).includes(code) ? code : "OTHER"}`);
}

/** The sentence for one timeline entry in the translators' language; unknown actions read "Recorded: <action>". */
export function timelineSentence(e: TTimelineEntry, locale: Locale, tr: TimelineTranslators): string {
  const t = tr.timeline;
  const d = e.details;
  const n = names(e, locale, t);
  switch (e.action) {
    case "incident.create":
      return t("incident.create", { title: clip(d.title ?? "…", 80) });
    case "incident.update":
      return t("incident.update");
    case "incident.setStatus":
      return t("incident.status", { from: statusWord(tr, "incidents", d.from), to: statusWord(tr, "incidents", d.to) });
    case "incident.auto_dispatch":
      return t(d.on ? "incident.autoDispatchOn" : "incident.autoDispatchOff");
    case "assignment.propose":
      return t("incident.proposal", { rows: d.rows ?? 0 });
    case "need.create":
      return t("need.create", { need: n.need, quantity: d.quantity ?? "", unit: d.unit ?? "" });
    case "need.update":
      return t("need.update", n);
    case "need.approve":
      return t("need.approve", n);
    case "need.setStatus":
      return t("need.status", { need: n.need, from: statusWord(tr, "needs", d.from), to: statusWord(tr, "needs", d.to) });
    case "need.unmet":
      return t("need.unmet", { need: n.need, reason: reasonWord(tr, d.reason) });
    case "need.setDeliveryCode":
      return t(d.set ? "need.deliveryCodeSet" : "need.deliveryCodeRemoved", n);
    case "assignment.offer":
      return t("offer.sent", n);
    case "assignment.accept":
      return t("offer.accepted", n);
    case "assignment.decline":
      return d.reason ? t("offer.declined", { ...n, reason: clip(d.reason) }) : t("offer.declinedNoReason", n);
    case "assignment.expire":
      return t("offer.expired", n);
    case "assignment.cancel":
      return t("offer.withdrawn", n);
    case "assignment.drop":
      return t("offer.proposalDropped", n);
    case "assignment.replace":
      return t("offer.proposalReplaced", n);
    case "assignment.propose_next":
      return t("offer.nextProposed", n);
    case "assignment.progress":
      return d.status && PROGRESS.has(d.status) ? t(`progress.${d.status}`, n) : t("fallback", { action: e.action });
    case "dispatch.start":
      return t("knight.dispatchStarted", { need: n.need, slots: d.slots ?? 0 });
    case "dispatch.end":
      return t("knight.dispatchEnded", n);
    case "dispatch.unmet":
      return t("knight.dispatchUnmet", { need: n.need, reason: reasonWord(tr, d.reason) });
    case "knightOffer.accept":
      return t("knight.accepted", n);
    case "knightTask.advance": {
      if (!d.to || !STAGES.has(d.to)) return t("fallback", { action: e.action });
      // a recon task's "delivered" step is its report
      return t(`knight.stage.${d.to === "DELIVERED" && e.taskKind === "RECON" ? "REPORTED" : d.to}`, n);
    }
    case "knightTask.complete":
      return d.points && d.points > 0 ? t("knight.completedPoints", { ...n, points: d.points }) : t("knight.completed", n);
    case "knightTask.cancel":
      return t("knight.cancelled", n);
    case "knightTask.noShow":
      return t("knight.noShow", n);
    case "knightTask.withdraw":
      return t("knight.withdrew", n);
    case "knightTask.checkInMissed":
      return t("knight.checkInMissed", { ...n, minutes: d.silentMinutes ?? "?" });
    case "knightTask.addPhoto":
      return t("knight.photoAdded", n);
    case "knightTask.removePhoto":
      return t("knight.photoRemoved", n);
    default:
      return t("fallback", { action: e.action });
  }
}
