import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { defaultLocale, isLocale, LOCALE_HEADER } from "@/lib/i18n/config";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Muster 应急资源交换", template: "%s · Muster" },
  applicationName: "Muster",
};

export const viewport: Viewport = {
  themeColor: "#d9480a",
  width: "device-width",
  initialScale: 1,
};

/**
 * The root layout sits above app/[locale], so it learns the locale from the header the proxy sets
 * (lib/i18n/config LOCALE_HEADER) — that is what puts the right `lang` on <html> for screen readers,
 * fonts and hyphenation.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const fromProxy = (await headers()).get(LOCALE_HEADER);
  const lang = isLocale(fromProxy) ? fromProxy : defaultLocale;
  return (
    <html lang={lang}>
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
