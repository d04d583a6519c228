import { z } from "zod";

/** Organisation API key inputs. Messages are keys in the "auth" namespace (`errors.*`). */
export const ZCreateApiKeyInput = z.object({
  orgId: z.string({ error: "errors.orgRequired" }).trim().min(1, { error: "errors.orgRequired" }),
  name: z.string({ error: "errors.required" }).trim().min(1, { error: "errors.keyNameRequired" }).max(60, { error: "errors.tooLong" }),
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
