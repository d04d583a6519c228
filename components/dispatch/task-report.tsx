"use client";

import { useT } from "@/lib/i18n/client";
import { taskPhotoUrl, type TTaskPhotoDto } from "@/lib/schemas/task-photos";

/**
 * What a knight reported on a task, on the dispatcher's card: the written report and the photos as
 * thumbnails (each opens full size). Arrives live: the card refetches its board on `task.updated`.
 */
export function TaskReport({ report, photos, live }: { report: string | null; photos: TTaskPhotoDto[]; live: boolean }) {
  const t = useT("taskPhotos");
  if (!report && photos.length === 0) {
    return live ? <p className="text-xs text-slate-500" data-testid="task-report-empty">{t("dispatch.emptyLive")}</p> : null;
  }
  return (
    <div className="space-y-2 rounded-lg bg-slate-50 p-3" data-testid="task-report" data-photos={photos.length}>
      <p className="text-xs font-semibold text-slate-700">{t("dispatch.title")}</p>
      {report ? (
        <p className="whitespace-pre-line text-sm text-slate-900" data-testid="task-report-text">
          <span className="sr-only">{t("dispatch.report")}: </span>
          {report}
        </p>
      ) : null}
      {photos.length ? (
        <ul className="flex flex-wrap gap-2" aria-label={t("dispatch.photos", { count: photos.length })}>
          {photos.map((p, i) => (
            <li key={p.id}>
              <a href={taskPhotoUrl(p.id)} target="_blank" rel="noopener" aria-label={t("dispatch.open", { n: i + 1 })} className="block rounded-md focus-visible:outline-2 focus-visible:outline-brand-600" data-testid="task-report-photo" data-photo-id={p.id}>
                {/* eslint-disable-next-line @next/next/no-img-element -- an authenticated private image: next/image's optimiser must not fetch or cache it */}
                <img src={taskPhotoUrl(p.id)} alt={t("dispatch.thumbAlt", { n: i + 1 })} loading="lazy" className="size-20 rounded-md bg-slate-200 object-cover" />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
