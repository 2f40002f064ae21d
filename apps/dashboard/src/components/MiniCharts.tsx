// Small charts drawn as plain SVG: the Overview draws five at once, and a chart
// library there cost most of a second before the first figure showed. Each bar
// has a <title>, so hovering tells its value.

const WIDTH = 440;

export interface Column {
  label: string;
  value: number;
}

/** Vertical bars over time (articles or alerts per hour), with the largest value on the scale. */
export function ColumnChart({
  data,
  colour,
  height = 200,
  width = WIDTH,
  unit,
}: {
  data: Column[];
  colour: string;
  height?: number;
  width?: number;
  unit: string;
}) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const left = 34;
  const bottom = 22;
  const inner = height - bottom - 8;
  const step = (width - left) / Math.max(1, data.length);
  const every = Math.ceil(data.length / Math.max(4, Math.floor(width / 80)));
  return (
    <svg className="mini-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${unit} per period`}>
      <line x1={left} x2={width} y1={8 + inner} y2={8 + inner} stroke="#b8c0c8" />
      <text x={left - 4} y={14} textAnchor="end" fontSize={11} fill="#68727d">
        {max}
      </text>
      <text x={left - 4} y={8 + inner} textAnchor="end" fontSize={11} fill="#68727d">
        0
      </text>
      {data.map((d, i) => {
        const h = (d.value / max) * inner;
        return (
          <g key={`${d.label}-${i}`}>
            <rect x={left + i * step + 1} y={8 + inner - h} width={Math.max(1, step - 2)} height={h} fill={colour}>
              <title>{`${d.label}: ${d.value} ${unit}`}</title>
            </rect>
            {i % every === 0 && (
              <text x={left + i * step + step / 2} y={height - 6} textAnchor="middle" fontSize={10} fill="#68727d">
                {d.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

export interface Row {
  label: string;
  /** One or more stacked parts, each with its colour. */
  parts: { name: string; value: number; colour: string }[];
}

/** Horizontal bars, one row per item (events per type, lag per consumer, jobs per queue by state). */
export function BarRows({ rows, unit }: { rows: Row[]; unit: string }) {
  const total = (row: Row) => row.parts.reduce((sum, p) => sum + p.value, 0);
  const max = Math.max(1, ...rows.map(total));
  const labelWidth = 130;
  const rowHeight = 22;
  const height = Math.max(1, rows.length) * rowHeight + 4;
  return (
    <svg className="mini-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={unit}>
      {rows.map((row, i) => {
        let x = labelWidth;
        const y = i * rowHeight + 4;
        return (
          <g key={row.label}>
            <text x={labelWidth - 6} y={y + 14} textAnchor="end" fontSize={11} fill="#1d2327">
              {row.label}
            </text>
            {row.parts.map((part) => {
              const w = (part.value / max) * (WIDTH - labelWidth - 40);
              const rect = (
                <rect key={part.name} x={x} y={y + 3} width={w} height={rowHeight - 8} fill={part.colour}>
                  <title>{`${row.label}: ${part.value} ${part.name}`}</title>
                </rect>
              );
              x += w;
              return rect;
            })}
            <text x={x + 4} y={y + 14} fontSize={11} fill="#68727d">
              {total(row)}
            </text>
          </g>
        );
      })}
      {rows.length === 0 && (
        <text x={8} y={16} fontSize={12} fill="#68727d">
          nothing yet
        </text>
      )}
    </svg>
  );
}

export function ChartLegend({ items }: { items: { name: string; colour: string }[] }) {
  return (
    <div className="map-legend">
      {items.map((item) => (
        <span key={item.name}>
          <i style={{ background: item.colour, borderRadius: 2 }} /> {item.name}
        </span>
      ))}
    </div>
  );
}
