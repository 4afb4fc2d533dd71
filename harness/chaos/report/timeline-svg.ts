import { faultFill } from './fault-colors.js';
import type { Timeline } from './timeline.js';

export const WIDTH = 960;
export const PANEL_HEIGHT = 170;
export const LEFT = 64;
export const RIGHT = 16;
const TOP = 28;
const GAP = 44;
const COLORS = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#17becf',
  '#8c564b',
  '#e377c2',
];

/**
 * The run as an SVG chart: queue depth per sender (top) and replication lag per remote site
 * (bottom, one dot per applied write), on one time axis, with every fault window shaded and
 * labelled across both panels and the final heal marked.
 */
export function timelineSvg(timeline: Timeline): string {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const height = TOP + 2 * PANEL_HEIGHT + GAP + 36;
  const maxMs = Math.max(1000, timeline.durationMs);
  const x = (ms: number): number => LEFT + (ms / maxMs) * plotWidth;
  const queueMax = niceMax(
    Math.max(1, ...timeline.queues.flatMap((q) => q.points.map((p) => p[1]))),
  );
  const lagMax = niceMax(Math.max(1, ...timeline.lag.flatMap((l) => l.points.map((p) => p[1]))));
  const queueTop = TOP;
  const lagTop = TOP + PANEL_HEIGHT + GAP;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    ...faultBands(timeline, x, queueTop, lagTop + PANEL_HEIGHT),
    ...phaseMarks(timeline, x, queueTop, lagTop + PANEL_HEIGHT),
    ...axes('queue depth (events)', queueTop, queueMax, x, maxMs),
    ...axes('lag (ms)', lagTop, lagMax, x, maxMs),
    ...timeline.queues.map((q, i) =>
      polyline(
        q.points,
        x,
        (v) => queueTop + PANEL_HEIGHT - (v / queueMax) * PANEL_HEIGHT,
        color(i),
      ),
    ),
    ...timeline.lag.flatMap((l, i) =>
      l.points.map(
        ([t, v]) =>
          `<circle cx="${x(t).toFixed(1)}" cy="${(lagTop + PANEL_HEIGHT - (v / lagMax) * PANEL_HEIGHT).toFixed(1)}" r="1.6" fill="${color(i + 3)}" fill-opacity="0.6"/>`,
      ),
    ),
    legend(
      [...timeline.queues.map((q, i) => ({ label: q.sender, color: color(i) }))],
      LEFT,
      queueTop - 10,
    ),
    legend(
      [...timeline.lag.map((l, i) => ({ label: `lag to ${l.site}`, color: color(i + 3) }))],
      LEFT,
      lagTop - 10,
    ),
    `<text x="${LEFT + plotWidth / 2}" y="${height - 6}" text-anchor="middle">time since the run started (s)</text>`,
    '</svg>',
  ];
  return parts.join('\n');
}

export function faultBands(
  timeline: Timeline,
  x: (ms: number) => number,
  top: number,
  bottom: number,
): string[] {
  return timeline.faults.flatMap((f, i) => {
    const from = x(f.fromMs);
    const width = Math.max(1.5, x(f.toMs) - from);
    const fill = faultFill(f.kind);
    const labelY = top + 10 + (i % 4) * 11;
    return [
      `<rect x="${from.toFixed(1)}" y="${top}" width="${width.toFixed(1)}" height="${bottom - top}" fill="${fill}" fill-opacity="0.7"><title>#${f.id} ${escapeXml(f.kind)} ${escapeXml(f.target)}: ${(f.fromMs / 1000).toFixed(1)}–${(f.toMs / 1000).toFixed(1)} s${f.healed ? '' : ' (not healed)'}</title></rect>`,
      `<text x="${(from + 2).toFixed(1)}" y="${labelY}" fill="#555" font-size="9">${escapeXml(f.kind)} ${escapeXml(f.target)}</text>`,
    ];
  });
}

function phaseMarks(
  timeline: Timeline,
  x: (ms: number) => number,
  top: number,
  bottom: number,
): string[] {
  return Object.entries(timeline.phases)
    .filter(([phase]) => phase !== 'workload-start')
    .map(
      ([phase, at]) =>
        `<line x1="${x(at).toFixed(1)}" x2="${x(at).toFixed(1)}" y1="${top}" y2="${bottom}" stroke="#333" stroke-dasharray="3,3"><title>${phase} at ${(at / 1000).toFixed(1)} s</title></line>`,
    );
}

export function axes(
  title: string,
  top: number,
  max: number,
  x: (ms: number) => number,
  maxMs: number,
): string[] {
  const bottom = top + PANEL_HEIGHT;
  const parts = [
    `<line x1="${LEFT}" x2="${LEFT}" y1="${top}" y2="${bottom}" stroke="#333"/>`,
    `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${bottom}" y2="${bottom}" stroke="#333"/>`,
    `<text x="14" y="${top + PANEL_HEIGHT / 2}" transform="rotate(-90 14 ${top + PANEL_HEIGHT / 2})" text-anchor="middle">${escapeXml(title)}</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const value = (max * i) / 4;
    const y = bottom - (i / 4) * PANEL_HEIGHT;
    parts.push(
      `<text x="${LEFT - 4}" y="${y + 3}" text-anchor="end">${formatNumber(value)}</text>`,
    );
    if (i > 0)
      parts.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y}" y2="${y}" stroke="#eee"/>`);
  }
  const stepS = Math.max(1, niceMax(maxMs / 1000 / 10));
  for (let s = 0; s * 1000 <= maxMs; s += stepS)
    parts.push(`<text x="${x(s * 1000)}" y="${bottom + 13}" text-anchor="middle">${s}</text>`);
  return parts;
}

export function polyline(
  points: Array<[number, number]>,
  x: (ms: number) => number,
  y: (v: number) => number,
  stroke: string,
): string {
  const path = points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return `<polyline points="${path}" fill="none" stroke="${stroke}" stroke-width="1.5"/>`;
}

export function legend(
  items: Array<{ label: string; color: string }>,
  left: number,
  y: number,
): string {
  let offset = left;
  const parts = items.map((item) => {
    const part = `<rect x="${offset}" y="${y - 8}" width="10" height="10" fill="${item.color}"/><text x="${offset + 14}" y="${y + 1}">${escapeXml(item.label)}</text>`;
    offset += 24 + item.label.length * 6;
    return part;
  });
  return parts.join('');
}

export function color(i: number): string {
  return COLORS[i % COLORS.length]!;
}

/** 1, 2, 5 × 10^n at or above the value. */
export function niceMax(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
