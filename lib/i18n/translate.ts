import type { Locale } from "@/lib/i18n/config";

/**
 * The pure core shared by server.ts and client.tsx (no next/* or React imports, so unit tests and
 * server modules such as e-mail rendering can use it directly).
 */
export type Messages = { readonly [key: string]: string | Messages };
export type TranslateVars = Record<string, string | number>;

/** "a.b.c" paths of every leaf string in a message tree — gives editors autocomplete for t("…"). */
export type MessageKey<T> = T extends string
  ? never
  : { [K in keyof T & string]: T[K] extends string ? K : `${K}.${MessageKey<T[K]>}` }[keyof T & string];

/**
 * A translator for one namespace. Keys are suggested from the catalogue, but any string is accepted
 * (dynamic keys such as `status.${x}` are common); an unknown key renders as itself and warns in dev.
 */
export type Translator<K extends string = string> = (key: K | (string & {}), vars?: TranslateVars) => string;

export function lookupMessage(messages: Messages | undefined, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** Replaces `{name}` with vars.name; unknown placeholders are left as written so mistakes stay visible. */
export function interpolate(template: string, vars?: TranslateVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

export function createTranslator<K extends string = string>(opts: {
  messages: Messages | undefined;
  namespace: string;
  locale: Locale;
  /** Called once per missing key (dev only: production passes nothing and stays quiet). */
  onMissing?: (info: { namespace: string; key: string; locale: Locale }) => void;
}): Translator<K> {
  const warned = new Set<string>();
  return (key, vars) => {
    const message = lookupMessage(opts.messages, key);
    if (message === undefined) {
      if (opts.onMissing && !warned.has(key)) {
        warned.add(key);
        opts.onMissing({ namespace: opts.namespace, key, locale: opts.locale });
      }
      return `${opts.namespace}.${key}`;
    }
    return interpolate(message, vars);
  };
}

export function warnMissingMessage(info: { namespace: string; key: string; locale: Locale }) {
  console.warn(`[i18n] missing message "${info.namespace}.${info.key}" for locale ${info.locale}`);
}

/** Every leaf path of a message tree, sorted — the parity test compares these between locales. */
export function messageKeys(messages: Messages, prefix = ""): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.push(path);
    else out.push(...messageKeys(v, path));
  }
  return out.sort();
}
