import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { compileLater } from '../config/compile-later.js';
import { Ajv } from 'ajv';
import { HarnessError, messageOf } from '../errors.js';
import {
  formatPath,
  locate,
  parseYaml,
  pointerToPath,
  type PathSegment,
} from '../topology/yaml-locations.js';
import { projectRoot } from '../util/project-root.js';

const ClauseSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Z]+-[0-9]+$' }),
    family: Type.String({ pattern: '^[A-Z]+$' }),
    /** Seed documents, by number: 000 … 004; for a family beyond them, issues: issue-17. */
    sources: Type.Array(Type.String({ pattern: '^([0-9]{3}|issue-[0-9]+)$' }), { minItems: 1 }),
    statement: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

const CatalogueSchema = Type.Object(
  {
    /** A title per family, for the reports. */
    families: Type.Record(Type.String({ pattern: '^[A-Z]+$' }), Type.String({ minLength: 1 })),
    /**
     * Families the seed documents do not have (shared/spec/clauses.md knows nothing of them):
     * each with why it exists. Their clauses cite issues, not seed documents.
     */
    beyondSeed: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Z]+$' }), Type.String({ minLength: 1 })),
    ),
    /** What each seed document marker means (`000`: Geode WAN architecture notes), for the legend. */
    sources: Type.Optional(
      Type.Record(Type.String({ pattern: '^[0-9]{3}$' }), Type.String({ minLength: 1 })),
    ),
    clauses: Type.Array(ClauseSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export type Clause = Static<typeof ClauseSchema>;

export interface Catalogue {
  families: Record<string, string>;
  beyondSeed?: Record<string, string>;
  /** Seed document markers and what they are. */
  sources?: Record<string, string>;
  clauses: Clause[];
}

export const CLAUSE_TAG_PREFIX = '@clause:';

const catalogueValidator = compileLater(() =>
  new Ajv({ allErrors: true, strict: false }).compile<Static<typeof CatalogueSchema>>(
    CatalogueSchema,
  ),
);

export function catalogueFile(): string {
  return join(projectRoot(), 'features', 'clauses.yaml');
}

/** features/clauses.yaml: every clause (seed documents, then beyondSeed families), checked once at load. */
export function loadClauses(file = catalogueFile()): Clause[] {
  return loadCatalogue(file).clauses;
}

/** The clauses of the seed documents only: what shared/spec/clauses.md lists. */
export function seedClauses(catalogue = loadCatalogue()): Clause[] {
  return catalogue.clauses.filter((clause) => !isBeyondSeed(catalogue, clause));
}

export function isBeyondSeed(catalogue: Catalogue, clause: Clause): boolean {
  return catalogue.beyondSeed?.[clause.family] !== undefined;
}

export function loadCatalogue(file = catalogueFile()): Catalogue {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw catalogueError(file, [`cannot read it: ${messageOf(cause)}`]);
  }
  return parseCatalogue(text, file);
}

export function parseCatalogue(text: string, file: string): Catalogue {
  const parsed = parseYaml(text);
  if (parsed.document.errors.length > 0) {
    throw catalogueError(
      file,
      parsed.document.errors.map((e) => {
        const { line, col } = parsed.lineCounter.linePos(e.pos[0]);
        return `${file}:${line}:${col}: YAML syntax: ${e.message.split('\n')[0]}`;
      }),
    );
  }
  const raw: unknown = parsed.document.toJS();
  const at = (path: PathSegment[], message: string): string => {
    const { line, column } = locate(parsed, path);
    return `${file}:${line}:${column} ${formatPath(path) || '(document)'}: ${message}`;
  };
  const validate = catalogueValidator();
  if (!validate(raw)) {
    throw catalogueError(
      file,
      (validate.errors ?? []).map((e) => at(pointerToPath(e.instancePath), e.message ?? 'invalid')),
    );
  }
  const seen = new Set<string>();
  const problems: string[] = [];
  raw.clauses.forEach((clause, index) => {
    if (seen.has(clause.id))
      problems.push(at(['clauses', index, 'id'], `duplicate id ${clause.id}`));
    seen.add(clause.id);
    if (raw.families[clause.family] === undefined)
      problems.push(
        at(['clauses', index, 'family'], `family ${clause.family} has no title in "families"`),
      );
    const beyond = raw.beyondSeed?.[clause.family] !== undefined;
    const wrong = clause.sources.filter((source) => source.startsWith('issue-') !== beyond);
    if (wrong.length > 0)
      problems.push(
        at(
          ['clauses', index, 'sources'],
          beyond
            ? `family ${clause.family} is beyond the seed documents: cite issues (issue-N), not ${wrong.join(', ')}`
            : `family ${clause.family} is a seed family: cite seed documents (000…004), not ${wrong.join(', ')}`,
        ),
      );
  });
  for (const family of Object.keys(raw.beyondSeed ?? {})) {
    if (raw.families[family] === undefined)
      problems.push(at(['beyondSeed', family], `family ${family} has no title in "families"`));
  }
  if (problems.length > 0) throw catalogueError(file, problems);
  return raw;
}

function catalogueError(file: string, problems: string[]): HarnessError {
  return new HarnessError(
    'WANLAB_CATALOGUE_INVALID',
    `the clause catalogue ${file} is invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    '"families" maps each family to a title, "beyondSeed" marks families the seed documents lack; each entry of "clauses" needs id (FAMILY-N, unique), family, sources (["000"…]) and statement',
  );
}

/** Clause ids named by a scenario's tags. */
export function clauseIdsOf(tags: readonly string[]): string[] {
  return tags
    .filter((tag) => tag.startsWith(CLAUSE_TAG_PREFIX))
    .map((tag) => tag.slice(CLAUSE_TAG_PREFIX.length));
}
