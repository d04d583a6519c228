import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { LOCALE_COOKIE, LOCALE_HEADER, PATH_HEADER } from "@/lib/i18n/config";
import { localizePath, negotiateLocale, splitLocalePath } from "@/lib/i18n/negotiate";
import { createNonce, NONCE_HEADER, responseKindFor, securityHeaders, type SecurityHeaderOptions } from "@/lib/security-headers";

const headerOptions: Omit<SecurityHeaderOptions, "nonce"> = {
  dev: env.NODE_ENV === "development",
  tileUrl: env.MAP_TILE_URL,
  appUrl: env.APP_URL,
};

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * Every response passes here (Next 16 renamed middleware.ts to proxy.ts; it runs on the Node.js runtime):
 *  1. Security headers (lib/security-headers.ts) on pages, API routes, the SSE stream and static files.
 *     Headers set here win over a route handler's own header of the same name.
 *  2. Locale routing, for pages only:
 *   - /zh-CN/… and /en/…: pass through, telling the root layout the locale via a request header
 *     (the root layout sits above [locale] and cannot read the param).
 *   - /zh-cn/… (wrong case): redirect to the canonical spelling.
 *   - anything else (/, /dashboard): redirect to /<locale>/… — NEXT_LOCALE cookie, then Accept-Language,
 *     then zh-CN.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const kind = responseKindFor(pathname);
  if (kind !== "document") return withHeaders(NextResponse.next(), securityHeaders(kind, headerOptions));

  const nonce = createNonce();
  const security = securityHeaders("document", { ...headerOptions, nonce });
  const { locale, exact, rest } = splitLocalePath(pathname);

  if (locale && exact) {
    const headers = new Headers(request.headers);
    headers.set(LOCALE_HEADER, locale);
    // Lets the signed-in layout send a visitor without a session back here after signing in.
    headers.set(PATH_HEADER, `${pathname}${search}`);
    // Next reads the nonce from the request's CSP header and puts it on its own inline and chunk scripts.
    headers.set("Content-Security-Policy", security["Content-Security-Policy"]);
    headers.set(NONCE_HEADER, nonce);
    return withHeaders(NextResponse.next({ request: { headers } }), security);
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
  return withHeaders(response, security);
}

export const config = {
  // Every path: the security headers belong on all responses (locale routing picks out pages itself).
  matcher: ["/:path*"],
};
