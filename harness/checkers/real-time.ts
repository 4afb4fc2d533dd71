import type { History } from '../history/history.js';

interface OffsetPeriod {
  fromWallMs: number;
  offsetMs: number;
}

/**
 * Converts a time read from a site's (possibly skewed) engine clock to harness wall time,
 * using the clock offsets the run set (`clock` records) and the site's initial offset.
 */
export class RealTime {
  readonly #periods = new Map<string, OffsetPeriod[]>();

  constructor(history: History) {
    for (const site of history.run.sites)
      this.#periods.set(site.name, [
        { fromWallMs: Number.NEGATIVE_INFINITY, offsetMs: site.clockOffsetMs },
      ]);
    for (const clock of [...history.clocks].sort((a, b) => a.wallMs - b.wallMs)) {
      const periods = this.#periods.get(clock.site);
      if (periods) periods.push({ fromWallMs: clock.wallMs, offsetMs: clock.offsetMs });
    }
  }

  /** The wall time at which `site`'s engine clock read `engineMs`. */
  of(site: string, engineMs: number): number {
    const periods = this.#periods.get(site);
    if (!periods) return engineMs;
    for (let i = periods.length - 1; i >= 0; i--) {
      const real = engineMs - periods[i]!.offsetMs;
      const until = periods[i + 1]?.fromWallMs ?? Number.POSITIVE_INFINITY;
      if (real >= periods[i]!.fromWallMs && real < until) return real;
    }
    return engineMs - periods[periods.length - 1]!.offsetMs;
  }
}
