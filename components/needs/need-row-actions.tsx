"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import type { TNeedDto, TNeedStatus } from "@/lib/schemas/needs";
import { localeHref } from "@/components/layout/routes";
import { editNeedPath } from "@/components/incidents/incident-view";
import { closeNeedsReason, needActions } from "@/components/needs/need-view";
import { ReasonDialog, type ReasonChoice } from "@/components/needs/reason-dialog";
import { errorMessage, fieldErrorsOf, useIncidentRefresh } from "@/components/needs/use-incident-refresh";
import { Button, ButtonLink } from "@/components/ui/button";

/** Edit / approve / publish / close (with a reason when unfilled) / cancel, as the need's status allows. */
export function NeedRowActions({
  need,
  canApprove,
  onNotice,
}: {
  need: Pick<TNeedDto, "id" | "incidentId" | "title" | "status">;
  canApprove: boolean;
  onNotice: (n: { tone: "success" | "error"; text: string }) => void;
}) {
  const t = useT("incidents");
  const tn = useT("needs");
  const locale = useLocale();
  const trpc = useTRPC();
  const refresh = useIncidentRefresh();
  const [closing, setClosing] = useState(false);
  const setStatus = useMutation(trpc.need.setStatus.mutationOptions());
  const approve = useMutation(trpc.need.approve.mutationOptions());
  const actions = needActions(need.status, { canApprove });
  const busy = setStatus.isPending || approve.isPending;

  const fail = (err: unknown) => onNotice({ tone: "error", text: tn("actions.failed", { message: errorMessage(err) }) });
  const done = () => {
    onNotice({ tone: "success", text: t("actions.done") });
    void refresh();
  };
  const move = (status: TNeedStatus, choice: ReasonChoice = {}) =>
    setStatus.mutate(
      { id: need.id, status, ...choice },
      {
        onSuccess: () => {
          setClosing(false);
          done();
        },
        // Field errors (a missing reason) stay in the dialog; anything else is reported on the page.
        onError: (err) => (status === "CLOSED" && fieldErrorsOf(err) ? undefined : fail(err)),
      },
    );

  if (actions.length === 0) return null;
  return (
    <div className="flex flex-wrap gap-1.5" data-testid="need-actions">
      {actions.includes("edit") ? (
        <ButtonLink href={localeHref(locale, editNeedPath(need.incidentId, need.id))} size="sm" variant="outline" data-testid="need-edit">
          {tn("actions.edit")}
        </ButtonLink>
      ) : null}
      {actions.includes("approve") ? (
        <Button size="sm" disabled={busy} onClick={() => approve.mutate({ id: need.id }, { onSuccess: done, onError: fail })} data-testid="need-approve">
          {tn("actions.approve")}
        </Button>
      ) : null}
      {actions.includes("open") ? (
        <Button size="sm" disabled={busy} onClick={() => move("OPEN")} data-testid="need-open">
          {tn("actions.open")}
        </Button>
      ) : null}
      {actions.includes("close") ? (
        <Button size="sm" variant="outline" disabled={busy} onClick={() => setClosing(true)} data-testid="need-close">
          {tn("actions.close")}
        </Button>
      ) : null}
      {actions.includes("cancel") ? (
        <Button
          size="sm"
          variant="ghost"
          disabled={busy}
          onClick={() => {
            if (window.confirm(tn("actions.cancelConfirm"))) move("CANCELLED");
          }}
          data-testid="need-cancel"
        >
          {tn("actions.cancel")}
        </Button>
      ) : null}
      <ReasonDialog
        open={closing}
        title={tn("close.title", { title: need.title })}
        intro={closeNeedsReason(need.status) ? tn("close.intro") : tn("close.introFilled")}
        required={closeNeedsReason(need.status)}
        confirmLabel={tn("close.confirm")}
        pending={setStatus.isPending}
        serverErrors={setStatus.error ? fieldErrorsOf(setStatus.error) : null}
        onConfirm={(choice) => move("CLOSED", choice)}
        onClose={() => {
          setClosing(false);
          setStatus.reset();
        }}
      />
    </div>
  );
}
