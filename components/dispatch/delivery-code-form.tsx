"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { ZSetDeliveryCodeInput } from "@/lib/schemas/knight-tasks";
import { FormAlert } from "@/components/auth/form-alert";
import { serverFieldErrors, translateError, zodFieldErrors, type FieldErrorMap } from "@/components/auth/form-errors";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/**
 * The requester's optional delivery code for a knight task: the recipient tells it to the knight, and a
 * matching code completes the task at once. The code is never shown to knights; empty removes it.
 */
export function DeliveryCodeForm({ needId }: { needId: string }) {
  const t = useT("knightDispatch");
  const tDuty = useT("knightDuty");
  const trpc = useTRPC();
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [done, setDone] = useState<"set" | "cleared" | null>(null);
  const save = useMutation(trpc.knightTask.setDeliveryCode.mutationOptions());

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const parsed = ZSetDeliveryCodeInput.safeParse({ needId, code: code.trim() ? code.trim() : null });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    save.mutate(parsed.data, {
      onSuccess: (r) => {
        setErrors({});
        setCode("");
        setDone(r.hasCode ? "set" : "cleared");
      },
      onError: (err) => setErrors(serverFieldErrors(err)),
    });
  }
  const err = errors.code?.[0] ?? errors._form?.[0];
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2" data-testid="delivery-code-form">
      <div className="flex items-end gap-2">
        <Field id={`delivery-code-${needId}`} label={t("card.deliveryCode")} hint={t("card.deliveryCodeHint")} error={err ? translateError(tDuty, err) : undefined} className="flex-1">
          <Input value={code} onChange={(e) => setCode(e.target.value)} maxLength={12} autoComplete="off" data-testid="delivery-code-input" />
        </Field>
        <Button type="submit" variant="outline" disabled={save.isPending} data-testid="delivery-code-save">
          {t("card.deliveryCodeSave")}
        </Button>
      </div>
      {done ? (
        <FormAlert tone="success" data-testid="delivery-code-done">
          {done === "set" ? t("card.deliveryCodeSaved") : t("card.deliveryCodeCleared")}
        </FormAlert>
      ) : null}
    </form>
  );
}
