"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { ZRequestEmailLinkInput, ZSignInWithPasswordInput } from "@/lib/schemas/auth";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { cx } from "@/components/ui/cx";
import { FormAlert } from "@/components/auth/form-alert";
import { errorFor } from "@/components/auth/form-errors";
import { PasswordInput } from "@/components/auth/password-input";
import { SubmitButton } from "@/components/auth/submit-button";
import { useAuthForm } from "@/components/auth/use-auth-form";

type Tab = "password" | "email";
const TABS: Tab[] = ["password", "email"];

/**
 * Two ways in: password (email or phone) and an emailed one-time link. Tabs follow the WAI-ARIA tabs
 * pattern (arrow keys move between them). After a password sign-in the page is fully reloaded at
 * `callbackUrl`, so every server component sees the new session cookie.
 */
export function SignInForm(props: { callbackUrl: string; initialTab?: Tab; notice?: string; urlError?: string }) {
  const t = useT("auth");
  const locale = useLocale();
  const trpc = useTRPC();
  const [tab, setTab] = useState<Tab>(props.initialTab ?? "password");
  const [linkSent, setLinkSent] = useState(false);
  const baseId = useId();
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ password: null, email: null });

  const signIn = useMutation(trpc.auth.signInWithPassword.mutationOptions());
  const {
    errors: passwordErrors,
    pending: passwordPending,
    onSubmit: onPasswordSubmit,
    formRef: passwordFormRef,
  } = useAuthForm({
    schema: ZSignInWithPasswordInput,
    send: signIn.mutateAsync,
    onSuccess: () => window.location.assign(props.callbackUrl),
    navigatesAway: true,
  });

  const requestLink = useMutation(trpc.auth.requestEmailLink.mutationOptions());
  const {
    errors: emailErrors,
    pending: emailPending,
    onSubmit: onEmailSubmit,
    formRef: emailFormRef,
  } = useAuthForm({
    schema: ZRequestEmailLinkInput,
    send: requestLink.mutateAsync,
    onSuccess: () => setLinkSent(true),
  });

  function onTabKey(e: KeyboardEvent<HTMLButtonElement>) {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    e.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + (e.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length];
    setTab(next);
    tabRefs.current[next]?.focus();
  }

  const tabId = (x: Tab) => `${baseId}-tab-${x}`;
  const panelId = (x: Tab) => `${baseId}-panel-${x}`;
  const pErr = (f: string) => errorFor(t, locale, passwordErrors, f);
  const eErr = (f: string) => errorFor(t, locale, emailErrors, f);

  return (
    <div className="space-y-6">
      {props.urlError ? <FormAlert data-testid="signin-url-error">{props.urlError}</FormAlert> : null}
      {props.notice ? <FormAlert tone="info">{props.notice}</FormAlert> : null}
      <div role="tablist" aria-label={t("signIn.tabsLabel")} className="grid grid-cols-2 rounded-lg bg-slate-100 p-1">
        {TABS.map((x) => (
          <button
            key={x}
            ref={(el) => {
              tabRefs.current[x] = el;
            }}
            type="button"
            role="tab"
            id={tabId(x)}
            aria-selected={tab === x}
            aria-controls={panelId(x)}
            tabIndex={tab === x ? 0 : -1}
            onClick={() => setTab(x)}
            onKeyDown={onTabKey}
            data-testid={`signin-tab-${x}`}
            className={cx(
              "h-9 rounded-md text-sm font-medium transition-colors",
              tab === x ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900",
            )}
          >
            {x === "password" ? t("signIn.tabPassword") : t("signIn.tabEmail")}
          </button>
        ))}
      </div>

      <div role="tabpanel" id={panelId("password")} aria-labelledby={tabId("password")} hidden={tab !== "password"}>
        <form ref={passwordFormRef} method="post" noValidate onSubmit={onPasswordSubmit} className="space-y-4" data-testid="signin-password-form">
          {passwordErrors._form ? <FormAlert data-testid="signin-error">{pErr("_form")}</FormAlert> : null}
          <Field id="signin-identifier" label={t("signIn.identifier")} error={pErr("identifier")} required>
            <Input
              name="identifier"
              autoComplete="username"
              placeholder={t("signIn.identifierPlaceholder")}
              data-testid="signin-identifier"
            />
          </Field>
          <Field id="signin-password" label={t("signIn.password")} error={pErr("password")} required>
            <PasswordInput
              name="password"
              autoComplete="current-password"
              data-testid="signin-password"
              showLabel={t("signIn.showPassword")}
              hideLabel={t("signIn.hidePassword")}
            />
          </Field>
          <SubmitButton pending={passwordPending} label={t("signIn.submit")} pendingLabel={t("signIn.submitting")} testId="signin-submit" />
        </form>
      </div>

      <div role="tabpanel" id={panelId("email")} aria-labelledby={tabId("email")} hidden={tab !== "email"}>
        {linkSent ? (
          <FormAlert tone="success" data-testid="signin-link-sent">
            {t("signIn.emailSent")}
          </FormAlert>
        ) : (
          <form ref={emailFormRef} method="post" noValidate onSubmit={onEmailSubmit} className="space-y-4" data-testid="signin-email-form">
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="callbackUrl" value={props.callbackUrl} />
            {emailErrors._form ? <FormAlert data-testid="signin-email-error">{eErr("_form")}</FormAlert> : null}
            <Field id="signin-email" label={t("signIn.email")} hint={t("signIn.emailHint")} error={eErr("email")} required>
              <Input name="email" type="email" inputMode="email" autoComplete="email" data-testid="signin-email" />
            </Field>
            <SubmitButton
              pending={emailPending}
              label={t("signIn.emailSubmit")}
              pendingLabel={t("signIn.emailSending")}
              testId="signin-email-submit"
            />
          </form>
        )}
      </div>
    </div>
  );
}
