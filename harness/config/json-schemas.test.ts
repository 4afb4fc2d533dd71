import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { projectRoot } from '../util/project-root.js';
import { schemaFiles } from './json-schemas.js';

const root = projectRoot();

/** The shipped YAML files of a folder, with the schema each must name. */
function shipped(folder: Folder): string[] {
  return readdirSync(join(root, folder))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => join(folder, name));
}

const SCHEMA_OF = {
  topologies: 'topology.schema.json',
  experiments: 'experiment.schema.json',
  mutants: 'mutant.schema.json',
} as const;
type Folder = keyof typeof SCHEMA_OF;
const FOLDERS = Object.keys(SCHEMA_OF) as Folder[];

test('schemas/ holds exactly what the TypeBox schemas generate (npm run schemas)', () => {
  for (const file of schemaFiles()) {
    const committed = readFileSync(join(root, file.path), 'utf8');
    assert.ok(committed === file.text, `${file.path} is stale: run npm run schemas and commit it`);
  }
  assert.deepEqual(
    readdirSync(join(root, 'schemas')).sort(),
    schemaFiles()
      .map((f) => f.path.replace('schemas/', ''))
      .sort(),
  );
});

test('every YAML of topologies/, experiments/ and mutants/ names its schema on its first line', () => {
  for (const folder of FOLDERS) {
    for (const file of shipped(folder)) {
      const first = readFileSync(join(root, file), 'utf8').split('\n')[0];
      assert.equal(
        first,
        `# yaml-language-server: $schema=../schemas/${SCHEMA_OF[folder]}`,
        `${file}: first line`,
      );
    }
  }
});

test('the published schemas stand alone: a plain validator accepts every shipped file', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const folder of FOLDERS) {
    const schema = JSON.parse(
      readFileSync(join(root, 'schemas', SCHEMA_OF[folder]), 'utf8'),
    ) as object;
    const validate = ajv.compile(schema);
    const files = shipped(folder);
    for (const file of files) {
      const valid = validate(parse(readFileSync(join(root, file), 'utf8')));
      assert.ok(valid, `${file}: ${ajv.errorsText(validate.errors)}`);
    }
    const first = parse(readFileSync(join(root, files[0]!), 'utf8')) as object;
    assert.equal(
      validate({ ...first, surprise: true }),
      false,
      `${SCHEMA_OF[folder]}: no unknown field`,
    );
    assert.match(ajv.errorsText(validate.errors), /must NOT have additional properties/);
  }
});
