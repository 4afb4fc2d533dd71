import type { RemoteDecision } from '../conflict/remote-decision.js';
import type { AppliedSource, JsonValue, RegionEvent, TransactionMark } from './region-event.js';
import type { VersionTag } from './version-tag.js';

export interface Entry {
  value: JsonValue | undefined;
  version: VersionTag;
  /** A destroyed entry stays as a tombstone so an older remote update cannot resurrect it. */
  tombstone: boolean;
}

export interface OperationContext {
  /** The client's thread; decides the event-id stream and the `thread` order policy. */
  thread: number;
  /** Set when the operation is part of a committed transaction (TX-1). */
  tx?: TransactionMark;
}

export type RemoteApplyOutcome =
  | { kind: 'applied'; event: RegionEvent }
  | { kind: 'discarded'; reason: 'older' | 'resolver' | 'resolver-error' | 'duplicate' };

/**
 * The hook through which every Region implementation settles a received event (CONS-4..7):
 * given what it holds for the key (tombstones included), apply what the decision says or
 * nothing. engine/conflict/conflict-checker.ts implements it per region.
 */
export interface RemoteConflictCheck {
  decide(existing: Entry | undefined, event: RegionEvent, fromDsid: number): RemoteDecision;
}

export type RegionListener = (event: RegionEvent, source: AppliedSource) => void;

/** One bucket's store on one member (bucket/bucket-store.ts). */
export interface Region {
  readonly name: string;
  put(key: string, value: JsonValue, context: OperationContext): RegionEvent;
  /** Undefined when there was no live entry to destroy. */
  destroy(key: string, context: OperationContext): RegionEvent | undefined;
  get(key: string): Entry | undefined;
  size(): number;
  liveEntries(): Array<[string, Entry]>;
  applyRemote(event: RegionEvent, fromDsid: number): RemoteApplyOutcome;
  /** Local only, never distributed: the harness resets sites between scenarios with it. */
  clear(): void;
  onEvent(listener: RegionListener): void;
  /** Every entry, tombstones included: what another copy of the site needs to catch up. */
  dump(): Array<[string, Entry]>;
  /** Sets one entry as another copy of the site holds it: no conflict rule, no event. */
  restore(key: string, entry: Entry): void;
}
