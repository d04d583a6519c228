import type { FieldErrors } from "@/server/errors";
import type { TResourceTypeMetric } from "@/lib/schemas/catalogue";
import { CHINA_BOUNDS, COMMON_UNITS, type TCredentialInput, type TListingInput } from "@/lib/schemas/listings";
import { validateCapabilities } from "@/server/modules/listings/validate-capabilities";
import { validateAvailabilityWindows } from "@/server/modules/listings/availability-windows";

/** What validation needs to know about the listing's resource type. */
export type ListingTypeRules = { metrics: readonly TResourceTypeMetric[]; defaultUnit: string };

/** The fields the cross-field rules look at (a parsed ZListingInput, or an update merged onto the stored listing). */
export type ListingForValidation = Pick<
  TListingInput,
  "capabilities" | "unit" | "lat" | "lng" | "pricingMode" | "priceCents" | "depositCents" | "availabilityWindows" | "credentials"
>;

export function allowedUnits(defaultUnit: string): string[] {
  return [...new Set([defaultUnit, ...COMMON_UNITS])];
}

function merge(into: FieldErrors, from: FieldErrors) {
  for (const [k, v] of Object.entries(from)) (into[k] ??= []).push(...v);
}

export function validateCoordinates(lat: number, lng: number): FieldErrors {
  const errors: FieldErrors = {};
  const b = CHINA_BOUNDS;
  if (!Number.isFinite(lat) || lat < b.latMin || lat > b.latMax) errors.lat = [`Latitude must be within China (${b.latMin}–${b.latMax}).`];
  if (!Number.isFinite(lng) || lng < b.lngMin || lng > b.lngMax) errors.lng = [`Longitude must be within China (${b.lngMin}–${b.lngMax}).`];
  return errors;
}

/** validFrom ≤ validUntil (a "valid from" after "valid until" — typically future-dated — is refused). */
export function validateCredentials(credentials: readonly TCredentialInput[]): FieldErrors {
  const errors: FieldErrors = {};
  credentials.forEach((c, i) => {
    const from = c.validFrom ? Date.parse(c.validFrom) : NaN;
    const until = c.validUntil ? Date.parse(c.validUntil) : NaN;
    if (!Number.isNaN(from) && !Number.isNaN(until) && from > until) {
      errors[`credentials.${i}.validFrom`] = ["“Valid from” is after “valid until”: check both dates."];
    }
  });
  return errors;
}

export function validatePricing(pricingMode: TListingInput["pricingMode"], priceCents: number, depositCents: number): FieldErrors {
  const errors: FieldErrors = {};
  if (pricingMode === "FREE" && priceCents !== 0) errors.priceCents = ["A free (public-good) listing has no price: set it to 0."];
  if (pricingMode !== "FREE" && !(priceCents > 0)) errors.priceCents = ["Enter a price above 0 for a paid listing."];
  if (depositCents < 0) errors.depositCents = ["The deposit cannot be negative."];
  return errors;
}

/**
 * The listing rules that need its type or look across fields. Pure: the same function checks the form,
 * REST calls and every CSV row. Returns field path → messages ({} = valid).
 */
export function validateListing(input: ListingForValidation, type: ListingTypeRules): FieldErrors {
  const errors: FieldErrors = {};
  merge(errors, validateCapabilities(input.capabilities, type.metrics));
  const units = allowedUnits(type.defaultUnit);
  if (!units.includes(input.unit)) errors.unit = [`Unknown unit "${input.unit}": use one of ${units.join(", ")}.`];
  merge(errors, validateCoordinates(input.lat, input.lng));
  merge(errors, validatePricing(input.pricingMode, input.priceCents, input.depositCents));
  merge(errors, validateAvailabilityWindows(input.availabilityWindows));
  merge(errors, validateCredentials(input.credentials));
  return errors;
}
