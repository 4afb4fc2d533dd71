import type { ConflictConfig } from '../../contract/conflict-settings.js';
import type { JsonValue, Operation, RegionEvent } from '../region/region-event.js';
import { sameVersion, type VersionTag } from '../region/version-tag.js';
import { defaultWanRule, laterVersion } from './default-rule.js';
import type {
  ConflictResolver,
  ResolverVerdict,
  WanConflict,
} from '../../contract/resolver-api.js';

/** What a region holds for a key, as far as conflict checks are concerned. */
export interface StoredEntry {
  value: JsonValue | undefined;
  version: VersionTag;
  tombstone: boolean;
}

export interface ConflictPolicy {
  readonly resolver?: ConflictResolver;
  readonly forwardedEventDsid: ConflictConfig['forwardedEventDsid'];
  readonly onResolverError: ConflictConfig['onResolverError'];
}

/** Why an event was applied or discarded; the conflict statistics count each. */
export type DecidedBy = 'no-entry' | 'same-site' | 'default-rule' | 'resolver';

export type ResolverOutcome = ResolverVerdict['kind'] | 'error';

export type RemoteDecision =
  | {
      kind: 'apply';
      op: Operation;
      value: JsonValue | undefined;
      version: VersionTag;
      decidedBy: DecidedBy;
      resolver?: ResolverOutcome;
      error?: Error;
    }
  | {
      kind: 'discard';
      reason: 'older' | 'resolver' | 'resolver-error' | 'duplicate';
      decidedBy: DecidedBy;
      resolver?: ResolverOutcome;
      error?: Error;
    };

/**
 * The version a received event is checked and stored with. By default the origin site's
 * stamp travels unchanged through forwarding sites, so every site ends with the same version;
 * `last-hop` takes the sending site's id with the original timestamp, as Geode does.
 */
export function incomingVersion(
  event: RegionEvent,
  fromDsid: number,
  policy: Pick<ConflictPolicy, 'forwardedEventDsid'>,
): VersionTag {
  if (policy.forwardedEventDsid === 'origin' || event.version.dsid === fromDsid) {
    return event.version;
  }
  return { ...event.version, dsid: fromDsid };
}

/**
 * CONS-4, CONS-6: whether a received event may change the entry, after Geode's
 * AbstractRegionEntry.processGatewayTag. A new key always applies; a change from the entry's
 * own last writer applies unless it is older; otherwise the resolver, if any, alone decides,
 * and without one the later timestamp wins, the higher distributed-system-id on a tie.
 */
export function decideRemote(
  region: string,
  existing: StoredEntry | undefined,
  event: RegionEvent,
  fromDsid: number,
  policy: ConflictPolicy,
): RemoteDecision {
  const version = incomingVersion(event, fromDsid, policy);
  if (!existing) return applyAsSent(event, version, 'no-entry');
  // The very change the entry holds, come again: a forwarded apply retried after its primary
  // applied it but went before answering, or a resent batch. Applying it twice would log it
  // twice without the possibleDuplicate flag (found by `wanlab chaos member-kills --seed 14`).
  if (sameVersion(existing.version, version)) {
    return { kind: 'discard', reason: 'duplicate', decidedBy: 'same-site' };
  }
  const byDefault = defaultWanRule(existing.version, version);
  if (version.dsid === existing.version.dsid) {
    return byDefault === 'apply'
      ? applyAsSent(event, version, 'same-site')
      : { kind: 'discard', reason: 'older', decidedBy: 'same-site' };
  }
  if (policy.resolver) {
    const conflict = conflictOf(region, existing, event, version, byDefault);
    return resolve(policy, conflict, version, existing.version);
  }
  return byDefault === 'apply'
    ? applyAsSent(event, version, 'default-rule')
    : { kind: 'discard', reason: 'older', decidedBy: 'default-rule' };
}

function applyAsSent(
  event: RegionEvent,
  version: VersionTag,
  decidedBy: DecidedBy,
): RemoteDecision {
  return { kind: 'apply', op: event.op, value: event.value, version, decidedBy };
}

function conflictOf(
  region: string,
  existing: StoredEntry,
  event: RegionEvent,
  version: VersionTag,
  byDefault: 'apply' | 'discard',
): WanConflict {
  return {
    region,
    key: event.key,
    operation: event.op,
    oldValue: existing.tombstone ? undefined : existing.value,
    oldDestroyed: existing.tombstone,
    newValue: event.op === 'destroy' ? undefined : event.value,
    oldTimestamp: existing.version.timestamp,
    newTimestamp: version.timestamp,
    oldDsid: existing.version.dsid,
    newDsid: version.dsid,
    byDefault: byDefault === 'apply' ? 'allow' : 'disallow',
  };
}

function resolve(
  policy: ConflictPolicy,
  conflict: WanConflict,
  version: VersionTag,
  existingVersion: VersionTag,
): RemoteDecision {
  let verdict: ResolverVerdict;
  try {
    verdict = checkedVerdict(policy.resolver!.resolve(Object.freeze(conflict)));
  } catch (thrown) {
    return resolverFailed(policy, conflict, version, asError(thrown));
  }
  const event = { op: conflict.operation, value: conflict.newValue };
  switch (verdict.kind) {
    case 'allow':
      return { kind: 'apply', ...event, version, decidedBy: 'resolver', resolver: 'allow' };
    case 'disallow':
      return { kind: 'discard', reason: 'resolver', decidedBy: 'resolver', resolver: 'disallow' };
    case 'change':
      return {
        kind: 'apply',
        op: conflict.operation === 'destroy' ? 'update' : conflict.operation,
        value: verdict.value,
        // Two sites that merge the same two writes must end with the same version too.
        version: laterVersion(existingVersion, version),
        decidedBy: 'resolver',
        resolver: 'change',
      };
  }
}

/** Seeds: the event is discarded (and counted and logged); Geode: the default rule decides. */
function resolverFailed(
  policy: ConflictPolicy,
  conflict: WanConflict,
  version: VersionTag,
  error: Error,
): RemoteDecision {
  const failed = { resolver: 'error', error } as const;
  if (policy.onResolverError === 'discard') {
    return { kind: 'discard', reason: 'resolver-error', decidedBy: 'resolver', ...failed };
  }
  if (conflict.byDefault === 'disallow') {
    return { kind: 'discard', reason: 'older', decidedBy: 'default-rule', ...failed };
  }
  const event = { op: conflict.operation, value: conflict.newValue };
  return { kind: 'apply', ...event, version, decidedBy: 'default-rule', ...failed };
}

function checkedVerdict(value: unknown): ResolverVerdict {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind === 'allow' || kind === 'disallow') return value as ResolverVerdict;
  if (kind === 'change' && (value as { value?: unknown }).value !== undefined) {
    return value as ResolverVerdict;
  }
  throw new TypeError(
    `resolve() returned ${JSON.stringify(value) ?? String(value)}, not {kind: "allow"}, {kind: "disallow"} or {kind: "change", value}`,
  );
}

function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}
