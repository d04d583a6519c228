import type { TEligibility } from "@/lib/schemas/listings";

export type EligibilityCredential = { kind: string; validFrom: Date | string | null | undefined; validUntil: Date | string | null | undefined };

function time(d: Date | string | null | undefined): number | null {
  if (d === null || d === undefined) return null;
  const t = d instanceof Date ? d.getTime() : Date.parse(d);
  return Number.isNaN(t) ? null : t;
}

/**
 * Whether a listing can be offered to requesters. A listing is still saved when it is not: the owner
 * sees the reasons as a warning. Reasons: a required credential kind (ResourceType.requiredCredentialKinds)
 * that no credential covers today (missing, or every one of that kind expired / not yet valid), and an
 * owning organisation that is not verified (null = an individual expert's own listing).
 */
export function computeEligibility(input: {
  requiredKinds: readonly string[];
  credentials: readonly EligibilityCredential[];
  orgVerification: "PENDING" | "VERIFIED" | "REJECTED" | null;
  now?: Date;
}): TEligibility {
  const now = (input.now ?? new Date()).getTime();
  const reasons: TEligibility["reasons"] = [];
  if (input.orgVerification !== null && input.orgVerification !== "VERIFIED") {
    reasons.push({ code: "ORG_UNVERIFIED", detail: null });
  }
  for (const kind of input.requiredKinds) {
    const ofKind = input.credentials.filter((c) => c.kind === kind);
    if (ofKind.length === 0) {
      reasons.push({ code: "CREDENTIAL_MISSING", detail: kind });
      continue;
    }
    const current = ofKind.some((c) => {
      const from = time(c.validFrom);
      const until = time(c.validUntil);
      return (from === null || from <= now) && (until === null || until >= now);
    });
    if (!current) reasons.push({ code: "CREDENTIAL_EXPIRED", detail: kind });
  }
  return { ok: reasons.length === 0, reasons };
}
