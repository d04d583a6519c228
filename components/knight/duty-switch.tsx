"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/i18n/format";
import type { TKnightProfileDto } from "@/lib/schemas/knight-profile";
import { FormAlert } from "@/components/auth/form-alert";
import { useHydrated } from "@/components/auth/use-hydrated";
import { cx } from "@/components/ui/cx";

/** The big on-duty switch. Warnings from the server (e.g. every training expired) are shown below it. */
export function DutySwitch({ profile, onChange }: { profile: TKnightProfileDto; onChange: (p: TKnightProfileDto) => void }) {
  const t = useT("knight");
  const locale = useLocale();
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const [warnings, setWarnings] = useState<string[]>([]);
  const setOnDuty = useMutation(
    trpc.knight.setOnDuty.mutationOptions({
      onSuccess: (r) => {
        setWarnings(r.warnings);
        onChange(r.profile);
      },
    }),
  );
  const on = profile.onDuty;
  const suspended = profile.status === "SUSPENDED";
  return (
    <div className="space-y-3">
      <button
        type="button"
        role="switch"
        aria-checked={on}
        disabled={!hydrated || setOnDuty.isPending || (suspended && !on)}
        onClick={() => setOnDuty.mutate({ onDuty: !on })}
        data-testid="duty-switch"
        data-on={on ? "true" : "false"}
        className={cx(
          "flex w-full items-center justify-between gap-4 rounded-2xl px-5 py-5 text-left shadow-sm ring-1 ring-inset transition-colors",
          "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-60",
          on ? "bg-emerald-600 text-white ring-emerald-700" : "bg-white text-slate-900 ring-slate-300",
        )}
      >
        <span>
          <span className="block text-xl font-semibold" data-testid="duty-state">
            {setOnDuty.isPending ? t("duty.updating") : on ? t("duty.on") : t("duty.off")}
          </span>
          <span className={cx("mt-0.5 block text-sm", on ? "text-emerald-50" : "text-slate-600")}>
            {on && profile.onDutySince ? t("duty.since", { time: formatDateTime(locale, profile.onDutySince) }) : t("duty.offHint")}
          </span>
        </span>
        <span aria-hidden="true" className={cx("relative h-9 w-16 shrink-0 rounded-full transition-colors", on ? "bg-emerald-300" : "bg-slate-300")}>
          <span className={cx("absolute top-1 size-7 rounded-full bg-white shadow transition-all", on ? "left-8" : "left-1")} />
        </span>
        <span className="sr-only">{t("duty.switchLabel")}</span>
      </button>
      {suspended ? <FormAlert>{t("duty.suspended")}</FormAlert> : null}
      {setOnDuty.isError ? <FormAlert>{setOnDuty.error.message || t("errors.generic")}</FormAlert> : null}
      {warnings.map((w) => (
        <FormAlert key={w} tone="info" data-testid="duty-warning">{t(w)}</FormAlert>
      ))}
    </div>
  );
}
