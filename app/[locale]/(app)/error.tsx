"use client";

import { useEffect } from "react";
import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/button";

/** A signed-in page failed to render: say so in plain words and offer a retry; details go to the console. */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useT("common");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-[var(--radius-card)] border border-red-200 bg-white p-8 text-center shadow-[var(--shadow-card)]">
      <p className="text-base font-semibold text-slate-900">{t("errors.generic")}</p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-slate-500">{error.digest}</p> : null}
      <Button className="mt-6" onClick={reset}>
        {t("actions.retry")}
      </Button>
    </div>
  );
}
