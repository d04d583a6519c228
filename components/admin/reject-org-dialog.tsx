"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ZRejectOrgInput } from "@/lib/schemas/org";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";

type Org = { id: string; name: string };

function fieldError(error: unknown, field: string): string | undefined {
  return (error as { data?: { fieldErrors?: Record<string, string[]> | null } } | null)?.data?.fieldErrors?.[field]?.[0];
}

/**
 * Modal (native <dialog>: focus is trapped and Escape closes it) asking for the rejection reason.
 * The same zod schema as the procedure validates it first; server field errors show in the same place.
 */
export function RejectOrgDialog<T extends Org>({
  org,
  onClose,
  onRejected,
  onFailed,
}: {
  org: T | null;
  onClose: () => void;
  onRejected: (org: T) => void;
  onFailed: (error: unknown) => void;
}) {
  const t = useT("admin");
  const tc = useT("common");
  const trpc = useTRPC();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const reject = useMutation(trpc.org.reject.mutationOptions());

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (org && !dialog.open) {
      setReason("");
      setError(undefined);
      dialog.showModal();
    } else if (!org && dialog.open) {
      dialog.close();
    }
  }, [org]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!org) return;
    const parsed = ZRejectOrgInput.safeParse({ orgId: org.id, reason });
    if (!parsed.success) {
      const key = parsed.error.issues.find((i) => i.path[0] === "reason")?.message ?? "orgs.reasonRequired";
      setError(t(key));
      reasonRef.current?.focus();
      return;
    }
    reject.mutate(parsed.data, {
      onSuccess: () => onRejected(org),
      onError: (err) => {
        const key = fieldError(err, "reason");
        if (key) {
          setError(t(key));
          reasonRef.current?.focus();
        } else onFailed(err);
      },
    });
  }

  return (
    <dialog
      ref={dialogRef}
      onClose={onClose}
      aria-labelledby="reject-org-title"
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl border border-slate-200 p-0 shadow-[var(--shadow-raised)] backdrop:bg-slate-900/40"
      data-testid="reject-org-dialog"
    >
      <form onSubmit={onSubmit} className="space-y-5 p-6" noValidate>
        <h2 id="reject-org-title" className="text-lg font-semibold text-slate-900">
          {org ? t("orgs.rejectTitle", { name: org.name }) : ""}
        </h2>
        <Field id="reject-reason" label={t("orgs.reasonLabel")} hint={t("orgs.reasonHint")} error={error} required>
          <Textarea
            ref={reasonRef}
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            rows={4}
            autoFocus
            data-testid="reject-reason"
          />
        </Field>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => dialogRef.current?.close()}>
            {tc("actions.cancel")}
          </Button>
          <Button type="submit" variant="danger" disabled={reject.isPending} data-testid="confirm-reject">
            {reject.isPending ? t("orgs.verifying") : t("orgs.confirmReject")}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
