"use client";

import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { newCredential, type CredentialState } from "@/components/listings/form/form-state";

/** Credential rows (licences, certificates); errors arrive as `credentials.<i>.<field>`. */
export function CredentialsEditor({ value, onChange, error }: { value: CredentialState[]; onChange(v: CredentialState[]): void; error(path: string): string | undefined }) {
  const t = useT("listings");
  const set = (i: number, patch: Partial<CredentialState>) => onChange(value.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const fields: { key: keyof CredentialState; label: string; type: string }[] = [
    { key: "kind", label: t("form.credKind"), type: "text" },
    { key: "number", label: t("form.credNumber"), type: "text" },
    { key: "issuer", label: t("form.credIssuer"), type: "text" },
    { key: "validFrom", label: t("form.validFrom"), type: "date" },
    { key: "validUntil", label: t("form.validUntil"), type: "date" },
  ];
  return (
    <div className="space-y-3" data-testid="credentials-editor">
      {value.length === 0 ? <p className="text-sm text-slate-500">{t("form.noCredentials")}</p> : null}
      {value.map((c, i) => (
        <div key={i} className="grid grid-cols-1 items-end gap-3 rounded-lg border border-slate-200 p-3 sm:grid-cols-3 lg:grid-cols-6" data-testid={`credential-${i}`}>
          {fields.map((f) => (
            <Field key={f.key} id={`cred-${i}-${f.key}`} label={f.label} error={error(`credentials.${i}.${f.key}`)} required={f.type === "text"}>
              <Input type={f.type} value={c[f.key]} onChange={(e) => set(i, { [f.key]: e.target.value })} data-testid={`cred-${i}-${f.key}`} />
            </Field>
          ))}
          <Button variant="ghost" size="sm" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            {t("form.remove")}
          </Button>
        </div>
      ))}
      <Button variant="outline" size="sm" onClick={() => onChange([...value, newCredential()])} data-testid="add-credential">
        {t("form.addCredential")}
      </Button>
    </div>
  );
}
