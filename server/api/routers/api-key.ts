import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { ZCreateApiKeyInput, ZListApiKeysInput, ZRevokeApiKeyInput } from "@/lib/schemas/api-keys";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/modules/api-keys/api-keys";

export const apiKeyRouter = createTRPCRouter({
  /** The response carries `secret` — the only time the full key is ever shown. */
  create: permissionProcedure("apiKey.manage")
    .input(ZCreateApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.actor, input)),

  list: permissionProcedure("apiKey.manage")
    .input(ZListApiKeysInput)
    .query(({ ctx, input }) => listApiKeys(ctx.db, ctx.actor, input)),

  revoke: permissionProcedure("apiKey.manage")
    .input(ZRevokeApiKeyInput)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.actor, input)),
});
