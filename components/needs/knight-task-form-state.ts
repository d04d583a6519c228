/**
 * The knight-task part of the need form (category KNIGHT): values as the inputs hold them and their
 * conversion to the need.create / need.update fields. Pure, shared by the form and its tests.
 */
export const TASK_KINDS = ["DELIVERY", "ERRAND", "RECON"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export type KnightTaskValues = {
  taskKind: TaskKind | "";
  pickupAddress: string;
  pickupLat: number | null;
  pickupLng: number | null;
  cargoKg: string;
  cargoVolumeL: string;
  requiredVehicle: string[];
  requiredTrainings: string[];
  rewardPoints: string;
};

/** The catalogue's knight types are KN-DELIVERY / KN-ERRAND / KN-RECON: the kind follows from the type. */
export function taskKindFromTypeCode(code: string | undefined): TaskKind | "" {
  const kind = code?.startsWith("KN-") ? code.slice(3) : "";
  return (TASK_KINDS as readonly string[]).includes(kind) ? (kind as TaskKind) : "";
}

export function emptyKnightTaskValues(taskKind: TaskKind | "" = ""): KnightTaskValues {
  return {
    taskKind,
    pickupAddress: "",
    pickupLat: null,
    pickupLng: null,
    cargoKg: "",
    cargoVolumeL: "",
    requiredVehicle: [],
    requiredTrainings: [],
    rewardPoints: "20",
  };
}

type KnightNeedFields = {
  taskKind: TaskKind | null;
  pickupAddress: string | null;
  pickupLat: number | null;
  pickupLng: number | null;
  cargoKg: number | null;
  cargoVolumeL: number | null;
  requiredVehicle: readonly string[];
  requiredTrainings: readonly string[];
  rewardPoints: number | null;
};

export function needToKnightTaskValues(n: KnightNeedFields): KnightTaskValues {
  const s = (v: number | null) => (v === null ? "" : String(v));
  return {
    taskKind: n.taskKind ?? "",
    pickupAddress: n.pickupAddress ?? "",
    pickupLat: n.pickupLat,
    pickupLng: n.pickupLng,
    cargoKg: s(n.cargoKg),
    cargoVolumeL: s(n.cargoVolumeL),
    requiredVehicle: [...n.requiredVehicle],
    requiredTrainings: [...n.requiredTrainings],
    rewardPoints: s(n.rewardPoints),
  };
}

const optNum = (s: string) => (s.trim() === "" ? undefined : Number(s));

/** Form values → input fields; empty optional inputs are left out, so the zod schema treats them as absent. */
export function knightTaskValuesToInput(v: KnightTaskValues) {
  return {
    taskKind: v.taskKind || undefined,
    pickupAddress: v.pickupAddress.trim() || undefined,
    pickupLat: v.pickupLat ?? undefined,
    pickupLng: v.pickupLng ?? undefined,
    cargoKg: optNum(v.cargoKg),
    cargoVolumeL: optNum(v.cargoVolumeL),
    requiredVehicle: v.requiredVehicle,
    requiredTrainings: v.requiredTrainings,
    rewardPoints: optNum(v.rewardPoints),
  };
}

/** Toggles `item` in a list (checkbox groups). */
export function toggle(list: readonly string[], item: string): string[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}
