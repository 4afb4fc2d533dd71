/** The value below which `fraction` of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

/** Median, minimum and maximum of repeated measurements, rounded for reading. */
export function spread(samples: readonly number[], decimals = 0): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x: number): number => Number(x.toFixed(decimals));
  return {
    median: round(percentile(sorted, 0.5)),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    samples: samples.map(round),
  };
}
