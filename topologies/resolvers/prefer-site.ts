/**
 * Example resolver (CONS-7, seed 004): "always prioritize updates that originate from a
 * particular site, given that the timestamp value is within a certain range".
 *
 *   conflict:
 *     resolver:
 *       module: resolvers/prefer-site.ts
 *       options: { preferredSite: 1, windowMs: 10000 }
 *
 * When the two writes in conflict are at most `windowMs` apart, the one from `preferredSite`
 * wins, even if it is older; further apart, or when neither comes from that site, the default
 * rule decides (the later wins, the higher site id on a tie). Every site decides the same way
 * whatever the order of arrival, so sites converge. It treats writes within the window as
 * concurrent: another site that overwrites the preferred site's value within the window (after
 * reading it) is refused elsewhere while it keeps its own value, so such writes must wait the
 * window out.
 */
import type {
  ConflictResolver,
  ResolverOptions,
  ResolverVerdict,
  WanConflict,
} from '../../contract/resolver-api.js';

const ALLOW: ResolverVerdict = { kind: 'allow' };
const DISALLOW: ResolverVerdict = { kind: 'disallow' };

export function createResolver(options: ResolverOptions): ConflictResolver {
  const preferredSite = options.preferredSite;
  const windowMs = options.windowMs;
  if (!Number.isInteger(preferredSite) || !Number.isInteger(windowMs) || Number(windowMs) < 0) {
    throw new Error('prefer-site needs options { preferredSite: <site id>, windowMs: <ms >= 0> }');
  }
  return {
    resolve(conflict: WanConflict): ResolverVerdict {
      const withinWindow =
        Math.abs(conflict.newTimestamp - conflict.oldTimestamp) <= Number(windowMs);
      if (withinWindow && conflict.newDsid === preferredSite) return ALLOW;
      if (withinWindow && conflict.oldDsid === preferredSite) return DISALLOW;
      return conflict.byDefault === 'allow' ? ALLOW : DISALLOW;
    },
  };
}
