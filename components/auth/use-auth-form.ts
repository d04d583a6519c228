"use client";

import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import type { ZodType } from "zod";
import { formToObject, serverFieldErrors, zodFieldErrors, type FieldErrorMap } from "@/components/auth/form-errors";

/**
 * Submit handling shared by the sign-in/up forms: validate with the shared zod schema first (errors
 * appear next to their fields without a round trip), then call the server, whose field errors land in
 * the same place. After an error, focus moves to the first invalid field.
 */
export function useAuthForm<TInput, TResult>(opts: {
  schema: ZodType;
  send: (input: TInput) => Promise<TResult>;
  onSuccess: (result: TResult) => void;
  /** The success handler leaves the page: keep the button disabled so it cannot be pressed twice. */
  navigatesAway?: boolean;
}) {
  const { schema, send, onSuccess, navigatesAway = false } = opts;
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!Object.keys(errors).length) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const onSubmit = useCallback(
    async (e: FormEvent<HTMLFormElement>) => {
      e.preventDefault();
      const raw = formToObject(e.currentTarget);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        setErrors(zodFieldErrors(parsed.error));
        return;
      }
      setErrors({});
      setPending(true);
      try {
        // The raw object goes to the server, which parses it with the same schema.
        const result = await send(raw as TInput);
        onSuccess(result);
        if (!navigatesAway) setPending(false);
      } catch (err) {
        setErrors(serverFieldErrors(err));
        setPending(false);
      }
    },
    [schema, send, onSuccess, navigatesAway],
  );

  return { errors, pending, onSubmit, formRef, setErrors };
}
