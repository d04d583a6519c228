"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { TReviewDto } from "@/lib/schemas/reviews";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Select, Textarea } from "@/components/ui/input";
import { useAction } from "@/components/compensation/use-action";

const SCORES = [5, 4, 3, 2, 1];

/** After release: the requester rates the resource (three scores), the supplier rates the requester (one). */
export function ReviewPanel({ assignmentId, party, released, reviews }: { assignmentId: string; party: "SUPPLIER" | "REQUESTER"; released: boolean; reviews: TReviewDto[] }) {
  const t = useT("compensation");
  const trpc = useTRPC();
  const mine = reviews.find((r) => r.side === party);
  const fields = party === "REQUESTER" ? (["punctuality", "condition", "cooperation"] as const) : (["rating"] as const);
  const [scores, setScores] = useState<Record<string, number>>({ punctuality: 5, condition: 5, cooperation: 5, rating: 5 });
  const [comment, setComment] = useState("");
  const { busy, error, run } = useAction();
  const submit = useMutation(trpc.compensation.submitReview.mutationOptions());
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const picked = Object.fromEntries(fields.map((f) => [f, scores[f]]));
    void run(() => submit.mutateAsync({ assignmentId, side: party, ...picked, comment: comment.trim() || undefined }));
  }
  return (
    <Card data-testid="review-panel" className="print:hidden">
      <CardHeader title={party === "REQUESTER" ? t("review.requesterTitle") : t("review.supplierTitle")} headingLevel={2} />
      <CardBody className="text-sm">
        {mine ? (
          <p data-testid="review-done">{t("review.done", { rating: mine.rating })}</p>
        ) : !released ? (
          <p className="text-slate-600">{t("review.afterRelease")}</p>
        ) : (
          <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-3">
            {fields.map((f) => (
              <Field key={f} id={`review-${f}`} label={t(`review.${f}`)}>
                <Select value={scores[f]} onChange={(e) => setScores({ ...scores, [f]: Number(e.target.value) })}>
                  {SCORES.map((s) => <option key={s} value={s}>{s}</option>)}
                </Select>
              </Field>
            ))}
            <Field id="review-comment" label={t("review.comment")} className="sm:col-span-3">
              <Textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={1000} />
            </Field>
            <div className="sm:col-span-3"><Button type="submit" disabled={busy}>{t("review.submit")}</Button></div>
            {error ? <p role="alert" className="text-red-700 sm:col-span-3">{error}</p> : null}
          </form>
        )}
      </CardBody>
    </Card>
  );
}
