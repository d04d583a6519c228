/**
 * From the evidence to the claim's lines: pure, so the arithmetic has a table test.
 *
 * Time comes from the assignment's own lifecycle: operating = en route → completed (travel and work on
 * scene); standby = mobilised → en route (ready at base) plus completed → released (waiting to be let go).
 * Standby is listed as evidence at zero: it is not paid as operating time (EMAC / FEMA practice, and the
 * compensation covers "use", not readiness).
 */

export type Lifecycle = {
  mobilizedAt: Date | null;
  enRouteAt: Date | null;
  completedAt: Date | null;
  releasedAt: Date | null;
};

export type RateCardRates = { rentUnit: "HOUR" | "DAY"; rentCents: number; operatorCentsPerHour: number; fuelCentsPerKm: number };

export type ReturnEvidence = { operatorCount: number; kmDriven: number; damageCents: number; damageNote: string | null };

export type LineDraft = {
  kind: "RENT" | "OPERATOR" | "STANDBY" | "FUEL" | "DAMAGE";
  description: string;
  quantity: number;
  unit: string;
  unitCents: number;
  amountCents: number;
};

const MIN = 60_000;
const span = (from: Date | null, to: Date | null) => (from && to && to > from ? Math.round((to.getTime() - from.getTime()) / MIN) : 0);
const hours2 = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

export function lifecycleMinutes(l: Lifecycle): { operating: number; standby: number } {
  const operating = span(l.enRouteAt ?? l.mobilizedAt, l.completedAt);
  const standby = (l.enRouteAt ? span(l.mobilizedAt, l.enRouteAt) : 0) + span(l.completedAt, l.releasedAt);
  return { operating, standby };
}

/** The lines a claim starts with; a line with nothing to pay is left out, except standby (shown at zero). */
export function assembleLines(rates: RateCardRates | null, l: Lifecycle, ev: ReturnEvidence): LineDraft[] {
  const { operating, standby } = lifecycleMinutes(l);
  const out: LineDraft[] = [];
  if (rates && operating > 0) {
    if (rates.rentUnit === "HOUR") {
      out.push({ kind: "RENT", description: "rentHourly", quantity: hours2(operating), unit: "h", unitCents: rates.rentCents, amountCents: Math.round((rates.rentCents * operating) / 60) });
    } else {
      const days = Math.ceil(operating / 1440);
      out.push({ kind: "RENT", description: "rentDaily", quantity: days, unit: "d", unitCents: rates.rentCents, amountCents: rates.rentCents * days });
    }
    if (ev.operatorCount > 0 && rates.operatorCentsPerHour > 0) {
      out.push({
        kind: "OPERATOR", description: "operator", quantity: hours2(operating * ev.operatorCount), unit: "h", unitCents: rates.operatorCentsPerHour,
        amountCents: Math.round((rates.operatorCentsPerHour * operating * ev.operatorCount) / 60),
      });
    }
  }
  if (standby > 0) out.push({ kind: "STANDBY", description: "standby", quantity: hours2(standby), unit: "h", unitCents: 0, amountCents: 0 });
  if (rates && ev.kmDriven > 0 && rates.fuelCentsPerKm > 0) {
    out.push({ kind: "FUEL", description: "fuel", quantity: ev.kmDriven, unit: "km", unitCents: rates.fuelCentsPerKm, amountCents: ev.kmDriven * rates.fuelCentsPerKm });
  }
  if (ev.damageCents > 0) {
    out.push({ kind: "DAMAGE", description: ev.damageNote?.trim() || "damage", quantity: 1, unit: "item", unitCents: ev.damageCents, amountCents: ev.damageCents });
  }
  return out;
}

/** How long a cost has been open: from when it was claimed to its decision (or to now when undecided). */
export function outstandingDays(since: Date, until: Date | null, now: Date): number {
  return Math.max(0, Math.floor(((until ?? now).getTime() - since.getTime()) / 86_400_000));
}
