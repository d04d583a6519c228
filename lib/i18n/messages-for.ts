import { catalogue, type Namespace, type NamespaceMessages } from "@/lib/i18n/catalogue";
import type { Locale } from "@/lib/i18n/config";
import { createTranslator, type MessageKey, type Messages, type Translator } from "@/lib/i18n/translate";

/** Synchronous translator from the catalogue, for code outside React (e-mails, notifications, tests). */
export function translatorFor<NS extends Namespace>(
  locale: Locale,
  namespace: NS,
  onMissing?: Parameters<typeof createTranslator>[0]["onMissing"],
): Translator<MessageKey<NamespaceMessages<NS>>> {
  const messages = catalogue[namespace][locale] as unknown as Messages;
  return createTranslator({ messages, namespace, locale, onMissing });
}

export type ClientMessages = Partial<Record<Namespace, Messages>>;

/** One locale's messages for the given namespaces (default: all) — what the client provider receives. */
export function messagesFor(locale: Locale, namespaces?: readonly Namespace[]): ClientMessages {
  const names = namespaces ?? (Object.keys(catalogue) as Namespace[]);
  const out: ClientMessages = {};
  for (const ns of names) out[ns] = catalogue[ns][locale] as unknown as Messages;
  return out;
}
