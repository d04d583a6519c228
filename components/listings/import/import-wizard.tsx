"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatNumber } from "@/lib/i18n/format";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type TImportPreview, type TImportResult } from "@/lib/schemas/listings";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress-bar";
import { ImportErrors } from "@/components/listings/import/import-errors";
import { countRows, readFileText } from "@/components/listings/import/read-and-parse";

type Stage = "idle" | "read" | "parse" | "validate" | "preview" | "commit" | "done";
const STAGE_BASE: Record<Stage, number> = { idle: 0, read: 0, parse: 25, validate: 50, preview: 75, commit: 75, done: 100 };

/** Upload → (read, parse: determinate) → server preview with per-row errors → commit (all or nothing). */
export function ImportWizard({ listHref, templateHref }: { listHref: string; templateHref: string }) {
  const t = useT("listings");
  const locale = useLocale();
  const trpc = useTRPC();
  const [stage, setStage] = useState<Stage>("idle");
  const [within, setWithin] = useState(0);
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const [preview, setPreview] = useState<TImportPreview | null>(null);
  const [result, setResult] = useState<TImportResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const previewM = useMutation(trpc.listing.importPreview.mutationOptions());
  const commitM = useMutation(trpc.listing.importCommit.mutationOptions());

  const fail = (message: string) => {
    setProblem(message);
    setStage("idle");
  };

  async function onFile(f: File | undefined) {
    setPreview(null);
    setResult(null);
    setProblem(null);
    if (!f) return;
    if (f.size > IMPORT_MAX_BYTES) return fail(t("import.tooLarge"));
    setStage("read");
    const csv = await readFileText(f, setWithin).catch(() => null);
    if (csv === null) return fail(t("import.tooLarge"));
    setStage("parse");
    setWithin(0);
    const { rows } = await countRows(csv, setWithin);
    if (rows > IMPORT_MAX_ROWS) return fail(`${formatNumber(locale, rows)} > ${formatNumber(locale, IMPORT_MAX_ROWS)}`);
    setFile({ name: f.name, csv });
    setStage("validate");
    setWithin(0);
    try {
      setPreview(await previewM.mutateAsync({ fileName: f.name, csv }));
      setStage("preview");
    } catch (e) {
      fail((e as Error).message);
    }
  }

  async function commit() {
    if (!file) return;
    setStage("commit");
    try {
      const r = await commitM.mutateAsync({ fileName: file.name, csv: file.csv });
      setResult(r);
      setStage(r.ok ? "done" : "preview");
    } catch (e) {
      fail((e as Error).message);
    }
  }

  const busy = stage === "read" || stage === "parse" || stage === "validate" || stage === "commit";
  const stageLabel = { read: t("import.stageRead"), parse: t("import.stageParse"), validate: t("import.stageValidate"), commit: t("import.stageCommit") } as const;
  const determinate = stage === "read" || stage === "parse";
  const pct = Math.round(STAGE_BASE[stage] + (determinate ? within * 25 : busy ? 12 : 0));

  return (
    <div className="space-y-6" data-testid="import-wizard">
      <Card>
        <CardBody className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
          <label className="block text-sm font-medium text-slate-800">
            {t("import.chooseFile")}
            <input
              type="file"
              accept=".csv,text/csv"
              disabled={busy}
              onChange={(e) => void onFile(e.target.files?.[0])}
              className="mt-2 block w-full text-sm file:mr-3 file:rounded-lg file:border-0 file:bg-brand-600 file:px-4 file:py-2 file:text-white"
              data-testid="import-file"
            />
          </label>
          <a href={templateHref} download className="text-sm font-medium text-brand-700 hover:underline" data-testid="import-template">
            {t("import.template")}
          </a>
        </CardBody>
      </Card>

      {stage !== "idle" ? (
        <ProgressBar
          label={busy ? stageLabel[stage as keyof typeof stageLabel] : stage === "done" ? t("import.stageCommit") : t("import.stageValidate")}
          value={pct}
          valueText={`${pct}%`}
          tone={stage === "done" ? "success" : "brand"}
          className={busy && !determinate ? "animate-pulse" : undefined}
        />
      ) : null}
      {problem ? <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="import-problem">{problem}</p> : null}

      {preview && stage !== "done" ? (
        <Card data-testid="import-preview">
          <CardBody className="space-y-4">
            <div className="flex flex-wrap gap-4 text-sm">
              <span data-testid="import-total">{t("import.total", { count: formatNumber(locale, preview.total) })}</span>
              <span className="text-emerald-700" data-testid="import-valid">{t("import.valid", { count: formatNumber(locale, preview.valid) })}</span>
              <span className="text-red-700" data-testid="import-invalid">{t("import.invalid", { count: formatNumber(locale, preview.invalid) })}</span>
            </div>
            {result && !result.ok ? <p role="alert" className="text-sm font-medium text-red-800">{t("import.failed")}</p> : null}
            <ImportErrors errors={result && !result.ok ? result.errors : preview.errors} />
            {preview.invalid === 0 && preview.total > 0 ? (
              <Button onClick={() => void commit()} disabled={busy} data-testid="import-commit">
                {busy ? t("import.committing") : t("import.commit", { count: formatNumber(locale, preview.valid) })}
              </Button>
            ) : null}
          </CardBody>
        </Card>
      ) : null}

      {result?.ok ? (
        <div role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800" data-testid="import-done">
          {t("import.done", { count: formatNumber(locale, result.imported), seconds: (result.ms / 1000).toFixed(1) })}
        </div>
      ) : null}
      <ButtonLink href={listHref} variant="ghost">{t("import.back")}</ButtonLink>
    </div>
  );
}
