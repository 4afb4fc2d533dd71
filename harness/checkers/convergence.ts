import type { FinalRecord } from '../history/records.js';
import { indexOf } from './history-index.js';
import { keyLossWindow, lossWindows } from './loss-windows.js';
import { EVIDENCE_LIMIT, result, type Checker } from './verdict.js';
import { sameVersion, scopeOf, versionText } from './versions.js';

interface Difference {
  key: string;
  member: string;
  expected: string;
  found: string;
}

interface Documented extends Difference {
  fault: string;
}

/**
 * ARCH-1, CONS-1: after the final heal and quiescence, every member of every site that
 * defines the region holds the same entries, values and versions. A difference on a key that
 * was written while a sender towards one of the two sites was stopped is a documented loss
 * (STOP-4, STOP-6): counted apart, not a failure.
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
  const windows = lossWindows(index);
  const all = finals
    .slice(1)
    .flatMap((final) =>
      compare(reference, final).map((d) => ({ d, sites: [reference.site, final.site] })),
    );
  const documented: Documented[] = [];
  const differences: Difference[] = [];
  for (const { d, sites } of all) {
    const window = keyLossWindow(index, windows, d.key, sites);
    if (window) documented.push({ ...d, fault: `#${window.fault.id} ${window.fault.kind}` });
    else differences.push(d);
  }
  const members = finals.map((f) => `${f.site}/${f.member}`);
  const entries = reference.entries.length;
  Object.assign(evidence, {
    members,
    entries,
    differences: differences.length,
    documentedDifferences: documented.length,
    ...(documented.length > 0 ? { documentedExamples: documented.slice(0, EVIDENCE_LIMIT) } : {}),
  });
  if (differences.length === 0) {
    const note =
      documented.length > 0
        ? `; ${documented.length} differences left by a stopped sender (documented)`
        : '';
    return result(
      'convergence',
      'pass',
      `${finals.length} members hold the same ${entries} entries and versions${note}`,
      evidence,
    );
  }
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
  const scope = scopeOf(reference.site, other.site);
  return keys.flatMap((key) => {
    const a = mine.get(key);
    const b = theirs.get(key);
    if (
      a &&
      b &&
      sameVersion(a.version, b.version, scope) &&
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
