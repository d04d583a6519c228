export type LineSeries = { key: string; label: string; points: { at: Date; value: number | null }[] };

const COLOURS = ["text-brand-600", "text-amber-600", "text-emerald-600", "text-fuchsia-600", "text-sky-700", "text-red-600", "text-slate-700", "text-lime-700"];
const W = 460;
const H = 180;
const PAD = { left: 34, right: 8, top: 8, bottom: 22 };

/**
 * Lines over time in plain SVG. A null value (a count withheld as "<3") leaves a gap rather than a guess.
 * One image for assistive technology; the ChartFigure's table carries the figures and the legend is text.
 */
export function LineChart({ series, label, tickLabel }: { series: LineSeries[]; label: string; tickLabel: (d: Date) => string }) {
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => p.at.getTime())))].sort((a, b) => a - b);
  const top = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.value ?? 0)));
  const t0 = times[0] ?? 0;
  const span = Math.max(1, (times[times.length - 1] ?? 0) - t0);
  const x = (t: number) => PAD.left + ((t - t0) / span) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const ticks = times.length > 1 ? [times[0]!, times[Math.floor(times.length / 2)]!, times[times.length - 1]!] : times;
  return (
    <div className="space-y-1">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={label}>
        <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} className="stroke-slate-300" />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} className="stroke-slate-300" />
        <text x={PAD.left - 4} y={PAD.top + 8} textAnchor="end" className="fill-slate-600 text-[10px] tabular-nums">{top}</text>
        <text x={PAD.left - 4} y={H - PAD.bottom} textAnchor="end" className="fill-slate-600 text-[10px]">0</text>
        {ticks.map((t) => (
          <text key={t} x={x(t)} y={H - 6} textAnchor="middle" className="fill-slate-600 text-[10px]">{tickLabel(new Date(t))}</text>
        ))}
        {series.map((s, i) => {
          // Split at gaps so a withheld count is not bridged.
          const runs: string[][] = [[]];
          for (const p of s.points) {
            if (p.value === null) runs.push([]);
            else runs[runs.length - 1]!.push(`${x(p.at.getTime()).toFixed(1)},${y(p.value).toFixed(1)}`);
          }
          return (
            <g key={s.key} className={COLOURS[i % COLOURS.length]} data-series={s.key}>
              {runs.filter((r) => r.length > 0).map((r, j) =>
                r.length === 1 ? (
                  <circle key={j} cx={Number(r[0]!.split(",")[0])} cy={Number(r[0]!.split(",")[1])} r={2.5} fill="currentColor" />
                ) : (
                  <polyline key={j} points={r.join(" ")} fill="none" stroke="currentColor" strokeWidth={2} />
                ),
              )}
            </g>
          );
        })}
      </svg>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
        {series.map((s, i) => (
          <li key={s.key} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block h-0.5 w-4 bg-current ${COLOURS[i % COLOURS.length]}`} />
            {s.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
