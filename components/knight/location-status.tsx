"use client";

import { useLocale, useT } from "@/lib/i18n/client";
import { formatDate } from "@/lib/i18n/format";
import type { SharingState } from "@/components/knight/use-position-sharing";
import { cx } from "@/components/ui/cx";

/**
 * What happens with the knight's position: shared while on duty (with when it was last sent), or why not
 * — a denied permission says how to allow it, because without a position no nearby task can be offered.
 */
export function LocationStatus({ state, lastSentAt }: { state: SharingState; lastSentAt: Date | null }) {
  const t = useT("knightApp");
  const locale = useLocale();
  if (state === "off") return null;
  const problem = state === "denied" || state === "unavailable" || state === "unsupported";
  return (
    <div
      role={problem ? "alert" : "status"}
      data-testid="location-status"
      data-state={state}
      className={cx(
        "rounded-xl border px-4 py-3 text-sm",
        problem ? "border-amber-300 bg-amber-50 text-amber-900" : "border-slate-200 bg-white text-slate-700",
      )}
    >
      <p className="font-medium">{t(`location.${state}.title`)}</p>
      <p className="mt-0.5 text-xs">
        {state === "sharing" && lastSentAt
          ? t("location.sharing.lastSent", { time: formatDate(locale, lastSentAt, { dateStyle: undefined, timeStyle: "medium" }) })
          : t(`location.${state}.body`)}
      </p>
    </div>
  );
}
