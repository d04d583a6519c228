"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, type ChangeEvent } from "react";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { PHOTO_MAX_PER_TASK, taskPhotoUrl, type TTaskPhotoDto } from "@/lib/schemas/task-photos";
import { FormAlert } from "@/components/auth/form-alert";
import { serverFieldErrors, translateError } from "@/components/auth/form-errors";
import { useHydrated } from "@/components/auth/use-hydrated";
import { usePhotoUploads, type PendingPhoto } from "@/components/knight/use-photo-uploads";
import { Button, buttonClasses } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";

/**
 * The knight's photos of a task: "take photo" (the phone's camera), "choose from gallery", thumbnails of
 * what was sent (tap for full size), photos on their way with their progress, and "remove" while the
 * report is not sent yet. When photos may be added and removed is the server's rule (photo-rules.ts).
 */
export function TaskPhotos({
  assignmentId, photos, canAdd, canRemove, ended, purpose, onChanged, onBusyChange,
}: {
  assignmentId: string;
  photos: TTaskPhotoDto[];
  canAdd: boolean;
  canRemove: boolean;
  ended: boolean;
  /** report: the photos are (part of) a recon report; proof: an optional proof of delivery. */
  purpose: "report" | "proof";
  onChanged: () => void;
  onBusyChange?: (busy: boolean) => void;
}) {
  const t = useT("taskPhotos");
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const uploads = usePhotoUploads(assignmentId, onChanged);
  const remove = useMutation(trpc.knightTask.removePhoto.mutationOptions({ onSuccess: onChanged }));
  const { busy } = uploads;
  useEffect(() => onBusyChange?.(busy), [busy, onBusyChange]);

  const waiting = uploads.pending.filter((p) => p.state !== "failed").length;
  const room = PHOTO_MAX_PER_TASK - photos.length - waiting;
  const onPick = (e: ChangeEvent<HTMLInputElement>) => {
    uploads.add(Array.from(e.currentTarget.files ?? []).slice(0, Math.max(0, room)));
    e.currentTarget.value = ""; // the same photo may be picked again after a failure
  };
  const removeError = remove.error ? translateError(t, serverFieldErrors(remove.error).photo?.[0] ?? remove.error.message ?? "errors.generic") : null;
  const empty = photos.length === 0 && uploads.pending.length === 0;
  const picker = "relative cursor-pointer focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-brand-600";

  return (
    <section aria-labelledby="task-photos-heading" className="space-y-3" data-testid="task-photos" data-count={photos.length}>
      <div className="flex items-baseline justify-between gap-2">
        <h3 id="task-photos-heading" className="text-sm font-semibold text-slate-900">{t("knight.title")}</h3>
        <span className="text-xs tabular-nums text-slate-500">{t("knight.count", { count: photos.length, max: PHOTO_MAX_PER_TASK })}</span>
      </div>
      {canAdd ? <p className="text-sm text-slate-600">{purpose === "report" ? t("knight.reportHint") : t("knight.proofHint")}</p> : null}
      {empty ? (
        <p className="rounded-lg border border-dashed border-slate-300 px-3 py-4 text-center text-sm text-slate-600" data-testid="task-photos-empty">
          {canAdd ? t("knight.emptyOpen") : ended ? t("knight.emptyEnded") : t("knight.emptyLater")}
        </p>
      ) : (
        <ul className="grid grid-cols-3 gap-2">
          {photos.map((p, i) => (
            <li key={p.id} className="relative" data-testid="task-photo" data-photo-id={p.id}>
              <a href={taskPhotoUrl(p.id)} target="_blank" rel="noopener" aria-label={t("knight.open", { n: i + 1 })} className="block">
                {/* eslint-disable-next-line @next/next/no-img-element -- an authenticated private image: next/image's optimiser must not fetch or cache it */}
                <img src={taskPhotoUrl(p.id)} alt={t("knight.thumbAlt", { n: i + 1 })} loading="lazy" className="aspect-square w-full rounded-lg bg-slate-100 object-cover" />
              </a>
              {canRemove ? (
                <Button
                  size="sm"
                  variant="outline"
                  className="absolute right-1 top-1 h-7 px-2 text-xs"
                  disabled={!hydrated || remove.isPending}
                  onClick={() => remove.mutate({ photoId: p.id })}
                  aria-label={t("knight.remove")}
                  data-testid="task-photo-remove"
                >
                  ✕
                </Button>
              ) : null}
            </li>
          ))}
          {uploads.pending.map((p) => (
            <PendingThumb key={p.key} photo={p} onRetry={() => uploads.retry(p.key)} onDiscard={() => uploads.discard(p.key)} />
          ))}
        </ul>
      )}
      {canAdd && room > 0 ? (
        <div className="grid grid-cols-2 gap-2">
          <label className={cx(buttonClasses({ variant: "primary", size: "lg" }), picker, !hydrated && "opacity-50")}>
            <input type="file" accept="image/*" capture="environment" className="sr-only" disabled={!hydrated} onChange={onPick} data-testid="task-photo-input" />
            {t("knight.take")}
          </label>
          <label className={cx(buttonClasses({ variant: "outline", size: "lg" }), picker, !hydrated && "opacity-50")}>
            <input type="file" accept="image/*" multiple className="sr-only" disabled={!hydrated} onChange={onPick} data-testid="task-photo-gallery-input" />
            {t("knight.choose")}
          </label>
        </div>
      ) : canAdd ? (
        <p className="text-sm text-slate-600" data-testid="task-photos-full">{t("knight.limitReached", { max: PHOTO_MAX_PER_TASK })}</p>
      ) : null}
      {canAdd && !canRemove && photos.length > 0 ? <p className="text-xs text-slate-600">{t("knight.locked")}</p> : null}
      {canAdd ? <p className="text-xs text-slate-500">{t("knight.privacy")}</p> : null}
      {removeError ? <FormAlert data-testid="task-photo-error">{removeError}</FormAlert> : null}
    </section>
  );
}

