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

/** Every field of a JSON Schema, as `path.field`, with its schema. */
function fieldsOf(node: unknown, path = ''): Array<[string, Record<string, unknown>]> {
  if (Array.isArray(node)) return node.flatMap((item) => fieldsOf(item, path));
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = Object.entries((record.properties ?? {}) as Record<string, Record<string, unknown>>);
  return [
    ...own.map(([name, schema]): [string, Record<string, unknown>] => [`${path}.${name}`, schema]),
    ...Object.entries(record).flatMap(([key, value]) =>
      key === 'properties'
        ? own.flatMap(([name, schema]) => fieldsOf(schema, `${path}.${name}`))
        : fieldsOf(value, path),
    ),
  ];
}

test('every field of the topology and experiment schemas has a description', () => {
  for (const file of schemaFiles().filter((f) => !f.path.includes('mutant'))) {
    const fields = fieldsOf(JSON.parse(file.text));
    assert.ok(fields.length > 50, `${file.path}: ${fields.length} fields`);
    const bare = fields.filter(([, schema]) => typeof schema.description !== 'string');
    assert.deepEqual(
      [...new Set(bare.map(([path]) => path))],
      [],
      `${file.path}: fields without a description`,
    );
  }
});
