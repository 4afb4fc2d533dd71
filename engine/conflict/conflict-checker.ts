import type { ConflictConfig } from '../../contract/conflict-settings.js';
import type { Logger } from '../log.js';
import type { RemoteConflictCheck } from '../region/region.js';
import type { RegionEvent } from '../region/region-event.js';
import { eventIdText } from '../region/region-event.js';
import { countDecision, emptyConflictCounters, type ConflictCounters } from './conflict-stats.js';
import { decideRemote, type RemoteDecision, type StoredEntry } from './remote-decision.js';
import type { ConflictResolver } from '../../contract/resolver-api.js';

export interface ConflictStatus {
  region: string;
  /** The resolver module, when the region has one. */
  resolver?: string;
  forwardedEventDsid: ConflictConfig['forwardedEventDsid'];
  onResolverError: ConflictConfig['onResolverError'];
  stats: ConflictCounters;
}

/**
 * One region's WAN conflict check: the pure decision of remote-decision.ts, plus the counting
 * and logging around it. Regions call it for every received event (RemoteConflictCheck).
 */
export class ConflictChecker implements RemoteConflictCheck {
  readonly #region: string;
  readonly #config: ConflictConfig;
  readonly #resolver: ConflictResolver | undefined;
  readonly #logger: Logger;
  readonly #stats = emptyConflictCounters();

  constructor(
    region: string,
    config: ConflictConfig,
    resolver: ConflictResolver | undefined,
    logger: Logger,
  ) {
    this.#region = region;
    this.#config = config;
    this.#resolver = resolver;
    this.#logger = logger;
  }

  decide(existing: StoredEntry | undefined, event: RegionEvent, fromDsid: number): RemoteDecision {
    const decision = decideRemote(this.#region, existing, event, fromDsid, {
      ...(this.#resolver ? { resolver: this.#resolver } : {}),
      forwardedEventDsid: this.#config.forwardedEventDsid,
      onResolverError: this.#config.onResolverError,
    });
    countDecision(this.#stats, decision);
    if (decision.error) this.#logResolverError(event, decision);
    return decision;
  }

  status(): ConflictStatus {
    return {
      region: this.#region,
      ...(this.#config.resolver ? { resolver: this.#config.resolver.module } : {}),
      forwardedEventDsid: this.#config.forwardedEventDsid,
      onResolverError: this.#config.onResolverError,
      stats: { ...this.#stats },
    };
  }

  #logResolverError(event: RegionEvent, decision: RemoteDecision): void {
    this.#logger.error(
      {
        region: this.#region,
        key: event.key,
        eventId: eventIdText(event.id),
        originDsid: event.originDsid,
        resolver: this.#config.resolver?.module,
        err: decision.error?.message,
        outcome: decision.kind,
      },
      decision.kind === 'discard'
        ? 'conflict resolver failed; event discarded'
        : 'conflict resolver failed; the default rule decided',
    );
  }
}
