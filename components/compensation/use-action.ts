"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useT } from "@/lib/i18n/client";

/**
 * Runs one mutation for the compensation panels and refreshes the server-rendered page after it, so the
 * page always shows what the server now holds. Errors with a catalogue key show that message.
 */
export function useAction() {
  const t = useT("compensation");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(fn: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await fn();
      router.refresh();
      return true;
    } catch (e) {
      const data = (e as { data?: { fieldErrors?: Record<string, string[]> } }).data;
      const key = Object.values(data?.fieldErrors ?? {})[0]?.[0];
      setError(key?.startsWith("errors.") ? t(key as "errors.generic", { message: "" }) : t("errors.generic", { message: e instanceof Error ? e.message : String(e) }));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
