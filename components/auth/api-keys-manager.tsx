"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/i18n/format";
import { SCOPES_BY_ORG_KIND, ZCreateApiKeyInput, isReadScope, type ApiKeyOrgKind, type ApiKeyScope } from "@/lib/schemas/api-keys";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { FormAlert } from "@/components/auth/form-alert";
import { errorFor } from "@/components/auth/form-errors";
import { useAuthForm } from "@/components/auth/use-auth-form";
import { useHydrated } from "@/components/auth/use-hydrated";

type Org = { id: string; name: string; kind: ApiKeyOrgKind };

/** Least privilege by default: only the read scopes the organisation may hold start ticked. */
const defaultScopes = (org: Org | undefined): ApiKeyScope[] => (org ? SCOPES_BY_ORG_KIND[org.kind].filter(isReadScope) : []);

/**
 * Create / list / revoke an organisation's API keys. The full key is shown once, right after creation.
 * The form offers only the scopes the organisation's kind may hold (the server checks again).
 */
export function ApiKeysManager({ orgs }: { orgs: Org[] }) {
  const t = useT("auth"); // field errors (errors.*)
  const tk = useT("apiKeys");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [orgId, setOrgId] = useState(orgs[0]?.id ?? "");
  const org = orgs.find((o) => o.id === orgId);
  const [scopes, setScopes] = useState<ApiKeyScope[]>(() => defaultScopes(orgs[0]));
  const toggleScope = (s: ApiKeyScope, on: boolean) => setScopes((cur) => (on ? [...cur, s] : cur.filter((x) => x !== s)));
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [copied, setCopied] = useState(false);
  // "Expired" is judged against the time the page opened (render must stay pure).
  const [now] = useState(() => Date.now());
  const hydrated = useHydrated();

  const listKey = trpc.apiKey.list.queryKey({ orgId });
  const list = useQuery(trpc.apiKey.list.queryOptions({ orgId }, { enabled: !!orgId }));
  const createKey = useMutation(trpc.apiKey.create.mutationOptions());
  const revoke = useMutation(
    trpc.apiKey.revoke.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }) }),
  );

  const { errors, pending, onSubmit, formRef } = useAuthForm({
    schema: ZCreateApiKeyInput,
    send: createKey.mutateAsync,
    onSuccess: (k) => {
      setCreated({ name: k.name, secret: k.secret });
      setCopied(false);
      formRef.current?.reset();
      setScopes(defaultScopes(org));
      void queryClient.invalidateQueries({ queryKey: listKey });
    },
  });
  const err = (f: string) => errorFor(t, locale, errors, f);

  async function copy(secret: string) {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  function onRevoke(id: string, name: string) {
    if (window.confirm(tk("confirmRevoke", { name }))) revoke.mutate({ id });
  }

  return (
    <div className="space-y-8">
      {orgs.length > 1 ? (
        <Field id="apikey-org" label={tk("org")} className="max-w-sm">
          <Select
            value={orgId}
            onChange={(e) => {
              setOrgId(e.target.value);
              setScopes(defaultScopes(orgs.find((o) => o.id === e.target.value)));
            }}
            data-testid="apikey-org"
          >
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}

      {created ? (
        <div className="rounded-[var(--radius-card)] border border-amber-300 bg-amber-50 p-5" role="status" data-testid="apikey-secret-panel">
          <h2 className="text-base font-semibold text-amber-900">{tk("secretHeading")}</h2>
          <p className="mt-1 text-sm text-amber-900">{tk("secretBody")}</p>
          <div className="mt-3 flex flex-col gap-2 sm:flex-row">
            <code className="block flex-1 break-all rounded-md border border-amber-200 bg-white px-3 py-2 font-mono text-sm text-slate-900" data-testid="apikey-secret">
              {created.secret}
            </code>
            <Button variant="outline" onClick={() => copy(created.secret)} data-testid="apikey-copy">
              {copied ? tk("copied") : tk("copy")}
            </Button>
          </div>
          <Button className="mt-3" size="sm" variant="secondary" onClick={() => setCreated(null)} data-testid="apikey-secret-done">
            {tk("done")}
          </Button>
        </div>
      ) : null}

      <Card>
        <CardHeader title={tk("createHeading")} />
        <CardBody>
          <form ref={formRef} method="post" noValidate onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start" data-testid="apikey-create-form">
            <input type="hidden" name="orgId" value={orgId} />
            {errors._form || errors.orgId ? (
              <div className="sm:col-span-3">
                <FormAlert>{err("_form") ?? err("orgId")}</FormAlert>
              </div>
            ) : null}
            <Field id="apikey-name" label={tk("name")} error={err("name")} required>
              <Input name="name" maxLength={60} placeholder={tk("namePlaceholder")} data-testid="apikey-name" />
            </Field>
            <Field id="apikey-expiresAt" label={tk("expiresAt")} hint={tk("expiresHint")} error={err("expiresAt")}>
              <Input name="expiresAt" type="date" data-testid="apikey-expiresAt" />
            </Field>
            <Button type="submit" className="sm:mt-7" disabled={pending || !hydrated} data-testid="apikey-create-submit">
              {pending ? tk("creating") : tk("create")}
            </Button>
            <input type="hidden" name="scopes" value={scopes.join(",")} />
            <fieldset className="sm:col-span-3" aria-describedby="apikey-scopes-hint" aria-invalid={errors.scopes ? true : undefined} data-testid="apikey-scopes">
              <legend className="text-sm font-medium text-slate-900">{tk("scopes")}</legend>
              <p id="apikey-scopes-hint" className="mt-1 text-xs text-slate-600">
                {tk("scopesHint")}
              </p>
              <div className="mt-2 grid gap-2 sm:grid-cols-2">
                {(org ? SCOPES_BY_ORG_KIND[org.kind] : []).map((s) => (
                  <label key={s} className="flex items-start gap-2 text-sm text-slate-800">
                    <input
                      type="checkbox"
                      className="mt-0.5"
                      checked={scopes.includes(s)}
                      onChange={(e) => toggleScope(s, e.target.checked)}
                      data-testid={`apikey-scope-${s}`}
                    />
                    <span>
                      <code className="font-mono text-xs">{s}</code> <span className="text-slate-600">{tk(`scopeNames.${s}`)}</span>
                    </span>
                  </label>
                ))}
              </div>
              {err("scopes") ? (
                <p className="mt-1 text-sm text-red-700" role="alert">
                  {err("scopes")}
                </p>
              ) : null}
            </fieldset>
          </form>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title={tk("listHeading")} />
        {list.isError ? (
          <CardBody>
            <FormAlert>{tk("loadFailed")}</FormAlert>
          </CardBody>
        ) : list.data && list.data.length === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-600" data-testid="apikey-empty">
              {tk("empty")}
            </p>
          </CardBody>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">{tk("caption")}</caption>
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  {(["name", "prefix", "scopes", "created", "lastUsed", "status", "actions"] as const).map((c) => (
                    <th key={c} scope="col" className="px-4 py-2 font-medium">
                      {tk(`columns.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {(list.data ?? []).map((k) => {
                  const expired = !k.revokedAt && k.expiresAt && new Date(k.expiresAt).getTime() <= now;
                  const status = k.revokedAt ? "revoked" : expired ? "expired" : "active";
                  return (
                    <tr key={k.id} data-testid="apikey-row" data-key-id={k.id} data-status={status}>
                      <td className="px-4 py-3 font-medium text-slate-900">{k.name}</td>
                      <td className="px-4 py-3 font-mono text-xs text-slate-700">mk_{k.prefix}_…</td>
                      <td className="px-4 py-3" data-testid="apikey-row-scopes">
                        {k.scopes.length ? (
                          <ul className="flex flex-wrap gap-1">
                            {k.scopes.map((s) => (
                              <li key={s}>
                                <Badge tone="neutral">{s}</Badge>
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <span className="text-slate-500">{tk("noScopes")}</span>
                        )}
                      </td>
                      <td className="px-4 py-3 text-slate-600">{formatDateTime(locale, k.createdAt)}</td>
                      <td className="px-4 py-3 text-slate-600">{k.lastUsedAt ? formatDateTime(locale, k.lastUsedAt) : tk("never")}</td>
                      <td className="px-4 py-3">
                        <Badge tone={status === "active" ? "success" : "neutral"}>{tk(`${status}`)}</Badge>
                      </td>
                      <td className="px-4 py-3">
                        {status === "revoked" ? null : (
                          <Button
                            size="sm"
                            variant="outline"
                            disabled={revoke.isPending && revoke.variables?.id === k.id}
                            onClick={() => onRevoke(k.id, k.name)}
                            data-testid="apikey-revoke"
                          >
                            {revoke.isPending && revoke.variables?.id === k.id ? tk("revoking") : tk("revoke")}
                          </Button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
