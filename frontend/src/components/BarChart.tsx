// A small hand-made SVG chart: income and expense per category as horizontal bars. No chart library needed for
// this, no inline styles (the CSP allows styles from 'self' only), and the numbers are also in a table for
// screen readers and for people who prefer figures.

import type { CategorySummary } from '../api/ledger';

interface BarChartProps {
  categories: CategorySummary[];
  format: (minor: number) => string;
  title: string;
}

const ROW = 44;
const LABEL = 120;
const WIDTH = 560;
const BAR = 14;

export function BarChart({ categories, format, title }: BarChartProps) {
  const max = Math.max(1, ...categories.flatMap((c) => [c.incomeMinor, Math.abs(c.expenseMinor)]));
  const plot = WIDTH - LABEL - 8;
  const height = Math.max(ROW, categories.length * ROW) + 24;
  const scale = (v: number) => Math.max(v === 0 ? 0 : 2, Math.round((Math.abs(v) / max) * plot));
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-label={`${title}: ${categories
          .map((c) => `${c.category} income ${format(c.incomeMinor)}, expense ${format(Math.abs(c.expenseMinor))}`)
          .join('; ')}`}
        preserveAspectRatio="xMinYMin meet"
      >
        <g className="chart__legend" transform={`translate(${LABEL}, 10)`}>
          <rect className="chart__income" width="12" height="12" y="-10" />
          <text x="18">Income</text>
          <rect className="chart__expense" width="12" height="12" x="90" y="-10" />
          <text x="108">Expense</text>
        </g>
        {categories.map((c, i) => {
          const y = 24 + i * ROW;
          return (
            <g key={c.category} transform={`translate(0, ${y})`} data-category={c.category}>
              <text className="chart__label" x={LABEL - 8} y={BAR + 4} textAnchor="end">
                {c.category}
              </text>
              <rect className="chart__income" x={LABEL} y={0} height={BAR} width={scale(c.incomeMinor)} />
              <rect
                className="chart__expense"
                x={LABEL}
                y={BAR + 2}
                height={BAR}
                width={scale(c.expenseMinor)}
              />
            </g>
          );
        })}
      </svg>
      <figcaption className="visually-hidden">{title}</figcaption>
    </figure>
  );
}
