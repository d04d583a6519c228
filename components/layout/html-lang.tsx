"use client";

import { useEffect } from "react";

/**
 * The root layout sets <html lang> on the first load only; switching language with a client-side
 * navigation keeps the root layout, so this keeps `lang` in step (screen readers pick voices by it).
 */
export function HtmlLang({ lang }: { lang: string }) {
  useEffect(() => {
    if (document.documentElement.lang !== lang) document.documentElement.lang = lang;
  }, [lang]);
  return null;
}
