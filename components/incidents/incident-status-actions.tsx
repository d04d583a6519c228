"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import type { TIncidentStatus } from "@/lib/schemas/incidents";
import { FormAlert } from "@/components/auth/form-alert";
import { incidentActions } from "@/components/incidents/incident-view";
import { ReasonDialog, type ReasonChoice } from "@/components/needs/reason-dialog";
import { errorMessage, fieldErrorsOf, useIncidentRefresh } from "@/components/needs/use-incident-refresh";
import { Button } from "@/components/ui/button";

/**
 * Activate / contain / reactivate / close, as the incident's state machine allows. Closing asks for the
 * reason recorded on any needs still open; an illegal move shows the server's sentence and changes nothing.
 */
export function IncidentStatusActions({ id, status, openNeeds }: { id: string; status: TIncidentStatus; openNeeds: number }) {
  const t = useT("incidents");
  const tn = useT("needs");
  const trpc = useTRPC();
  const refresh = useIncidentRefresh();
  const [closing, setClosing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const setStatus = useMutation(trpc.incident.setStatus.mutationOptions());

  const move = (to: TIncidentStatus, choice: ReasonChoice = {}) => {
    setError(null);
    setStatus.mutate(
      { id, status: to, ...choice },
      {
        onSuccess: () => {
          setClosing(false);
          void refresh();
        },
        onError: (err) => {
          if (to === "CLOSED" && closing && fieldErrorsOf(err)?.unmetReason) return;
          setClosing(false);
          setError(t("actions.failed", { message: errorMessage(err) }));
        },
      },
    );
  };

  const actions = incidentActions(status);
  if (actions.length === 0) return null;
  return (
    <div className="flex flex-col items-stretch gap-2 sm:items-end">
      <div className="flex flex-wrap gap-2" data-testid="incident-actions">
        {actions.map((a) => (
          <Button
            key={a.key}
            variant={a.key === "close" ? "outline" : "primary"}
            disabled={setStatus.isPending}
            onClick={() => (a.to === "CLOSED" && openNeeds > 0 ? setClosing(true) : move(a.to))}
            data-testid={`incident-${a.key}`}
          >
            {setStatus.isPending ? t("actions.working") : t(`actions.${a.key}`)}
          </Button>
        ))}
      </div>
      {error ? <FormAlert data-testid="incident-action-error">{error}</FormAlert> : null}
      <ReasonDialog
        open={closing}
        testId="close-incident-dialog"
        title={t("actions.close")}
        intro={tn("close.intro")}
        required={false}
        confirmLabel={t("actions.close")}
        pending={setStatus.isPending}
        serverErrors={setStatus.error ? fieldErrorsOf(setStatus.error) : null}
        onConfirm={(choice) => move("CLOSED", choice)}
        onClose={() => setClosing(false)}
      />
    </div>
  );
}
