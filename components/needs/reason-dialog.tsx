"use client";

import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useT } from "@/lib/i18n/client";
import { UNMET_REASONS, type TUnmetReason } from "@/lib/schemas/needs";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select, Textarea } from "@/components/ui/input";

export type ReasonChoice = { unmetReason?: TUnmetReason; unmetNote?: string };

/**
 * Native <dialog> asking why demand was not met (reason code + note). With `required`, confirming
 * without a reason shows the error instead of sending; server field errors land on the same fields.
 */
export function ReasonDialog({
  open,
  title,
  intro,
  required,
  confirmLabel,
  pending,
  serverErrors,
  onConfirm,
  onClose,
  testId = "close-need-dialog",
}: {
  open: boolean;
  title: ReactNode;
  intro: ReactNode;
  required: boolean;
  confirmLabel: string;
  pending: boolean;
  serverErrors?: Record<string, string[]> | null;
  onConfirm: (choice: ReasonChoice) => void;
  onClose: () => void;
  testId?: string;
}) {
  const t = useT("needs");
  const tc = useT("common");
  const ref = useRef<HTMLDialogElement>(null);
  const uid = `${testId}-${useId().replace(/[^A-Za-z0-9_-]/g, "")}`;
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [localError, setLocalError] = useState<string | undefined>();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setReason("");
      setNote("");
      setLocalError(undefined);
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (required && !reason) {
      setLocalError(t("close.reasonRequired"));
      return;
    }
    setLocalError(undefined);
    onConfirm({ unmetReason: (reason || undefined) as TUnmetReason | undefined, unmetNote: note.trim() || undefined });
  }

  const reasonError = localError ?? serverErrors?.unmetReason?.[0];
  const noteError = serverErrors?.unmetNote?.[0];
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby={`${uid}-title`}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl border border-slate-200 p-0 shadow-[var(--shadow-raised)] backdrop:bg-slate-900/40"
      data-testid={testId}
    >
      <form onSubmit={submit} className="space-y-5 p-6" noValidate>
        <h2 id={`${uid}-title`} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <p className="text-sm text-slate-600">{intro}</p>
        <Field id={`${uid}-reason`} label={t("close.reason")} error={reasonError} required={required}>
          <Select value={reason} onChange={(e) => setReason(e.target.value)} data-testid="close-reason">
            <option value="">{t("close.reasonPlaceholder")}</option>
            {UNMET_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`reasons.${r}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${uid}-note`} label={t("close.note")} error={noteError} required={reason === "OTHER"}>
          <Textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={500} data-testid="close-note" />
        </Field>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => ref.current?.close()}>
            {tc("actions.cancel")}
          </Button>
          <Button type="submit" variant="danger" disabled={pending} data-testid="confirm-close">
            {pending ? t("actions.working") : confirmLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
