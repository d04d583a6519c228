import { z } from "zod";

/**
 * What an organisation API key may do over REST v1: one scope per group of operations (see the OpenAPI
 * document, which lists each operation's scope). A key holds only the scopes chosen when it was created.
 */
export const API_KEY_SCOPES = [
  "catalogue:read",
  "listings:read",
  "listings:write",
  "incidents:read",
  "incidents:write",
  "match:read",
  "offers:respond",
  "orders:read",
  "platform:riders",
  "command:read",
  "compensation:read",
  "compensation:write",
  "search:read",
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export const ZApiKeyScope = z.enum(API_KEY_SCOPES, { error: "errors.scopeInvalid" });

export type ApiKeyOrgKind = "GOVERNMENT" | "ENTERPRISE" | "RESCUE_TEAM" | "SOCIAL_FORCE" | "RESEARCH";

const SUPPLIER_SCOPES: readonly ApiKeyScope[] = ["catalogue:read", "listings:read", "listings:write", "offers:respond", "orders:read", "compensation:read", "compensation:write", "search:read"];

/**
 * The scopes an organisation of this kind may give its keys: requesters post incidents and read matches;
 * suppliers list capacity and answer offers; a delivery platform (an enterprise) also runs its riders.
 */
export const SCOPES_BY_ORG_KIND: Record<ApiKeyOrgKind, readonly ApiKeyScope[]> = {
  GOVERNMENT: ["catalogue:read", "listings:read", "incidents:read", "incidents:write", "match:read", "orders:read", "command:read", "compensation:read", "compensation:write", "search:read"],
  ENTERPRISE: [...SUPPLIER_SCOPES, "platform:riders"],
  RESCUE_TEAM: SUPPLIER_SCOPES,
  SOCIAL_FORCE: SUPPLIER_SCOPES,
  RESEARCH: SUPPLIER_SCOPES,
};

/** Pre-ticked on the create form: reading is the least a key needs, writing is chosen on purpose. */
export const isReadScope = (s: ApiKeyScope): boolean => s.endsWith(":read");

/** Organisation API key inputs. Messages are keys in the "auth" namespace (`errors.*`). */
export const ZCreateApiKeyInput = z.object({
  orgId: z.string({ error: "errors.orgRequired" }).trim().min(1, { error: "errors.orgRequired" }),
  name: z.string({ error: "errors.required" }).trim().min(1, { error: "errors.keyNameRequired" }).max(60, { error: "errors.tooLong" }),
  /**
   * Least privilege: at least one scope, each allowed for the organisation's kind (checked in the module).
   * The form sends them comma-joined in one field.
   */
  scopes: z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : (v ?? [])),
    z
      .array(ZApiKeyScope)
      .min(1, { error: "errors.scopesRequired" })
      .transform((s) => [...new Set(s)].sort((a, b) => API_KEY_SCOPES.indexOf(a) - API_KEY_SCOPES.indexOf(b))),
  ),
  /** Optional expiry; none = valid until revoked. */
  expiresAt: z.coerce
    .date({ error: "errors.dateInvalid" })
    .refine((d) => d.getTime() > Date.now(), { error: "errors.expiryInPast" })
    .optional(),
});
export type TCreateApiKeyInput = z.infer<typeof ZCreateApiKeyInput>;

export const ZListApiKeysInput = z.object({
  orgId: z.string().trim().min(1, { error: "errors.orgRequired" }),
});
export type TListApiKeysInput = z.infer<typeof ZListApiKeysInput>;

export const ZRevokeApiKeyInput = z.object({
  id: z.string().trim().min(1),
});
export type TRevokeApiKeyInput = z.infer<typeof ZRevokeApiKeyInput>;
