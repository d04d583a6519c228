"use client";

import { useT } from "@/lib/i18n/client";
import type { TEligibility } from "@/lib/schemas/listings";

/** The visible warning when a saved listing cannot be offered (expired required credential, unverified org). */
export function EligibilityNotice({ eligibility }: { eligibility: TEligibility }) {
  const t = useT("listings");
  if (eligibility.ok) return null;
  return (
    <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="eligibility-warning">
      <p className="font-medium">{t("form.eligibilityWarning")}</p>
      <ul className="mt-1 list-disc pl-5">
        {eligibility.reasons.map((r, i) => (
          <li key={i}>{t(`reasons.${r.code}`, { detail: r.detail ?? "" })}</li>
        ))}
      </ul>
    </div>
  );
}
