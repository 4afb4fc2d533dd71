import type { Topology } from '../topology/model.js';

/**
 * The clock offset each site runs with, as the run sets it; every change is recorded in the
 * history, so checkers can take skew out of engine timestamps.
 */
export class ClockBook {
  readonly #offsets = new Map<string, number>();
  readonly #base = new Map<string, number>();
  readonly #record: (site: string, offsetMs: number) => void;

  constructor(topology: Topology, record: (site: string, offsetMs: number) => void) {
    for (const site of topology.sites) {
      this.#offsets.set(site.name, site.clockOffsetMs);
      this.#base.set(site.name, site.clockOffsetMs);
    }
    this.#record = record;
  }

  offsetOf(site: string): number {
    return this.#offsets.get(site) ?? 0;
  }

  /** The offset the topology gives the site. */
  baseOf(site: string): number {
    return this.#base.get(site) ?? 0;
  }

  note(site: string, offsetMs: number): void {
    if (this.#offsets.get(site) === offsetMs) return;
    this.#offsets.set(site, offsetMs);
    this.#record(site, offsetMs);
  }
}
