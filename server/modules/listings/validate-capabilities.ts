import type { FieldErrors } from "@/server/errors";
import type { TResourceTypeMetric } from "@/lib/schemas/catalogue";

/** Formats a bound for messages: 5000 → "5000", 0.5 → "0.5". */
function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6)));
}

/**
 * Checks a listing's capability values against its type's metrics: every key must be one of the type's
 * metrics and every value inside [min, max] (either bound may be absent). Errors are keyed
 * `capabilities.<key>` and name the range and the unit.
 */
export function validateCapabilities(capabilities: Record<string, number>, metrics: readonly TResourceTypeMetric[]): FieldErrors {
  const errors: FieldErrors = {};
  const byKey = new Map(metrics.map((m) => [m.key, m]));
  for (const [key, value] of Object.entries(capabilities)) {
    const path = `capabilities.${key}`;
    const metric = byKey.get(key);
    if (!metric) {
      const known = metrics.map((m) => m.key).join(", ");
      errors[path] = [known ? `"${key}" is not a capability of this type (use: ${known}).` : `"${key}" is not a capability of this type (it has none).`];
      continue;
    }
    if (typeof value !== "number" || !Number.isFinite(value)) {
      errors[path] = [`${metric.labelEn} must be a number.`];
      continue;
    }
    const unit = metric.unit ? ` ${metric.unit}` : "";
    const { min, max } = metric;
    if ((min !== null && value < min) || (max !== null && value > max)) {
      const range =
        min !== null && max !== null
          ? `between ${fmt(min)} and ${fmt(max)}${unit}`
          : min !== null
            ? `at least ${fmt(min)}${unit}`
            : `at most ${fmt(max as number)}${unit}`;
      errors[path] = [`${metric.labelEn} must be ${range}.`];
    }
  }
  return errors;
}
