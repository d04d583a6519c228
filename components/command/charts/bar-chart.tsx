export type Bar = { key: string; label: string; value: number; display: string; tone?: "brand" | "amber" | "slate" | "emerald" | "red" };

const TONE: Record<NonNullable<Bar["tone"]>, string> = {
  brand: "fill-brand-600",
  amber: "fill-amber-500",
  slate: "fill-slate-500",
  emerald: "fill-emerald-600",
  red: "fill-red-600",
};

const ROW = 26;
const LABEL_W = 150;
const WIDTH = 460;
const VALUE_W = 70;

/**
 * Horizontal bars in plain SVG (no chart library). One image for assistive technology, named by `label`;
 * the figures themselves are in the ChartFigure's table.
 */
export function BarChart({ bars, label, max }: { bars: Bar[]; label: string; max?: number }) {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 0);
  const scale = top > 0 ? (WIDTH - LABEL_W - VALUE_W) / top : 0;
  const height = Math.max(ROW, bars.length * ROW);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} className="h-auto w-full" role="img" aria-label={label}>
      {bars.map((b, i) => {
        const y = i * ROW;
        const w = Math.max(0, b.value * scale);
        return (
          <g key={b.key} data-bar={b.key} data-value={b.value}>
            <text x={LABEL_W - 6} y={y + ROW / 2 + 4} textAnchor="end" className="fill-slate-700 text-[11px]">
              {b.label}
            </text>
            <rect x={LABEL_W} y={y + 5} width={WIDTH - LABEL_W - VALUE_W} height={ROW - 10} rx={3} className="fill-slate-100" />
            <rect x={LABEL_W} y={y + 5} width={w} height={ROW - 10} rx={3} className={TONE[b.tone ?? "brand"]} />
            <text x={WIDTH - VALUE_W + 6} y={y + ROW / 2 + 4} className="fill-slate-900 text-[11px] tabular-nums">
              {b.display}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
