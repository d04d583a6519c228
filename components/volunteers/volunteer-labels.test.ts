import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/config";
import { translatorFor } from "@/lib/i18n/messages-for";

/**
 * A button's accessible name must contain its visible text (WCAG 2.5.3, axe label-content-name-mismatch): each
 * aria-label of the work board and the volunteered-listings panel starts from the words the button shows.
 */
const PAIRS = [
  ["need.offer", "need.offerLabel"],
  ["need.withdraw", "need.withdrawLabel"],
  ["panel.propose", "panel.proposeLabel"],
] as const;

describe("volunteers: accessible names contain the visible label", () => {
  for (const locale of locales) {
    it(locale, () => {
      const t = translatorFor(locale, "volunteers");
      for (const [visible, label] of PAIRS) expect(t(label, { title: "泵车", need: "排涝" }), label).toContain(t(visible));
    });
  }
});
