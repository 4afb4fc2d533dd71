import type { FinalRecord } from '../history/records.js';
import { indexOf } from './history-index.js';
import { EVIDENCE_LIMIT, result, type Checker } from './verdict.js';
import { sameVersion, versionText } from './versions.js';

interface Difference {
  key: string;
  member: string;
  expected: string;
  found: string;
}

/**
 * ARCH-1, CONS-1: after the final heal and quiescence, every member of every site that
 * defines the region holds the same entries, values and versions.
 */
export const convergence: Checker = (history) => {
  const index = indexOf(history);
  const quiescent = history.phases.quiescent !== undefined;
  const evidence: Record<string, unknown> = { quiescent };
  if (index.okWrites.length === 0)
    return result(
      'convergence',
      'unknown',
      'no write was acknowledged, so there is nothing to converge',
      evidence,
    );
  const missing = index.sites
    .filter((site) => index.finalsOf(site.name).length === 0)
    .map((s) => s.name);
  if (missing.length > 0)
    return result('convergence', 'unknown', `no final state was read at ${missing.join(', ')}`, {
      ...evidence,
      missing,
    });
  const finals = index.sites.flatMap((site) => index.finalsOf(site.name));
  const reference = finals[0]!;
  const differences = finals.slice(1).flatMap((final) => compare(reference, final));
  const members = finals.map((f) => `${f.site}/${f.member}`);
  const entries = reference.entries.length;
  Object.assign(evidence, { members, entries, differences: differences.length });
  if (differences.length === 0)
    return result(
      'convergence',
      'pass',
      `${finals.length} members hold the same ${entries} entries and versions`,
      evidence,
    );
  return result(
    'convergence',
    'fail',
    `${differences.length} entries differ between members (reference ${reference.member})${quiescent ? '' : '; the queues never drained'}`,
    { ...evidence, reference: reference.member, examples: differences.slice(0, EVIDENCE_LIMIT) },
  );
};

function compare(reference: FinalRecord, other: FinalRecord): Difference[] {
  const mine = new Map(reference.entries.map((e) => [e.key, e]));
  const theirs = new Map(other.entries.map((e) => [e.key, e]));
  const keys = [...new Set([...mine.keys(), ...theirs.keys()])].sort();
  return keys.flatMap((key) => {
    const a = mine.get(key);
    const b = theirs.get(key);
    if (
      a &&
      b &&
      sameVersion(a.version, b.version) &&
      JSON.stringify(a.value) === JSON.stringify(b.value)
    )
      return [];
    return [
      {
        key,
        member: other.member,
        expected: a ? `${JSON.stringify(a.value)} ${versionText(a.version)}` : '(absent)',
        found: b ? `${JSON.stringify(b.value)} ${versionText(b.version)}` : '(absent)',
      },
    ];
  });
}
