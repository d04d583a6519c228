import { NextResponse, type NextRequest } from "next/server";
import { LOCALE_COOKIE, LOCALE_HEADER, PATH_HEADER } from "@/lib/i18n/config";
import { localizePath, negotiateLocale, splitLocalePath } from "@/lib/i18n/negotiate";

/**
 * Locale routing (Next 16 renamed middleware.ts to proxy.ts; it runs on the Node.js runtime).
 *  - /zh-CN/… and /en/…: pass through, telling the root layout the locale via a request header
 *    (the root layout sits above [locale] and cannot read the param).
 *  - /zh-cn/… (wrong case): redirect to the canonical spelling.
 *  - anything else (/, /dashboard): redirect to /<locale>/… — NEXT_LOCALE cookie, then Accept-Language,
 *    then zh-CN.
 * /api, /_next and files with an extension never reach this function (see `config.matcher`).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const { locale, exact, rest } = splitLocalePath(pathname);

  if (locale && exact) {
    const headers = new Headers(request.headers);
    headers.set(LOCALE_HEADER, locale);
    // Lets the signed-in layout send a visitor without a session back here after signing in.
    headers.set(PATH_HEADER, `${pathname}${search}`);
    return NextResponse.next({ request: { headers } });
  }

  const target = locale
    ? localizePath(rest, locale)
    : localizePath(
        pathname,
        negotiateLocale({
          cookie: request.cookies.get(LOCALE_COOKIE)?.value,
          acceptLanguage: request.headers.get("accept-language"),
        }),
      );
  const url = request.nextUrl.clone();
  url.pathname = target;
  url.search = search;
  // 307 keeps the method; the choice depends on cookies/headers, so caches must not share it.
  const response = NextResponse.redirect(url, 307);
  response.headers.set("Vary", "Cookie, Accept-Language");
  return response;
}

export const config = {
  matcher: [
    // Everything except API routes, Next internals, and files with an extension (favicon.ico, robots.txt, *.png …).
    "/((?!api/|api$|_next/|_vercel/|.*\\.[^/]+$).*)",
  ],
};
