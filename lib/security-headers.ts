/**
 * The HTTP security headers of every response, defined here and only here; proxy.ts applies them (its
 * matcher covers pages, /api, /_next and public files alike). Pure functions over explicit options, so the
 * policy is unit-tested; proxy.ts binds them to lib/env.ts (MAP_TILE_URL, APP_URL, NODE_ENV).
 *
 * Three kinds of response get three Content-Security-Policies:
 *  - document: HTML pages (and their RSC payloads). Scripts run only with this request's nonce; Next reads
 *    the nonce from the CSP *request* header the proxy sets and puts it on its own bootstrap scripts, and
 *    'strict-dynamic' lets those load their chunks. Pages are rendered per request (the root layout reads
 *    headers()), so every HTML response carries a fresh nonce.
 *  - api: JSON, CSV, task photos, the SSE stream. Nothing in them may run or load (OWASP REST advice), and
 *    `sandbox` keeps a response opened as a document (a photo in a new tab) in an opaque origin.
 *  - static: /_next/static and public/ files. offline.html needs its own <style> and icon; sw.js is a
 *    service worker, whose own fetches this policy governs, so it needs connect-src 'self'.
 */
export type ResponseKind = "document" | "api" | "static";

export type SecurityHeaderOptions = {
  /** Base64 nonce for document responses (createNonce). */
  nonce?: string;
  /** `next dev`: React's dev build evaluates strings (call stacks, Fast Refresh), so 'unsafe-eval'. */
  dev: boolean;
  /** lib/env MAP_TILE_URL: a Leaflet template such as https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png */
  tileUrl: string;
  /** lib/env APP_URL: HSTS and upgrade-insecure-requests only when the app is served over https. */
  appUrl: string;
};

/** Request header carrying the page's nonce, for a server component that renders its own <script nonce>. */
export const NONCE_HEADER = "x-nonce";

/** Which policy a request path gets; the same split the locale routing uses (pages never have a dot). */
export function responseKindFor(pathname: string): ResponseKind {
  if (pathname === "/api" || pathname.startsWith("/api/")) return "api";
  if (pathname.startsWith("/_next/") || /\.[^/]+$/.test(pathname)) return "static";
  return "document";
}

/** 128 random bits, base64 (the alphabet Next's nonce parser accepts). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The CSP source for map tiles: the template's origin, with Leaflet's `{s}` subdomain as a wildcard label
 * (`https://*.tile.openstreetmap.org`). A relative template is same-origin ('self' covers it). A template
 * CSP cannot express (a placeholder elsewhere in the host) gives its scheme only rather than breaking maps.
 */
export function tileImageSource(tileUrl: string): string | null {
  const m = /^(https?):\/\/([^/?#]+)/i.exec(tileUrl.trim());
  if (!m) return null;
  const scheme = m[1].toLowerCase();
  const host = m[2].toLowerCase().replace(/^\{s\}\./, "*.");
  if (!/^(\*\.)?[a-z0-9.-]+(:\d+)?$/.test(host)) return `${scheme}:`;
  return `${scheme}://${host}`;
}

function isHttps(appUrl: string): boolean {
  return appUrl.startsWith("https://");
}

export function contentSecurityPolicy(kind: ResponseKind, opts: SecurityHeaderOptions): string {
  const common = ["base-uri 'none'", "frame-ancestors 'none'", "object-src 'none'"];
  if (kind === "api") return ["default-src 'none'", ...common, "form-action 'none'", "sandbox"].join("; ");
  if (kind === "static") {
    return ["default-src 'none'", "connect-src 'self'", "img-src 'self'", "style-src 'unsafe-inline'", "manifest-src 'self'", ...common, "form-action 'none'"].join("; ");
  }
  if (!opts.nonce) throw new Error("A document's Content-Security-Policy needs a nonce.");
  const tiles = tileImageSource(opts.tileUrl);
  const directives = [
    "default-src 'self'",
    // No 'unsafe-inline' for scripts: only nonced scripts and what they load. 'self' is ignored by browsers
    // that know 'strict-dynamic'; it is the fallback for those that do not.
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // Styles: React renders `style={{…}}` as style attributes in server HTML and Leaflet writes marker and
    // attribution markup with inline style attributes (divIcon html); neither can carry a nonce, and a
    // nonce in this list would make browsers ignore 'unsafe-inline'. Inline CSS cannot run script.
    "style-src 'self' 'unsafe-inline'",
    // data: Leaflet's and Tailwind's inline images; blob: the photo flow's local previews before upload.
    ["img-src 'self' data: blob:", tiles].filter(Boolean).join(" "),
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-src 'none'",
    "form-action 'self'",
    ...common,
  ];
  if (isHttps(opts.appUrl)) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/**
 * Browser features the app may use: geolocation (knights share their position, requesters centre the map)
 * and the camera (knights' task photos), on this origin only. Everything listed with () is off, for us and
 * for anything we might embed.
 */
const PERMISSIONS_POLICY = [
  "geolocation=(self)",
  "camera=(self)",
  ...[
    "accelerometer", "autoplay", "browsing-topics", "display-capture", "encrypted-media", "fullscreen", "gyroscope",
    "hid", "idle-detection", "magnetometer", "microphone", "midi", "payment", "picture-in-picture",
    "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
  ].map((feature) => `${feature}=()`),
].join(", ");

/** Two years, subdomains included: the length browsers' preload lists ask for. */
const HSTS = "max-age=63072000; includeSubDomains";

export function securityHeaders(kind: ResponseKind, opts: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(kind, opts),
    // For browsers that predate frame-ancestors.
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    // No window we open (or that opens us) keeps a handle on this one.
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (isHttps(opts.appUrl)) headers["Strict-Transport-Security"] = HSTS;
  return headers;
}
