"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { evidencePhotoUrl, type TRequisitionDto } from "@/lib/schemas/compensation";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatDateTime } from "@/lib/i18n/format";
import { useTRPC } from "@/lib/trpc/react";
import { blobToBase64, downscaleToJpeg } from "@/components/knight/photo-downscale";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { formatYuan, yuanToCents } from "@/components/compensation/money";
import { useAction } from "@/components/compensation/use-action";

type Stage = "HANDOVER" | "RETURN";

/**
 * The handover inventory or the return record: its text, photos and both sides' confirmations. Either side
 * may edit and confirm while it is open; an edit clears the other side's confirmation (server rule).
 */
export function EvidencePanel({ r, stage }: { r: TRequisitionDto; stage: Stage }) {
  const t = useT("compensation");
  const locale = useLocale();
  const trpc = useTRPC();
  const rec = stage === "HANDOVER" ? r.handover : r.return;
  const closed = !!(rec.supplierConfirmedAt && rec.requesterConfirmedAt);
  const mine = r.myParty === "SUPPLIER" ? rec.supplierConfirmedAt : r.myParty === "REQUESTER" ? rec.requesterConfirmedAt : null;
  const [note, setNote] = useState(rec.note ?? "");
  const [operators, setOperators] = useState(String(r.handover.operatorCount));
  const [damageNote, setDamageNote] = useState(r.return.damageNote ?? "");
  const [damageYuan, setDamageYuan] = useState(r.return.damageCents ? String(r.return.damageCents / 100) : "");
  const [km, setKm] = useState(String(r.return.kmDriven));
  const { busy, error, run } = useAction();
  const confirm = useMutation(trpc.compensation.confirmEvidence.mutationOptions());
  const addPhoto = useMutation(trpc.compensation.addEvidencePhoto.mutationOptions());
  const id = (k: string) => `${stage.toLowerCase()}-${k}`;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const base = { assignmentId: r.assignmentId, stage, note: note.trim() || undefined };
    const extra = stage === "HANDOVER"
      ? { operatorCount: Number(operators) || 0 }
      : { damageNote: damageNote.trim() || undefined, damageCents: yuanToCents(damageYuan || "0") ?? 0, kmDriven: Number(km) || 0 };
    void run(() => confirm.mutateAsync({ ...base, ...extra }));
  }

  async function onPhoto(file: File | undefined) {
    if (!file) return;
    await run(async () => addPhoto.mutateAsync({ assignmentId: r.assignmentId, stage, dataBase64: await blobToBase64(await downscaleToJpeg(file)) }));
  }

  const side = (label: string, at: Date | null) => (
    <li>
      <Badge tone={at ? "success" : "warning"}>{label}: {at ? `${t("evidence.confirmed")} ${formatDateTime(locale, at)}` : t("evidence.awaiting")}</Badge>
    </li>
  );

  return (
    <Card data-testid={`evidence-${stage.toLowerCase()}`}>
      <CardHeader title={t(`evidence.${stage}`)} headingLevel={2} />
      <CardBody className="space-y-4 text-sm">
        {!rec.openedAt ? (
          <p className="text-slate-600">{t(`evidence.notOpen${stage}`)}</p>
        ) : (
          <>
            <ul className="flex flex-wrap gap-2">
              {side(t("evidence.supplier"), rec.supplierConfirmedAt)}
              {side(t("evidence.requester"), rec.requesterConfirmedAt)}
            </ul>
            {closed ? <p className="text-slate-600">{t("evidence.closed")}</p> : null}
            {closed || !r.myParty ? (
              <dl className="grid gap-2 sm:grid-cols-2">
                <div><dt className="font-medium">{t("evidence.note")}</dt><dd data-testid={`${id("note")}-text`}>{rec.note || "—"}</dd></div>
                {stage === "HANDOVER" ? (
                  <div><dt className="font-medium">{t("evidence.operatorCount")}</dt><dd>{r.handover.operatorCount}</dd></div>
                ) : (
                  <>
                    <div><dt className="font-medium">{t("evidence.damageNote")}</dt><dd data-testid="damage-note-text">{r.return.damageNote || "—"}</dd></div>
                    <div><dt className="font-medium">{t("evidence.damageYuan")}</dt><dd>{formatYuan(locale, r.return.damageCents)}</dd></div>
                    <div><dt className="font-medium">{t("evidence.kmDriven")}</dt><dd>{r.return.kmDriven}</dd></div>
                  </>
                )}
              </dl>
            ) : (
              <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2 print:hidden" data-testid={`${id("form")}`}>
                <Field id={id("note")} label={t("evidence.note")} hint={t("evidence.changeHint")} className="sm:col-span-2">
                  <Textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={2000} />
                </Field>
                {stage === "HANDOVER" ? (
                  <Field id={id("operators")} label={t("evidence.operatorCount")}>
                    <Input type="number" min={0} max={100} value={operators} onChange={(e) => setOperators(e.target.value)} />
                  </Field>
                ) : (
                  <>
                    <Field id={id("damage")} label={t("evidence.damageNote")} className="sm:col-span-2">
                      <Textarea value={damageNote} onChange={(e) => setDamageNote(e.target.value)} rows={2} maxLength={2000} />
                    </Field>
                    <Field id={id("damage-yuan")} label={t("evidence.damageYuan")}>
                      <Input inputMode="decimal" value={damageYuan} onChange={(e) => setDamageYuan(e.target.value)} />
                    </Field>
                    <Field id={id("km")} label={t("evidence.kmDriven")}>
                      <Input type="number" min={0} value={km} onChange={(e) => setKm(e.target.value)} />
                    </Field>
                  </>
                )}
                <div className="sm:col-span-2">
                  <Button type="submit" disabled={busy} data-testid={`${id("confirm")}`}>{mine ? t("evidence.saveConfirm") : t("evidence.confirm")}</Button>
                </div>
              </form>
            )}
            <div>
              <h3 className="font-medium">{t("evidence.photos")}</h3>
              {rec.photos.length === 0 ? <p className="text-slate-600">{t("evidence.noPhotos")}</p> : (
                <ul className="mt-2 flex flex-wrap gap-2" data-testid={`${id("photos")}`}>
                  {rec.photos.map((p, i) => (
                    <li key={p.id}>
                      {/* eslint-disable-next-line @next/next/no-img-element -- private, signed-in bytes: no image optimiser */}
                      <img src={evidencePhotoUrl(p.id)} alt={t("evidence.photoAlt", { stage: t(`evidence.${stage}`), n: i + 1 })} className="size-24 rounded object-cover" />
                    </li>
                  ))}
                </ul>
              )}
              {!closed && r.myParty ? (
                <div className="mt-2 print:hidden">
                  <label htmlFor={id("photo")} className="font-medium">{t("evidence.addPhoto")}</label>
                  <input id={id("photo")} type="file" accept="image/*" className="mt-1 block text-sm" disabled={busy} onChange={(e) => void onPhoto(e.target.files?.[0])} data-testid={`${id("photo-input")}`} />
                </div>
              ) : null}
            </div>
          </>
        )}
        {error ? <p role="alert" className="text-red-700">{error}</p> : null}
      </CardBody>
    </Card>
  );
}