function PendingThumb({ photo, onRetry, onDiscard }: { photo: PendingPhoto; onRetry: () => void; onDiscard: () => void }) {
  const t = useT("taskPhotos");
  const failed = photo.state === "failed";
  const label = failed ? t("knight.failed") : photo.state === "preparing" ? t("knight.preparing") : t("knight.uploading");
  return (
    <li className="space-y-1" data-testid="task-photo-pending" data-state={photo.state}>
      <div className="relative aspect-square overflow-hidden rounded-lg bg-slate-100">
        {photo.previewUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- a local object URL of the shrunk photo
          <img src={photo.previewUrl} alt="" className={cx("size-full object-cover", !failed && "opacity-60")} />
        ) : null}
        {!failed ? (
          <div role="progressbar" aria-label={label} aria-valuetext={label} className="absolute inset-x-2 bottom-2 h-1.5 overflow-hidden rounded-full bg-white/70">
            <div className={cx("h-full animate-pulse rounded-full bg-brand-600", photo.state === "preparing" ? "w-1/3" : "w-2/3")} />
          </div>
        ) : null}
      </div>
      <p role={failed ? "alert" : "status"} className={cx("text-xs", failed ? "text-red-700" : "text-slate-600")}>
        {label}
        {failed && photo.error ? `: ${translateError(t, photo.error)}` : ""}
      </p>
      {failed ? (
        <div className="flex gap-1">
          <Button size="sm" variant="outline" className="h-7 px-2 text-xs" onClick={onRetry}>{t("knight.retry")}</Button>
          <Button size="sm" variant="ghost" className="h-7 px-2 text-xs" onClick={onDiscard}>{t("knight.discard")}</Button>
        </div>
      ) : null}
    </li>
  );
}
