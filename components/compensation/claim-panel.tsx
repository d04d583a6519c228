"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { receiptUrl, SUPPLIER_LINE_KINDS, type TClaimDto, type TClaimLineDto } from "@/lib/schemas/compensation";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { blobToBase64, downscaleToJpeg } from "@/components/knight/photo-downscale";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { formatYuan, yuanToCents } from "@/components/compensation/money";
import { useAction } from "@/components/compensation/use-action";

const DESC_KEYS = ["rentHourly", "rentDaily", "operator", "standby", "fuel", "damage"] as const;
const TONE = { PENDING: "warning", APPROVED: "success", ADJUSTED: "info", DISPUTED: "danger", DONATED: "neutral" } as const;

/** A receipt file as base64: photos are downscaled like task photos; a PDF goes as it is (the server checks both). */
async function receiptBase64(file: File): Promise<string> {
  return blobToBase64(file.type === "application/pdf" ? file : await downscaleToJpeg(file));
}

/** The requester's decision on one pending or disputed line. */
function DecideLine({ line }: { line: TClaimLineDto }) {
  const t = useT("compensation");
  const trpc = useTRPC();
  const [decision, setDecision] = useState<"APPROVE" | "ADJUST" | "DISPUTE">("APPROVE");
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const { busy, error, run } = useAction();
  const decide = useMutation(trpc.compensation.decideLine.mutationOptions());
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const approvedCents = decision === "ADJUST" ? (yuanToCents(amount) ?? undefined) : undefined;
    void run(() => decide.mutateAsync({ lineId: line.id, decision, approvedCents, reason: reason.trim() || undefined }));
  }
  const id = (k: string) => `decide-${line.id}-${k}`;
  return (
    <form onSubmit={onSubmit} className="mt-2 flex flex-wrap items-end gap-2 print:hidden" data-testid="decide-form">
      <Field id={id("decision")} label={t("claim.decision")}>
        <Select value={decision} onChange={(e) => setDecision(e.target.value as typeof decision)} data-testid="decide-select">
          <option value="APPROVE">{t("claim.approve")}</option>
          <option value="ADJUST">{t("claim.adjust")}</option>
          <option value="DISPUTE">{t("claim.dispute")}</option>
        </Select>
      </Field>
      {decision === "ADJUST" ? (
        <Field id={id("amount")} label={t("claim.approvedYuan")}>
          <Input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </Field>
      ) : null}
      {decision !== "APPROVE" ? (
        <Field id={id("reason")} label={t("claim.reason")}>
          <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} data-testid="decide-reason" />
        </Field>
      ) : null}
      <Button type="submit" size="sm" disabled={busy} data-testid="decide-submit">{t("claim.submitDecision")}</Button>
      {error ? <p role="alert" className="w-full text-red-700">{error}</p> : null}
    </form>
  );
}

/** The supplier's form for one more cost line, with an optional receipt. */
function AddLine({ claimId }: { claimId: string }) {
  const t = useT("compensation");
  const trpc = useTRPC();
  const [kind, setKind] = useState<(typeof SUPPLIER_LINE_KINDS)[number]>("FUEL");
  const [description, setDescription] = useState("");
  const [amount, setAmount] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, run } = useAction();
  const add = useMutation(trpc.compensation.addLine.mutationOptions());
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = await run(async () =>
      add.mutateAsync({ id: claimId, kind, description, amountCents: yuanToCents(amount) ?? -1, receiptBase64: file ? await receiptBase64(file) : undefined }),
    );
    if (ok) {
      setDescription("");
      setAmount("");
      setFile(null);
    }
  }
  return (
    <form onSubmit={(e) => void onSubmit(e)} className="grid gap-3 sm:grid-cols-2 print:hidden" data-testid="add-line-form">
      <h3 className="font-medium sm:col-span-2">{t("claim.addLine")}</h3>
      <Field id="line-kind" label={t("claim.kind")}>
        <Select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          {SUPPLIER_LINE_KINDS.map((k) => <option key={k} value={k}>{t(`claim.kinds.${k}`)}</option>)}
        </Select>
      </Field>
      <Field id="line-amount" label={t("claim.amountYuan")} required>
        <Input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
      </Field>
      <Field id="line-description" label={t("claim.description")} required className="sm:col-span-2">
        <Input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} required />
      </Field>
      <Field id="line-receipt" label={t("claim.receipt")} className="sm:col-span-2">
        <input type="file" accept="image/*,application/pdf" className="block text-sm" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </Field>
      <div className="sm:col-span-2"><Button type="submit" disabled={busy} data-testid="add-line-submit">{t("claim.add")}</Button></div>
      {error ? <p role="alert" className="text-red-700 sm:col-span-2">{error}</p> : null}
    </form>
  );
}

