import { describe, expect, it } from "vitest";
import { catalogue } from "@/lib/i18n/catalogue";
import { locales } from "@/lib/i18n/config";
import { messageKeys, type Messages } from "@/lib/i18n/translate";

/** Every namespace must say everything in every locale: nothing ships untranslated. */
describe("message catalogue", () => {
  const namespaces = Object.keys(catalogue) as (keyof typeof catalogue)[];

  it("registers at least the core namespaces", () => {
    expect(namespaces).toEqual(expect.arrayContaining(["common", "landing", "dashboard", "admin"]));
  });

  for (const ns of namespaces) {
    describe(ns, () => {
      const byLocale = catalogue[ns] as unknown as Record<string, Messages>;

      it("has exactly the supported locales", () => {
        expect(Object.keys(byLocale).sort()).toEqual([...locales].sort());
      });

      it("has identical key sets in every locale", () => {
        const reference = messageKeys(byLocale[locales[0]]);
        for (const l of locales.slice(1)) {
          const keys = messageKeys(byLocale[l]);
          const missing = reference.filter((k) => !keys.includes(k));
          const extra = keys.filter((k) => !reference.includes(k));
          expect({ locale: l, missing, extra }).toEqual({ locale: l, missing: [], extra: [] });
        }
      });

      it("has no empty messages and keeps the same {placeholders} across locales", () => {
        const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        for (const key of messageKeys(byLocale[locales[0]])) {
          const values = locales.map((l) => {
            let node: unknown = byLocale[l];
            for (const part of key.split(".")) node = (node as Record<string, unknown>)[part];
            return node as string;
          });
          for (const v of values) expect(v.trim(), `${ns}.${key}`).not.toBe("");
          for (const v of values.slice(1)) expect(placeholders(v), `${ns}.${key}`).toEqual(placeholders(values[0]));
        }
      });
    });
  }
});
