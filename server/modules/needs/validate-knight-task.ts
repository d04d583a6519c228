import type { FieldErrors } from "@/server/errors";
import type { TResourceCategory } from "@/lib/schemas/catalogue";
import { KNIGHT_HEADCOUNT_MAX, KNIGHT_UNIT, type TKnightTaskKind } from "@/lib/schemas/needs";

/**
 * Knight-task rules on a need (pure; zod already checked each field's range). A need of category KNIGHT
 * is a task for K riders: it names its kind, counts in "rider", and a DELIVERY has a pickup point and
 * address (the staging point is the drop-off). Other categories may not carry task fields, so a pump
 * request never looks like a courier job.
 */

export type KnightTaskFields = {
  unit?: string;
  quantity?: number;
  taskKind?: TKnightTaskKind | null;
  pickupLat?: number | null;
  pickupLng?: number | null;
  pickupAddress?: string | null;
  cargoKg?: number | null;
  cargoVolumeL?: number | null;
  requiredVehicle?: readonly string[] | null;
  requiredTrainings?: readonly string[] | null;
  rewardPoints?: number | null;
};

const TASK_FIELDS = [
  "taskKind", "pickupLat", "pickupLng", "pickupAddress", "cargoKg", "cargoVolumeL", "requiredVehicle", "requiredTrainings", "rewardPoints",
] as const;

function present(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  return !Array.isArray(v) || v.length > 0;
}

/** Field errors for the task fields of a need of `category` (the merged state for an update). */
export function knightTaskErrors(category: TResourceCategory, f: KnightTaskFields): FieldErrors {
  const errors: FieldErrors = {};
  const add = (path: string, msg: string) => (errors[path] ??= []).push(msg);
  if (category !== "KNIGHT") {
    for (const k of TASK_FIELDS) if (present(f[k])) add(k, "Only knight tasks carry this field.");
    return errors;
  }
  if (!f.taskKind) add("taskKind", "Choose the kind of knight task.");
  if (f.unit !== undefined && f.unit !== KNIGHT_UNIT) add("unit", `A knight task is counted in “${KNIGHT_UNIT}”.`);
  if (f.quantity !== undefined && f.quantity > KNIGHT_HEADCOUNT_MAX) add("quantity", `At most ${KNIGHT_HEADCOUNT_MAX} riders per task.`);
  const hasLat = present(f.pickupLat);
  const hasLng = present(f.pickupLng);
  if (hasLat !== hasLng) add(hasLat ? "pickupLng" : "pickupLat", "Give both coordinates of the pickup point.");
  if (f.taskKind === "DELIVERY") {
    if (!hasLat && !hasLng) add("pickupLat", "A delivery needs a pickup point.");
    if (!present(f.pickupAddress)) add("pickupAddress", "A delivery needs a pickup address.");
  }
  const vehicles = f.requiredVehicle ?? [];
  if (new Set(vehicles).size !== vehicles.length) add("requiredVehicle", "Each vehicle once.");
  const trainings = f.requiredTrainings ?? [];
  if (new Set(trainings).size !== trainings.length) add("requiredTrainings", "Each training once.");
  return errors;
}
