import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { HarnessError } from '../errors.js';
import { projectRoot } from '../util/project-root.js';

export interface Clause {
  id: string;
  family: string;
  sources: string[];
  statement: string;
}

export const CLAUSE_TAG_PREFIX = '@clause:';

export function catalogueFile(): string {
  return join(projectRoot(), 'features', 'clauses.yaml');
}

/** features/clauses.yaml: every clause of shared/spec/clauses.md. */
export function loadClauses(file = catalogueFile()): Clause[] {
  const raw = parse(readFileSync(file, 'utf8')) as { clauses?: Clause[] } | null;
  const clauses = raw?.clauses;
  if (!Array.isArray(clauses) || clauses.some((c) => typeof c?.id !== 'string')) {
    throw new HarnessError(
      'WANLAB_USAGE',
      `${file} has no valid "clauses" list`,
      'each entry needs id, family, sources, statement',
    );
  }
  return clauses;
}

/** Clause ids named by a scenario's tags. */
export function clauseIdsOf(tags: readonly string[]): string[] {
  return tags
    .filter((tag) => tag.startsWith(CLAUSE_TAG_PREFIX))
    .map((tag) => tag.slice(CLAUSE_TAG_PREFIX.length));
}
