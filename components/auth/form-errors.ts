import type { ZodError } from "zod";
import type { Locale } from "@/lib/i18n/config";
import { formatDate } from "@/lib/i18n/format";
import type { Translator } from "@/lib/i18n/translate";

/** Field path ("email", "org.name", "_form") → messages: message keys of the "auth" namespace or plain text. */
export type FieldErrorMap = Record<string, string[]>;

export function zodFieldErrors(error: ZodError): FieldErrorMap {
  const out: FieldErrorMap = {};
  for (const issue of error.issues) (out[issue.path.join(".") || "_form"] ??= []).push(issue.message);
  return out;
}

type ErrorLike = { message?: string; data?: { code?: string; fieldErrors?: FieldErrorMap | null } | null };

/** Field errors from a tRPC error (zod issues or AppError.fieldErrors); otherwise one form-level error. */
export function serverFieldErrors(err: unknown): FieldErrorMap {
  const e = (err ?? {}) as ErrorLike;
  const fields = e.data?.fieldErrors;
  if (fields && Object.keys(fields).length) return fields;
  if (!e.data) return { _form: ["errors.network"] };
  return { _form: [e.message || "errors.generic"] };
}

/** Message keys are translated; anything else (a server sentence) is shown as it came. */
export function translateError<K extends string>(t: Translator<K>, message: string, vars?: Record<string, string>): string {
  return message.startsWith("errors.") ? t(message as K, vars) : message;
}

/** The first error of a field, translated (the lockout message gets its time in the reader's locale). */
export function errorFor<K extends string>(t: Translator<K>, locale: Locale, errors: FieldErrorMap, field: string): string | undefined {
  const msg = errors[field]?.[0];
  if (!msg) return undefined;
  const until = errors.lockedUntil?.[0];
  const vars = until ? { time: formatDate(locale, until, { dateStyle: undefined, timeStyle: "short" }) } : undefined;
  return translateError(t, msg, vars);
}

/**
 * FormData → plain object; "org.name" becomes { org: { name } }. Empty fields are left out, so the
 * shared zod schema reports "required" for them and treats empty optional fields as absent.
 */
export function formToObject(form: HTMLFormElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of new FormData(form).entries()) {
    if (typeof value !== "string" || value.trim() === "") continue;
    const parts = name.split(".");
    let node = out;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  }
  return out;
}
