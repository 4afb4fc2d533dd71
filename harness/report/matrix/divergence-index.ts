import { existsSync, readFileSync } from 'node:fs';

/** Where docs/divergences.md explains each clause on which the engines may differ. */
export type DivergenceIndex = ReadonlyMap<string, string>;

const CLAUSE_ID = /\b[A-Z]+-[0-9]+\b/g;

/**
 * Reads the headings of docs/divergences.md: a heading that starts with clause ids
 * (`## CONS-1, CONS-3: the site id ...`, `### RECV-6: ...`) explains those clauses. Each id
 * maps to the heading's anchor as GitHub renders it, so a report can link to the entry.
 */
export function parseDivergences(markdown: string): DivergenceIndex {
  const index = new Map<string, string>();
  for (const line of markdown.split('\n')) {
    const heading = /^#{2,4}\s+(.+?)\s*$/.exec(line)?.[1];
    if (!heading) continue;
    const head = heading.split(':')[0] ?? '';
    if (!/^[A-Z]+-[0-9]+(\s*,\s*[A-Z]+-[0-9]+)*$/.test(head.trim())) continue;
    const anchor = githubAnchor(heading);
    for (const id of head.match(CLAUSE_ID) ?? []) if (!index.has(id)) index.set(id, anchor);
  }
  return index;
}

/** The divergences of `file`, or none when it does not exist. */
export function readDivergences(file: string): DivergenceIndex {
  return existsSync(file) ? parseDivergences(readFileSync(file, 'utf8')) : new Map();
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function githubAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
