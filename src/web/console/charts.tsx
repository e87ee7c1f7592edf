// The console's charts (dashboard, retention forecast): server-side SVG laid out by d3-scale and d3-shape, each with a title, a description and its
// numbers as a table (details/summary) for whoever does not read the picture.
import { scaleBand, scaleLinear, scalePoint } from 'd3-scale';
import { line, stack } from 'd3-shape';
import type { ComponentChildren } from 'preact';

/** One bar: its label and its value; `alarm` paints it in the warning colour (overdue). */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly alarm?: boolean;
}

/** One series of a line chart, a value per point of the x axis. */
export interface Series {
  readonly name: string;
  readonly values: readonly number[];
}

interface Frame {
  readonly width: number;
  readonly height: number;
  readonly margin: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
}

const BARS: Frame = { width: 600, height: 0, margin: { top: 8, right: 48, bottom: 8, left: 210 } };
const LINES: Frame = { width: 640, height: 260, margin: { top: 16, right: 16, bottom: 48, left: 40 } };
const STACKED: Frame = { width: 720, height: 300, margin: { top: 16, right: 16, bottom: 40, left: 48 } };
const BAR_STEP = 30;
/** Colours of the notice's palette, contrast ≥ 4.5:1 on white. */
const COLOURS = ['#1f5fbf', '#1e6b3a', '#7a3e9d'] as const;
const ALARM = '#b3261e';
/** The stacked chart's series: distinct hues, each ≥ 3:1 against white (graphics) and told apart by the legend's order. */
const STACK_COLOURS = ['#1f5fbf', '#1e6b3a', '#7a3e9d', '#a14a00', '#00727a', '#8a2252', '#4d5b00', '#5c5c5c'] as const;
const LEGEND_ROW = 18;

