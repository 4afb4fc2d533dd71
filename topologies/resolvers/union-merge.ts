/**
 * Example resolver that changes the value (CONS-6): values are comma-separated token lists
 * ("blue,red") that writers only grow (read the list, add tokens, write it back). When two
 * sites write concurrently, each site merges the two lists into their sorted union, so all
 * sites end with the same list and, because a changed value keeps the later of the two
 * versions, the same version. A grown list (the union is the new value itself) is allowed as
 * it is. A received value that is not a token list is refused by throwing: the engine discards
 * that event, logs and counts it, and goes on. A destroy wins or loses by the default rule.
 *
 *   conflict: { resolver: resolvers/union-merge.ts }
 */
import type {
  ConflictResolver,
  ResolverVerdict,
  WanConflict,
} from '../../contract/resolver-api.js';

const TOKEN_LIST = /^[a-z0-9-]+(,[a-z0-9-]+)*$/;

function tokens(value: unknown): string[] | undefined {
  return typeof value === 'string' && TOKEN_LIST.test(value) ? value.split(',') : undefined;
}

export function createResolver(): ConflictResolver {
  return {
    resolve(conflict: WanConflict): ResolverVerdict {
      if (conflict.operation === 'destroy' || conflict.oldDestroyed) {
        return { kind: conflict.byDefault };
      }
      const incoming = tokens(conflict.newValue);
      if (!incoming) {
        throw new Error(`union-merge: ${JSON.stringify(conflict.newValue)} is not a token list`);
      }
      const current = tokens(conflict.oldValue) ?? [];
      const union = [...new Set([...current, ...incoming])].sort().join(',');
      return union === conflict.newValue ? { kind: 'allow' } : { kind: 'change', value: union };
    },
  };
}