export function ClaimPanel({ assignmentId, claim, party, returnClosed }: { assignmentId: string; claim: TClaimDto | null; party: "SUPPLIER" | "REQUESTER" | null; returnClosed: boolean }) {
  const t = useT("compensation");
  const locale = useLocale();
  const trpc = useTRPC();
  const { busy, error, run } = useAction();
  const assemble = useMutation(trpc.compensation.assembleClaim.mutationOptions());
  const file = useMutation(trpc.compensation.fileClaim.mutationOptions());
  const paid = useMutation(trpc.compensation.markPaid.mutationOptions());
  const desc = (l: TClaimLineDto) => (l.fromEvidence && (DESC_KEYS as readonly string[]).includes(l.description) ? t(`claim.desc.${l.description as (typeof DESC_KEYS)[number]}`) : l.description);

  return (
    <Card data-testid="claim-panel">
      <CardHeader
        title={t("claim.title")}
        headingLevel={2}
        action={claim ? <Badge tone={claim.status === "PAID" ? "success" : "info"}>{t(`claim.status.${claim.status}`)}</Badge> : undefined}
      />
      <CardBody className="space-y-4 text-sm">
        {!claim ? (
          party === "SUPPLIER" && returnClosed ? (
            <Button disabled={busy} onClick={() => void run(() => assemble.mutateAsync({ assignmentId }))} data-testid="assemble-claim">{t("claim.assemble")}</Button>
          ) : (
            <p className="text-slate-600">{returnClosed ? t("claim.waiting") : t("claim.notYet")}</p>
          )
        ) : (
          <>
            <ul className="divide-y divide-slate-100" data-testid="claim-lines">
              {claim.lines.map((l) => (
                <li key={l.id} className="py-2" data-testid="claim-line" data-kind={l.kind} data-status={l.status}>
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <span className="font-medium">{t(`claim.kinds.${l.kind}`)} · {desc(l)}</span>
                    <span>{formatYuan(locale, l.amountCents)} <Badge tone={TONE[l.status]}>{t(`claim.lineStatus.${l.status}`)}</Badge></span>
                  </div>
                  <p className="text-slate-600">
                    {t("claim.quantity", { quantity: l.quantity, unit: l.unit, unitPrice: formatYuan(locale, l.unitCents) })}
                    {l.fromEvidence ? ` · ${t("claim.fromEvidence")}` : ""}
                    {l.approvedCents !== null ? ` · ${t("claim.approved")} ${formatYuan(locale, l.approvedCents)}` : ""}
                    {l.decisionReason ? ` · ${t("claim.reason")}: ${l.decisionReason}` : ""}
                  </p>
                  {l.receipts.length > 0 ? (
                    <p>{l.receipts.map((rc, i) => <a key={rc.id} href={receiptUrl(rc.id)} className="mr-2 text-brand-700 underline">{t("claim.receiptLink", { n: i + 1 })}</a>)}</p>
                  ) : null}
                  {party === "REQUESTER" && claim.status === "FILED" && (l.status === "PENDING" || l.status === "DISPUTED") ? <DecideLine line={l} /> : null}
                </li>
              ))}
            </ul>
            <p className="font-medium" data-testid="claim-totals">{t("claim.claimed")} {formatYuan(locale, claim.claimedCents)} · {t("claim.approved")} {formatYuan(locale, claim.approvedCents)}</p>
            {party === "SUPPLIER" && claim.status !== "PAID" ? <AddLine claimId={claim.id} /> : null}
            <div className="flex flex-wrap gap-2 print:hidden">
              {party === "SUPPLIER" && claim.status === "OPEN" ? <Button disabled={busy} onClick={() => void run(() => file.mutateAsync({ id: claim.id }))} data-testid="file-claim">{t("claim.file")}</Button> : null}
              {party === "REQUESTER" && claim.status === "FILED" ? <Button variant="secondary" disabled={busy} onClick={() => void run(() => paid.mutateAsync({ id: claim.id }))}>{t("claim.markPaid")}</Button> : null}
            </div>
          </>
        )}
        {error ? <p role="alert" className="text-red-700">{error}</p> : null}
      </CardBody>
    </Card>
  );
}
