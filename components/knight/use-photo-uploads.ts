"use client";

import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC } from "@/lib/trpc/react";
import { serverFieldErrors } from "@/components/auth/form-errors";
import { blobToBase64, downscaleToJpeg, PhotoPrepareError } from "@/components/knight/photo-downscale";

/** A photo on its way: shrinking on the phone, uploading, or failed (retry or discard). */
export type PendingPhoto = { key: string; previewUrl: string | null; state: "preparing" | "uploading" | "failed"; error: string | null };

function errorKey(e: unknown): string {
  if (e instanceof PhotoPrepareError) return e.key;
  const fields = serverFieldErrors(e);
  return fields.photo?.[0] ?? fields.dataBase64?.[0] ?? fields._form?.[0] ?? "errors.generic";
}

/**
 * Photos the knight picked, prepared and sent one after another (a weak mobile link carries one at a time,
 * and each gets its own progress). The server's list is refreshed after each upload via `onUploaded`.
 */
export function usePhotoUploads(assignmentId: string, onUploaded: () => void) {
  const trpc = useTRPC();
  const upload = useMutation(trpc.knightTask.uploadPhoto.mutationOptions());
  const latest = useRef({ send: upload.mutateAsync, onUploaded });
  useEffect(() => {
    latest.current = { send: upload.mutateAsync, onUploaded };
  });
  const [pending, setPending] = useState<PendingPhoto[]>([]);
  const files = useRef(new Map<string, { file: File; blob?: Blob; previewUrl?: string }>());
  const queue = useRef<Promise<void>>(Promise.resolve());
  const nextKey = useRef(0);

  const patch = useCallback((key: string, p: Partial<PendingPhoto>) => setPending((list) => list.map((x) => (x.key === key ? { ...x, ...p } : x))), []);
  const drop = useCallback((key: string) => {
    const url = files.current.get(key)?.previewUrl;
    if (url) URL.revokeObjectURL(url);
    files.current.delete(key);
    setPending((list) => list.filter((x) => x.key !== key));
  }, []);

  const send = useCallback(
    async (key: string) => {
      const entry = files.current.get(key);
      if (!entry) return; // discarded while waiting
      try {
        if (!entry.blob) {
          patch(key, { state: "preparing", error: null });
          entry.blob = await downscaleToJpeg(entry.file);
          entry.previewUrl = URL.createObjectURL(entry.blob);
          patch(key, { previewUrl: entry.previewUrl });
        }
        patch(key, { state: "uploading", error: null });
        await latest.current.send({ assignmentId, dataBase64: await blobToBase64(entry.blob) });
        drop(key);
        latest.current.onUploaded();
      } catch (e) {
        patch(key, { state: "failed", error: errorKey(e) });
      }
    },
    [assignmentId, drop, patch],
  );

  const enqueue = useCallback((key: string) => {
    queue.current = queue.current.then(() => send(key));
  }, [send]);

  const add = useCallback(
    (picked: FileList | File[] | null) => {
      for (const file of Array.from(picked ?? [])) {
        const key = `p${(nextKey.current += 1)}`;
        files.current.set(key, { file });
        setPending((list) => [...list, { key, previewUrl: null, state: "preparing", error: null }]);
        enqueue(key);
      }
    },
    [enqueue],
  );

  useEffect(() => {
    const map = files.current;
    return () => map.forEach((e) => e.previewUrl && URL.revokeObjectURL(e.previewUrl));
  }, []);

  return {
    pending,
    add,
    retry: (key: string) => {
      patch(key, { state: "preparing", error: null });
      enqueue(key);
    },
    discard: drop,
    /** True while a photo is still being prepared or sent (a report sent now would miss it). */
    busy: pending.some((p) => p.state !== "failed"),
  };
}
