import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import {
  ZListPendingOrgsInput,
  ZOrgVerificationResult,
  ZPendingOrgList,
  ZRejectOrgInput,
  ZVerifyOrgInput,
} from "@/lib/schemas/org";
import { listPendingOrganizations, rejectOrganization, verifyOrganization } from "@/server/modules/orgs/verify-org";

/** Organisation verification by platform admins. */
export const orgRouter = createTRPCRouter({
  listPending: permissionProcedure("org.verify")
    .input(ZListPendingOrgsInput)
    .output(ZPendingOrgList)
    .query(({ ctx, input }) => listPendingOrganizations(ctx.db, input)),

  verify: permissionProcedure("org.verify")
    .input(ZVerifyOrgInput)
    .output(ZOrgVerificationResult)
    .mutation(({ ctx, input }) => verifyOrganization(ctx.db, ctx.actor, input)),

  reject: permissionProcedure("org.verify")
    .input(ZRejectOrgInput)
    .output(ZOrgVerificationResult)
    .mutation(({ ctx, input }) => rejectOrganization(ctx.db, ctx.actor, input)),
});
