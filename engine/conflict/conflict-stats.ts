import type { RemoteDecision } from './remote-decision.js';

/** Per-region WAN conflict counters, totals since the member started (GET .../conflicts). */
export interface ConflictCounters {
  /** Every event received from another site for this region. */
  remoteEventsChecked: number;
  /** Applied without a conflict: a new key, or a change from the entry's last writer. */
  appliedWithoutConflict: number;
  /** Applied because the default rule (CONS-4) found it newer. */
  appliedByDefaultRule: number;
  /** Discarded as older than the entry (CONS-4, or a same-site change that is older). */
  discardedAsOlder: number;
  /** CONS-6: calls of the region's resolver, and what it answered. */
  resolverCalls: number;
  resolverAllowed: number;
  resolverDisallowed: number;
  resolverChanged: number;
  /** The resolver threw or answered something that is not a verdict. */
  resolverErrors: number;
}

export function emptyConflictCounters(): ConflictCounters {
  return {
    remoteEventsChecked: 0,
    appliedWithoutConflict: 0,
    appliedByDefaultRule: 0,
    discardedAsOlder: 0,
    resolverCalls: 0,
    resolverAllowed: 0,
    resolverDisallowed: 0,
    resolverChanged: 0,
    resolverErrors: 0,
  };
}

export function countDecision(counters: ConflictCounters, decision: RemoteDecision): void {
  counters.remoteEventsChecked++;
  if (decision.kind === 'discard' && decision.reason === 'older') counters.discardedAsOlder++;
  if (decision.kind === 'apply') {
    if (decision.decidedBy === 'no-entry' || decision.decidedBy === 'same-site') {
      counters.appliedWithoutConflict++;
    } else if (decision.decidedBy === 'default-rule') {
      counters.appliedByDefaultRule++;
    }
  }
  if (decision.resolver === undefined) return;
  counters.resolverCalls++;
  if (decision.resolver === 'allow') counters.resolverAllowed++;
  else if (decision.resolver === 'disallow') counters.resolverDisallowed++;
  else if (decision.resolver === 'change') counters.resolverChanged++;
  else counters.resolverErrors++;
}
