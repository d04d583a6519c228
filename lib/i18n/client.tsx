"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { Locale } from "@/lib/i18n/config";
import type { Namespace, NamespaceMessages } from "@/lib/i18n/catalogue";
import type { ClientMessages } from "@/lib/i18n/messages-for";
import { createTranslator, warnMissingMessage, type MessageKey, type Translator } from "@/lib/i18n/translate";

type I18nState = { locale: Locale; messages: ClientMessages; warnMissing: boolean };

const I18nContext = createContext<I18nState | null>(null);

/**
 * Gives client components the current locale and its messages. The [locale] layout renders it with
 * `messagesFor(locale)`; the catalogue itself is never bundled into client JavaScript.
 */
export function I18nProvider(props: {
  locale: Locale;
  messages: ClientMessages;
  /** True outside production: missing keys log a console warning. */
  warnMissing?: boolean;
  children: ReactNode;
}) {
  const { locale, messages, warnMissing = false, children } = props;
  const value = useMemo(() => ({ locale, messages, warnMissing }), [locale, messages, warnMissing]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nState {
  const state = useContext(I18nContext);
  if (!state) throw new Error("useT/useLocale must be used inside <I18nProvider> (rendered by app/[locale]/layout.tsx).");
  return state;
}

export function useLocale(): Locale {
  return useI18n().locale;
}

/** `const t = useT("common"); t("actions.save")`. */
export function useT<NS extends Namespace>(namespace: NS): Translator<MessageKey<NamespaceMessages<NS>>> {
  const { locale, messages, warnMissing } = useI18n();
  const nsMessages = messages[namespace];
  return useMemo(
    () =>
      createTranslator<MessageKey<NamespaceMessages<NS>>>({
        messages: nsMessages,
        namespace,
        locale,
        onMissing: warnMissing ? warnMissingMessage : undefined,
      }),
    [nsMessages, namespace, locale, warnMissing],
  );
}
