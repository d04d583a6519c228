import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { knightDuty } from "@/lib/i18n/messages/knight-duty";
import { knight } from "@/lib/i18n/messages/knight";
import { notifications } from "@/lib/i18n/messages/notifications";
import { BADGE_CODES } from "@/server/modules/knights/knight-badges";
import { KNIGHT_TASK_STAGES } from "@/lib/schemas/knight-tasks";

/** Every message key the knight duty/task code can answer with exists in the catalogue (both locales). */
const FILES_DUTY = [
  "lib/schemas/knight-tasks.ts",
  "server/modules/knights/knight-position.ts",
  "server/modules/knights/advance-knight-task.ts",
  "server/modules/knights/track-task.ts",
];
const keysIn = (file: string) => [...readFileSync(file, "utf8").matchAll(/"errors\.(\w+)"/g)].map((m) => m[1]!);

describe("knight duty messages", () => {
  it("has every error key the knight task code uses, in zh-CN and en", () => {
    const used = new Set(FILES_DUTY.flatMap(keysIn));
    expect(used.size).toBeGreaterThan(10);
    for (const k of used) {
      expect(knightDuty["zh-CN"].errors, k).toHaveProperty(k);
      expect(knightDuty.en.errors, k).toHaveProperty(k);
    }
    for (const k of keysIn("server/modules/knights/knight-profile.ts")) expect(knight.en.errors, k).toHaveProperty(k);
  });

  it("names every badge, stage and notification kind", () => {
    for (const b of BADGE_CODES) expect(knightDuty.en.badges[b].name).toBeTruthy();
    for (const s of KNIGHT_TASK_STAGES) expect(knightDuty["zh-CN"].stages[s]).toBeTruthy();
    for (const kind of ["restDue", "autoOffDuty", "checkInMissed", "taskCompleted"] as const) expect(notifications.en.kinds.knight[kind]).toBeTruthy();
  });
});
