import { TRPCError } from "@trpc/server";
import { createOpenApiNodeHttpHandler, type OpenApiRouter } from "trpc-to-openapi";
import type { Context } from "@/server/api/trpc";

/**
 * trpc-to-openapi's fetch adapter, minus its per-request setup: `createOpenApiFetchHandler` builds a new node
 * handler on every call, and with it the procedure cache (every procedure's path compiled to a RegExp), and
 * answers with a Response that the REST handler then copied into another one. Here the node handler is built
 * once; each call hands it the request (a proxy exposing the parsed body, as the library's own adapter does)
 * and gets back status, headers and the body text, for the caller to answer with a single Response.
 * Per-call hooks (context, error flag) travel with the request proxy.
 */

export type RestCallHooks = {
  createContext: (req: Request) => Promise<Context>;
  onError: (error: TRPCError, ctx: Context | undefined) => void;
};
export type RestCallResult = { status: number; headers: Headers; body: string | undefined };
type ResponseMeta = (o: { errors: TRPCError[]; paths: readonly string[] | undefined; data: unknown[] }) => { status?: number; headers?: Record<string, string> };

type Parsed = { ok: true; data: unknown } | { ok: false; cause: unknown };

/** The body as the library's fetch adapter reads it: JSON, form fields, or nothing to parse. */
function parseBody(contentType: string | null, bytes: Uint8Array | null): Parsed {
  if (bytes === null) return { ok: true, data: undefined };
  try {
    const text = () => new TextDecoder().decode(bytes);
    if (contentType?.includes("application/json")) return { ok: true, data: JSON.parse(text()) };
    if (contentType?.includes("application/x-www-form-urlencoded")) {
      const params = new URLSearchParams(text());
      const data: Record<string, string[]> = {};
      for (const key of params.keys()) data[key] = params.getAll(key);
      return { ok: true, data };
    }
    return { ok: true, data: bytes };
  } catch (cause) {
    return { ok: false, cause };
  }
}

export function createRestAdapter(opts: { router: OpenApiRouter; endpoint: string; responseMeta: ResponseMeta }) {
  const hooks = new WeakMap<object, RestCallHooks>();
  const handle = createOpenApiNodeHttpHandler({
    router: opts.router,
    createContext: ({ req }: { req: object }) => hooks.get(req)!.createContext(req as Request),
    onError: ({ error, ctx, req }: { error: TRPCError; ctx?: unknown; req: object }) => hooks.get(req)?.onError(error, ctx as Context | undefined),
    responseMeta: opts.responseMeta as never,
  } as never) as unknown as (req: object, res: object) => Promise<void>;

  /** One REST call: `bytes` is the body already read (null for GET/HEAD), `headers` the ones to show the router. */
  return function call(req: Request, bytes: Uint8Array | null, headers: Headers, callHooks: RestCallHooks): Promise<RestCallResult> {
    const url = req.url.replace(opts.endpoint, "");
    const parsed = parseBody(headers.get("content-type"), bytes);
    const proxy = new Proxy(req, {
      get: (target, prop) => {
        if (prop === "url") return url;
        if (prop === "headers") return headers;
        if (prop === "body") {
          if (!parsed.ok) throw new TRPCError({ code: "PARSE_ERROR", message: "Failed to parse request body", cause: parsed.cause });
          return parsed.data;
        }
        return (target as unknown as Record<PropertyKey, unknown>)[prop];
      },
    });
    hooks.set(proxy, callHooks);
    return new Promise((resolve, reject) => {
      const resHeaders = new Headers();
      let status = 200;
      const res = {
        setHeader: (key: string, value: string | string[]) => {
          if (typeof value === "string") resHeaders.set(key, value);
          else for (const v of value) resHeaders.append(key, v);
        },
        get statusCode() {
          return status;
        },
        set statusCode(code: number) {
          status = code;
        },
        end: (body?: string) => resolve({ status, headers: resHeaders, body }),
      };
      handle(proxy, res).catch(reject);
    });
  };
}
