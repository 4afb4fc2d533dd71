import { ALL_FAULTS } from '../../checkers/relevance.js';

/**
 * One fill per fault kind, told apart on the chart and named in its legend: light enough for
 * the series drawn over them. Link faults are warm, member faults red and brown, product
 * faults (senders, receivers, rebalance) purple and green, the clock blue.
 */
const FILL: Record<(typeof ALL_FAULTS)[number], string> = {
  'link-down': '#fdd0a2',
  blackhole: '#fdae6b',
  'reset-peer': '#fee391',
  'limit-data': '#fec44f',
  'slow-close': '#f7e4c6',
  'partition-site': '#fcbba1',
  'member-kill': '#fb6a4a',
  'member-stop': '#f4a582',
  'member-freeze': '#d6a68b',
  'receiver-stop': '#c2a5cf',
  latency: '#ffeda0',
  bandwidth: '#e7d4a6',
  slicer: '#f2d7e4',
  'clock-skew': '#9ecae1',
  'sender-pause': '#d4b9da',
  'sender-stop': '#b7a1d6',
  rebalance: '#a1d99b',
};

const UNKNOWN_KIND_FILL = '#dddddd';

export function faultFill(kind: string): string {
  return (FILL as Record<string, string>)[kind] ?? UNKNOWN_KIND_FILL;
}

/** The kinds of these faults, each once, in the order they first struck. */
export function faultKinds(faults: ReadonlyArray<{ kind: string }>): string[] {
  return [...new Set(faults.map((f) => f.kind))];
}
