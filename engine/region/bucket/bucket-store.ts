import type { Clock } from '../../clock.js';
import { localTimestamp } from '../../conflict/default-rule.js';
import type { EventIdGenerator } from '../event-ids.js';
import type {
  Entry,
  OperationContext,
  Region,
  RegionListener,
  RemoteApplyOutcome,
  RemoteConflictCheck,
} from '../region.js';
import { changedEvent } from '../region-event.js';
import type { AppliedSource, JsonValue, Operation, RegionEvent } from '../region-event.js';

export interface BucketStoreDeps {
  clock: Clock;
  dsid: number;
  memberUid: string;
  eventIds: EventIdGenerator;
  /** Decides on every received event (engine/conflict). */
  conflicts: RemoteConflictCheck;
}

/**
 * One bucket's store, in this member's memory: its entries (tombstones included, so an older
 * remote update cannot resurrect a destroyed entry), the conflict check on received events,
 * and the events it applies. A region is a set of such stores (bucketed-region.ts): one per
 * bucket this member holds, a replicated region's single bucket included.
 */
export class BucketStore implements Region {
  readonly name: string;
  readonly #deps: BucketStoreDeps;
  readonly #entries = new Map<string, Entry>();
  readonly #listeners: RegionListener[] = [];
  #liveCount = 0;

  constructor(name: string, deps: BucketStoreDeps) {
    this.name = name;
    this.#deps = deps;
  }

  onEvent(listener: RegionListener): void {
    this.#listeners.push(listener);
  }

  get(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    return entry && !entry.tombstone ? entry : undefined;
  }

  /** What this member holds for a key, a tombstone included. */
  held(key: string): Entry | undefined {
    return this.#entries.get(key);
  }

  size(): number {
    return this.#liveCount;
  }

  liveEntries(): Array<[string, Entry]> {
    return [...this.#entries].filter(([, entry]) => !entry.tombstone);
  }

  put(key: string, value: JsonValue, context: OperationContext): RegionEvent {
    const existing = this.#entries.get(key);
    const op: Operation = existing && !existing.tombstone ? 'update' : 'create';
    return this.#applyLocal(key, op, value, context);
  }

  destroy(key: string, context: OperationContext): RegionEvent | undefined {
    if (!this.get(key)) return undefined;
    return this.#applyLocal(key, 'destroy', undefined, context);
  }

  applyRemote(event: RegionEvent, fromDsid: number): RemoteApplyOutcome {
    const existing = this.#entries.get(event.key);
    const decision = this.#deps.conflicts.decide(existing, event, fromDsid);
    if (decision.kind === 'discard') return { kind: 'discarded', reason: decision.reason };
    const applied = changedEvent(event, {
      op: this.#remoteOperation(decision.op, existing),
      value: decision.op === 'destroy' ? undefined : decision.value,
      version: decision.version,
    });
    this.#store(applied);
    this.#emit(applied, { kind: 'remote', fromDsid });
    return { kind: 'applied', event: applied };
  }

  clear(): void {
    this.#entries.clear();
    this.#liveCount = 0;
  }

  dump(): Array<[string, Entry]> {
    return [...this.#entries];
  }

  restore(key: string, entry: Entry): void {
    const before = this.#entries.get(key);
    const wasLive = before !== undefined && !before.tombstone;
    this.#entries.set(key, { ...entry });
    this.#liveCount += (entry.tombstone ? 0 : 1) - (wasLive ? 1 : 0);
  }

  #applyLocal(
    key: string,
    op: Operation,
    value: JsonValue | undefined,
    context: OperationContext,
  ): RegionEvent {
    const { clock, dsid, memberUid, eventIds } = this.#deps;
    const existing = this.#entries.get(key);
    const nowMs = clock.now();
    const event: RegionEvent = {
      region: this.name,
      key,
      op,
      value,
      version: {
        timestamp: localTimestamp(nowMs, existing?.version, dsid),
        dsid,
        member: memberUid,
        entryVersion: (existing?.version.entryVersion ?? 0) + 1,
      },
      id: eventIds.next(context.thread),
      originDsid: dsid,
      recipients: [],
      possibleDuplicate: false,
      ...(context.tx ? { tx: context.tx } : {}),
      createdAtMs: nowMs,
    };
    this.#store(event);
    this.#emit(event, { kind: 'local' });
    return event;
  }

  /** A create that meets a live entry is an update here, and the reverse (Geode's bridge ops). */
  #remoteOperation(op: Operation, existing: Entry | undefined): Operation {
    if (op === 'destroy') return op;
    return existing && !existing.tombstone ? 'update' : 'create';
  }

  #store(event: RegionEvent): void {
    const before = this.#entries.get(event.key);
    const wasLive = before !== undefined && !before.tombstone;
    const tombstone = event.op === 'destroy';
    this.#entries.set(event.key, { value: event.value, version: event.version, tombstone });
    this.#liveCount += (tombstone ? 0 : 1) - (wasLive ? 1 : 0);
  }

  #emit(event: RegionEvent, source: AppliedSource): void {
    for (const listener of this.#listeners) listener(event, source);
  }
}
