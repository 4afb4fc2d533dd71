import type { Timeline } from './timeline.js';
import {
  LEFT,
  PANEL_HEIGHT,
  RIGHT,
  WIDTH,
  axes,
  faultBands,
  legend,
  niceMax,
  polyline,
} from './timeline-svg.js';

const TOP = 28;
const GAP = 44;

export const OUTCOME_COLOR = { ok: '#2e7d32', fail: '#c62828', unknown: '#ef6c00' } as const;
const P50_COLOR = '#1f77b4';
const P99_COLOR = '#9467bd';

/**
 * The workload as an SVG chart on the timeline's time axis, with the same fault windows:
 * operations completed per second stacked by outcome (top), and the latency of the
 * operations that completed in each second, median and 99th percentile (bottom).
 */
export function operationsSvg(timeline: Timeline): string {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const height = TOP + 2 * PANEL_HEIGHT + GAP + 36;
  const maxMs = Math.max(1000, timeline.durationMs);
  const x = (ms: number): number => LEFT + (ms / maxMs) * plotWidth;
  const opsTop = TOP;
  const latencyTop = TOP + PANEL_HEIGHT + GAP;
  const opsMax = niceMax(Math.max(1, ...timeline.throughput.map((t) => t.ok + t.fail + t.unknown)));
  const latencyMax = niceMax(Math.max(1, ...timeline.latency.map((l) => l.p99Ms)));
  const latencyY = (v: number): number =>
    latencyTop + PANEL_HEIGHT - (v / latencyMax) * PANEL_HEIGHT;
  const at = (second: number): number => second * 1000 + 500;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="11" class="operations">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    ...faultBands(timeline, x, opsTop, latencyTop + PANEL_HEIGHT),
    ...axes('operations per second', opsTop, opsMax, x, maxMs),
    ...axes('operation latency (ms)', latencyTop, latencyMax, x, maxMs),
    ...throughputBars(timeline, x, opsTop, opsMax),
    polyline(
      timeline.latency.map((l) => [at(l.second), l.p50Ms]),
      x,
      latencyY,
      P50_COLOR,
    ),
    polyline(
      timeline.latency.map((l) => [at(l.second), l.p99Ms]),
      x,
      latencyY,
      P99_COLOR,
    ),
    legend(
      (['ok', 'fail', 'unknown'] as const).map((o) => ({ label: o, color: OUTCOME_COLOR[o] })),
      LEFT,
      opsTop - 10,
    ),
    legend(
      [
        { label: 'median', color: P50_COLOR },
        { label: '99th percentile', color: P99_COLOR },
      ],
      LEFT,
      latencyTop - 10,
    ),
    `<text x="${LEFT + plotWidth / 2}" y="${height - 6}" text-anchor="middle">time since the run started (s)</text>`,
    '</svg>',
  ].join('\n');
}

/** One bar per second, ok at the bottom, then fail, then unknown. */
function throughputBars(
  timeline: Timeline,
  x: (ms: number) => number,
  top: number,
  max: number,
): string[] {
  const bottom = top + PANEL_HEIGHT;
  const width = Math.max(1, x(1000) - x(0) - 1);
  return timeline.throughput.flatMap((t) => {
    let base = bottom;
    return (['ok', 'fail', 'unknown'] as const).flatMap((outcome) => {
      if (t[outcome] === 0) return [];
      const h = (t[outcome] / max) * PANEL_HEIGHT;
      base -= h;
      return [
        `<rect class="ops-${outcome}" x="${x(t.second * 1000).toFixed(1)}" y="${base.toFixed(1)}" width="${width.toFixed(1)}" height="${h.toFixed(1)}" fill="${OUTCOME_COLOR[outcome]}"><title>${t.second}–${t.second + 1} s: ${t[outcome]} ${outcome}</title></rect>`,
      ];
    });
  });
}