/** A chart's accessible frame: the SVG named by its title and described, then the same numbers as a table. */
function Figure(props: {
  id: string;
  title: string;
  description: string;
  tableLabel: string;
  svg: ComponentChildren;
  width: number;
  height: number;
  table: ComponentChildren;
}) {
  return (
    <figure class="chart" aria-labelledby={`${props.id}-caption`}>
      <figcaption id={`${props.id}-caption`}>{props.title}</figcaption>
      <svg
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
        viewBox={`0 0 ${props.width} ${props.height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{props.description}</desc>
        {props.svg}
      </svg>
      <details>
        <summary>{props.tableLabel}</summary>
        {props.table}
      </details>
    </figure>
  );
}

/** Horizontal bars, one per item, each with its value written at its end. */
export function BarChart(props: {
  id: string;
  title: string;
  description: string;
  tableLabel: string;
  headers: readonly [string, string];
  bars: readonly Bar[];
}) {
  const { margin, width } = BARS;
  const height = margin.top + margin.bottom + BAR_STEP * Math.max(1, props.bars.length);
  const y = scaleBand<string>()
    .domain(props.bars.map((b) => b.label))
    .range([margin.top, height - margin.bottom])
    .padding(0.2);
  const x = scaleLinear()
    .domain([0, Math.max(1, ...props.bars.map((b) => b.value))])
    .nice()
    .range([margin.left, width - margin.right]);
  const svg = props.bars.map((b) => {
    const top = y(b.label) ?? 0;
    const middle = top + y.bandwidth() / 2;
    return (
      <g key={b.label}>
        <text x={margin.left - 8} y={middle} text-anchor="end" dominant-baseline="middle" class="axis">
          {b.label}
        </text>
        <rect x={x(0)} y={top} width={Math.max(0, x(b.value) - x(0))} height={y.bandwidth()} fill={b.alarm ? ALARM : COLOURS[0]} />
        <text x={x(b.value) + 6} y={middle} dominant-baseline="middle" class="value">
          {String(b.value)}
        </text>
      </g>
    );
  });
  const table = (
    <table>
      <thead>
        <tr>
          <th scope="col">{props.headers[0]}</th>
          <th scope="col">{props.headers[1]}</th>
        </tr>
      </thead>
      <tbody>
        {props.bars.map((b) => (
          <tr key={b.label}>
            <th scope="row">{b.label}</th>
            <td>{String(b.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return <Figure {...props} svg={svg} width={width} height={height} table={table} />;
}

/** Lines over labelled points (weeks), a y axis with a few ticks, a legend naming each series. */
export function LineChart(props: {
  id: string;
  title: string;
  description: string;
  tableLabel: string;
  pointHeader: string;
  points: readonly string[];
  series: readonly Series[];
}) {
  const { margin, width, height } = LINES;
  const x = scalePoint<string>()
    .domain([...props.points])
    .range([margin.left, width - margin.right])
    .padding(0.3);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...props.series.flatMap((s) => s.values))])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const path = line<number>()
    .x((_, i) => x(props.points[i] ?? '') ?? 0)
    .y((v) => y(v));
  const ticks = y.ticks(4);
  const svg = (
    <>
      {ticks.map((t) => (
        <g key={`y${t}`}>
          <line x1={margin.left} x2={width - margin.right} y1={y(t)} y2={y(t)} class="grid" />
          <text x={margin.left - 6} y={y(t)} text-anchor="end" dominant-baseline="middle" class="axis">
            {String(t)}
          </text>
        </g>
      ))}
      {props.points.map((p, i) =>
        i % 2 === props.points.length % 2 ? null : (
          <text key={`x${p}`} x={x(p) ?? 0} y={height - margin.bottom + 16} text-anchor="middle" class="axis">
            {p.slice(5)}
          </text>
        ),
      )}
      {props.series.map((s, i) => (
        <g key={s.name}>
          <path d={path([...s.values]) ?? ''} fill="none" stroke={COLOURS[i % COLOURS.length]} stroke-width={2.5} />
          {s.values.map((v, j) => (
            <circle key={j} cx={x(props.points[j] ?? '') ?? 0} cy={y(v)} r={3.5} fill={COLOURS[i % COLOURS.length]} />
          ))}
          <rect x={margin.left + i * 170} y={height - 18} width={14} height={4} fill={COLOURS[i % COLOURS.length]} />
          <text x={margin.left + i * 170 + 20} y={height - 14} dominant-baseline="middle" class="axis">
            {s.name}
          </text>
        </g>
      ))}
    </>
  );
  const table = <SeriesTable pointHeader={props.pointHeader} points={props.points} series={props.series} />;
  return <Figure {...props} svg={svg} width={width} height={height} table={table} />;
}

/**
 * Bars stacked per point of the x axis (weeks), one colour per series, stacked by d3-shape's `stack`; a legend under
 * the bars names the series in stacking order, and the table gives every point's value per series and the total.
 */
export function StackedBarChart(props: {
  id: string;
  title: string;
  description: string;
  tableLabel: string;
  pointHeader: string;
  totalHeader: string;
  points: readonly string[];
  /** Shown on the x axis (a short form of the point); every `labelEvery`-th point is labelled. */
  pointLabel: (point: string) => string;
  labelEvery: number;
  series: readonly Series[];
}) {
  const { margin, width } = STACKED;
  const legendRows = Math.ceil(props.series.length / 2);
  const height = STACKED.height + legendRows * LEGEND_ROW;
  const bottom = STACKED.height - margin.bottom;
  const indices = props.points.map((_, i) => i);
  const layers = stack<number, number>()
    .keys(props.series.map((_, k) => k))
    .value((i, k) => props.series[k]?.values[i] ?? 0)(indices);
  const totals = indices.map((i) => props.series.reduce((n, s) => n + (s.values[i] ?? 0), 0));
  const x = scaleBand<number>()
    .domain(indices)
    .range([margin.left, width - margin.right])
    .padding(0.15);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...totals)])
    .nice()
    .range([bottom, margin.top]);
  const colour = (k: number) => STACK_COLOURS[k % STACK_COLOURS.length];
  const svg = (
    <>
      {y.ticks(4).map((t) => (
        <g key={`y${t}`}>
          <line x1={margin.left} x2={width - margin.right} y1={y(t)} y2={y(t)} class="grid" />
          <text x={margin.left - 6} y={y(t)} text-anchor="end" dominant-baseline="middle" class="axis">
            {String(t)}
          </text>
        </g>
      ))}
      {layers.map((layer) => (
        <g key={`s${layer.key}`} fill={colour(layer.key)}>
          {layer.map((segment, i) =>
            segment[1] > segment[0] ? (
              <rect key={i} x={x(i) ?? 0} y={y(segment[1])} width={x.bandwidth()} height={Math.max(0, y(segment[0]) - y(segment[1]))} />
            ) : null,
          )}
        </g>
      ))}
      {indices.map((i) =>
        i % props.labelEvery === 0 ? (
          <text key={`x${i}`} x={(x(i) ?? 0) + x.bandwidth() / 2} y={bottom + 16} text-anchor="middle" class="axis">
            {props.pointLabel(props.points[i] ?? '')}
          </text>
        ) : null,
      )}
      {props.series.map((s, k) => {
        const left = margin.left + (k % 2) * 330;
        const top = STACKED.height - 8 + Math.floor(k / 2) * LEGEND_ROW;
        return (
          <g key={`l${k}`}>
            <rect x={left} y={top - 6} width={12} height={12} fill={colour(k)} />
            <text x={left + 18} y={top} dominant-baseline="middle" class="axis">
              {s.name}
            </text>
          </g>
        );
      })}
    </>
  );
  // A wide table scrolls on its own: focusable and named, so a keyboard can scroll it too.
  const table = (
    <div class="scroll" tabIndex={0} role="region" aria-label={props.tableLabel}>
      <SeriesTable
        pointHeader={props.pointHeader}
        points={props.points}
        series={props.series}
        total={{ header: props.totalHeader, values: totals }}
      />
    </div>
  );
  return <Figure {...props} svg={svg} width={width} height={height} table={table} />;
}

/** A chart's numbers as a table: a row per point, a column per series, and a total column when given. */
function SeriesTable(props: {
  readonly pointHeader: string;
  readonly points: readonly string[];
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
  readonly total?: { readonly header: string; readonly values: readonly number[] } | undefined;
}) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{props.pointHeader}</th>
          {props.series.map((s) => (
            <th scope="col" key={s.name}>
              {s.name}
            </th>
          ))}
          {props.total && <th scope="col">{props.total.header}</th>}
        </tr>
      </thead>
      <tbody>
        {props.points.map((p, i) => (
          <tr key={p}>
            <th scope="row">{p}</th>
            {props.series.map((s) => (
              <td key={s.name}>{String(s.values[i] ?? 0)}</td>
            ))}
            {props.total && <td>{String(props.total.values[i] ?? 0)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
