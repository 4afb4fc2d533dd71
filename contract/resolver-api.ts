/**
 * The interface a custom WAN conflict resolver implements (CONS-6): a JavaScript or TypeScript
 * module, named by a region's `conflict.resolver.module`, that exports
 *
 *     export function createResolver(options) { return { resolve(conflict) { ... } }; }
 *
 * The engine calls `createResolver` once when the member starts, with the region's
 * `conflict.resolver.options`, and then `resolve` for every received event whose site differs
 * from the site that last wrote the entry (never for a new key, never for a change from the
 * entry's own last writer). `resolve` is synchronous and alone decides: allow the event,
 * disallow it, or apply it with another value. It must decide the same way at every site,
 * whatever the order of arrival, or the sites diverge. docs/conflict-resolvers.md has more.
 */
import type { Operation } from './control-api/common.js';
import type { JsonValue } from './json.js';

export interface WanConflict {
  readonly region: string;
  readonly key: string;
  /** What the received event does. */
  readonly operation: Operation;
  /** The entry's current value; undefined when it was destroyed. */
  readonly oldValue: JsonValue | undefined;
  readonly oldDestroyed: boolean;
  /** The received value; undefined for a destroy. */
  readonly newValue: JsonValue | undefined;
  /** Version timestamps (ms on the writing site's clock). */
  readonly oldTimestamp: number;
  readonly newTimestamp: number;
  /** The distributed-system-ids of the entry's last writer and of the received event. */
  readonly oldDsid: number;
  readonly newDsid: number;
  /** What the default rule (CONS-4) would decide, for resolvers that only bend it. */
  readonly byDefault: 'allow' | 'disallow';
}

export type ResolverVerdict =
  | { readonly kind: 'allow' }
  | { readonly kind: 'disallow' }
  /** Apply the event with this value instead (a destroy becomes an update). */
  | { readonly kind: 'change'; readonly value: JsonValue };

export interface ConflictResolver {
  resolve(conflict: WanConflict): ResolverVerdict;
}

export type ResolverOptions = Readonly<Record<string, JsonValue>>;

/** What a resolver module exports under the name `createResolver`. */
export type ResolverFactory = (options: ResolverOptions) => ConflictResolver;
