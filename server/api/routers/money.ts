import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { platformFees, requesterSpend, supplierEarnings } from "@/server/modules/ledger/money-reports";

/** The money pages: a supplier's earnings and payouts, a requester's spend per incident, the platform's fees. */
export const moneyRouter = createTRPCRouter({
  earnings: permissionProcedure("money.read").query(({ ctx }) => supplierEarnings(ctx.db, ctx.actor)),
  spend: permissionProcedure("money.read").query(({ ctx }) => requesterSpend(ctx.db, ctx.actor)),
  fees: permissionProcedure("money.platform").query(({ ctx }) => platformFees(ctx.db, ctx.actor)),
});
