import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Ajv } from 'ajv';
import { parseYamlSpec, type SpecFormat, type SpecIssue } from '../config/yaml-spec.js';
import { compileLater } from '../config/compile-later.js';
import { HarnessError, messageOf } from '../errors.js';
import { projectRoot } from '../util/project-root.js';
import { MutantError } from './mutant-error.js';
import { MutantSchema, type Mutant, type MutantSpec } from './mutant-schema.js';

const MUTANT_FORMAT: SpecFormat = {
  validator: compileLater(() =>
    new Ajv({ allErrors: true, strict: false, verbose: true }).compile(MutantSchema),
  ),
  docs: 'docs/mutation.md',
  reject: (file, issues) => new MutantError(file, issues),
};

const NAME = /^[a-z0-9][a-z0-9-]*$/;

export function mutantsDir(root = projectRoot()): string {
  return join(root, 'mutants');
}

/**
 * Parses one mutant file: the schema, then the rules it cannot say (a clause of the
 * catalogue, a `replace` that changes something). Throws MutantError with file:line:column.
 */
export function parseMutant(text: string, file: string, clauseIds: ReadonlySet<string>): Mutant {
  const { spec, locateAll } = parseYamlSpec<MutantSpec>(text, file, MUTANT_FORMAT);
  const issues = mutantIssues(spec, clauseIds, basename(file));
  if (issues.length > 0) throw new MutantError(file, locateAll(issues));
  return { ...spec, name: basename(file).replace(/\.ya?ml$/, ''), source: file };
}

function mutantIssues(
  spec: MutantSpec,
  clauseIds: ReadonlySet<string>,
  fileName: string,
): SpecIssue[] {
  const issues: SpecIssue[] = [];
  if (!clauseIds.has(spec.clause)) {
    issues.push({
      path: ['clause'],
      message: `clause "${spec.clause}" is not in features/clauses.yaml`,
      hint: 'name the id of the clause this bug breaks, as features/clauses.yaml spells it',
    });
  }
  if (spec.find === spec.replace) {
    issues.push({
      path: ['replace'],
      message: '`replace` is the same as `find`: the mutant changes nothing',
      hint: 'replace the found text with the buggy version of it',
    });
  }
  (spec.moreEdits ?? []).forEach((edit, index) => {
    if (edit.find !== edit.replace) return;
    issues.push({
      path: ['moreEdits', index, 'replace'],
      message: '`replace` is the same as `find`: this edit changes nothing',
      hint: 'replace the found text with the buggy version of it, or remove the edit',
    });
  });
  if (!NAME.test(fileName.replace(/\.ya?ml$/, ''))) {
    issues.push({
      path: [],
      message: `the file name "${fileName}" is not a mutant name (lower case, digits and dashes)`,
      hint: 'rename the file, e.g. mutants/queue-5-conflates-creates.yaml',
    });
  }
  return issues;
}

/** Every mutants/*.yaml, in name order. Throws MutantError at the first invalid file. */
export function loadMutants(dir: string, clauseIds: ReadonlySet<string>): Mutant[] {
  if (!existsSync(dir)) {
    throw new HarnessError(
      'WANLAB_MUTANT_INVALID',
      `no mutants folder at ${dir}`,
      'create mutants/ with one YAML file per mutant (docs/mutation.md)',
    );
  }
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => parseMutant(readText(join(dir, name)), join(dir, name), clauseIds));
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new HarnessError(
      'WANLAB_MUTANT_INVALID',
      `cannot read mutant ${file}: ${messageOf(error)}`,
      'check the file exists and is readable',
    );
  }
}

/** The mutants `--clause` and `--mutant` select (each a list; both when both are given). */
export function selectMutants(
  mutants: readonly Mutant[],
  filter: { clauses?: readonly string[]; names?: readonly string[] },
): Mutant[] {
  const unknown = (filter.names ?? []).filter((name) => !mutants.some((m) => m.name === name));
  if (unknown.length > 0) throw noSuchMutant(`no mutant is named ${unknown.join(', ')}`, mutants);
  const chosen = mutants.filter(
    (m) =>
      (filter.clauses === undefined || filter.clauses.includes(m.clause)) &&
      (filter.names === undefined || filter.names.includes(m.name)),
  );
  if (chosen.length === 0)
    throw noSuchMutant('no mutant of mutants/ matches the selection', mutants);
  return chosen;
}

function noSuchMutant(message: string, mutants: readonly Mutant[]): HarnessError {
  return new HarnessError(
    'WANLAB_USAGE',
    message,
    `the mutants are: ${mutants.map((m) => m.name).join(', ') || 'none'}`,
  );
}
