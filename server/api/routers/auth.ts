import { createTRPCRouter, protectedProcedure, publicProcedure, type Context } from "@/server/api/trpc";
import {
  ZRequestEmailLinkInput,
  ZSignInWithPasswordInput,
  ZSignUpExpertInput,
  ZSignUpKnightInput,
  ZSignUpRequesterInput,
  ZSignUpSupplierInput,
} from "@/lib/schemas/auth";
import { signIn as authJsSignIn } from "@/server/auth/config";
import { clearSessionCookie, setSessionCookie } from "@/server/auth/session-cookie";
import { sessionTokenFromCookieHeader } from "@/server/auth/session-policy";
import { deleteSessionByToken } from "@/server/auth/session-store";
import { getMe } from "@/server/modules/accounts/me";
import { signInWithPassword } from "@/server/modules/accounts/sign-in";
import { listGovernmentOrgs } from "@/server/modules/accounts/sign-up-options";
import { signUpExpert, signUpKnight, signUpRequester, signUpSupplier, type SignUpResult } from "@/server/modules/accounts/sign-up";
import { assertEmailLinkBudget } from "@/server/modules/accounts/email-link-budget";

/** Replaces whatever session the browser had with the new one (no orphaned session rows). */
async function startSession(ctx: Context, sessionToken: string): Promise<void> {
  const previous = sessionTokenFromCookieHeader(ctx.headers.get("cookie"));
  if (previous && previous !== sessionToken) await deleteSessionByToken(ctx.db, previous);
  await setSessionCookie(sessionToken);
}

async function signedUp(ctx: Context, r: SignUpResult, locale: string) {
  await startSession(ctx, r.session.sessionToken);
  return { userId: r.userId, orgId: r.orgId, redirectTo: `/${locale}/dashboard` };
}

export const authRouter = createTRPCRouter({
  signUpRequester: publicProcedure
    .input(ZSignUpRequesterInput)
    .mutation(async ({ ctx, input }) => signedUp(ctx, await signUpRequester(ctx.db, input), input.locale)),

  signUpSupplier: publicProcedure
    .input(ZSignUpSupplierInput)
    .mutation(async ({ ctx, input }) => signedUp(ctx, await signUpSupplier(ctx.db, input), input.locale)),

  signUpExpert: publicProcedure
    .input(ZSignUpExpertInput)
    .mutation(async ({ ctx, input }) => signedUp(ctx, await signUpExpert(ctx.db, input), input.locale)),

  signUpKnight: publicProcedure
    .input(ZSignUpKnightInput)
    .mutation(async ({ ctx, input }) => signedUp(ctx, await signUpKnight(ctx.db, input), input.locale)),

  signInWithPassword: publicProcedure.input(ZSignInWithPasswordInput).mutation(async ({ ctx, input }) => {
    const r = await signInWithPassword(ctx.db, input, { ip: ctx.ip });
    await startSession(ctx, r.session.sessionToken);
    return { userId: r.userId };
  }),

  /** Emails a sign-in link through Auth.js (or logs it when SMTP is not configured). */
  requestEmailLink: publicProcedure.input(ZRequestEmailLinkInput).mutation(async ({ ctx, input }) => {
    await assertEmailLinkBudget(ctx.db, input.email);
    await authJsSignIn("nodemailer", { email: input.email, redirect: false, redirectTo: input.callbackUrl ?? `/${input.locale}/dashboard` });
    return { sent: true as const };
  }),

  signOut: publicProcedure.mutation(async ({ ctx }) => {
    const token = sessionTokenFromCookieHeader(ctx.headers.get("cookie"));
    if (token) await deleteSessionByToken(ctx.db, token);
    await clearSessionCookie();
    return { signedOut: true as const };
  }),

  me: protectedProcedure.query(({ ctx }) => getMe(ctx.db, ctx.actor)),

  /** Public: the government organisations a new requester can join. */
  governmentOrgs: publicProcedure.query(({ ctx }) => listGovernmentOrgs(ctx.db)),
});
