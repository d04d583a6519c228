/**
 * Knight dispatch settings, in one place. Waves widen through RADII_KM (cut at the need's maxDistanceKm and
 * at MAX_RADIUS_KM); each wave offers OFFERS_PER_SLOT × open slots and lasts WAVE_TIMEOUT_SECONDS (an offer
 * expires with its wave). Only knights whose position is at most POSITION_FRESH_MINUTES old are offered.
 */
export type DispatchConfig = {
  radiiKm: readonly number[];
  maxRadiusKm: number;
  waveTimeoutSeconds: number;
  offersPerSlot: number;
  positionFreshMinutes: number;
};

export const DISPATCH_CONFIG: DispatchConfig = {
  radiiKm: [3, 6, 12],
  maxRadiusKm: 12,
  waveTimeoutSeconds: 60,
  offersPerSlot: 2,
  positionFreshMinutes: 10,
};

export const DISPATCH_WAVE_QUEUE = "dispatch.wave";
export const dispatchWaveKey = (needId: string) => `dispatch-wave:${needId}`;

/**
 * The radii a dispatch walks through: the configured steps below the cap, then the cap itself, where the
 * cap is the need's own maximum distance limited by the platform maximum. waveRadii(100) = [3, 6, 12];
 * waveRadii(5) = [3, 5]; waveRadii(2) = [2].
 */
export function waveRadii(needMaxKm: number, cfg: DispatchConfig = DISPATCH_CONFIG): number[] {
  const cap = Math.min(needMaxKm, cfg.maxRadiusKm);
  const steps = cfg.radiiKm.filter((r) => r < cap);
  return [...steps, cap];
}

/** The radius after `currentKm` (null at the last one). */
export function nextRadius(currentKm: number, needMaxKm: number, cfg: DispatchConfig = DISPATCH_CONFIG): number | null {
  return waveRadii(needMaxKm, cfg).find((r) => r > currentKm) ?? null;
}
