import { readFileSync } from 'node:fs';
import type { Static, TSchema } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import { EngineError, errorMessage } from '../errors.js';
import { describeSchemaErrors } from './schema-errors.js';

// TypeBox builds the schemas, so checking them against the meta-schema only costs start-up
// time (issue 19); the unit tests compile every one of them anyway.
const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false, validateSchema: false });

/** Validates once, fills defaults in place, and returns the typed value. */
export function validateConfig<S extends TSchema>(
  schema: S,
  value: unknown,
  source: string,
): Static<S> {
  const validate = ajv.compile(schema);
  if (validate(value)) return value as Static<S>;
  const lines = describeSchemaErrors(validate.errors ?? []).join('\n  ');
  throw new EngineError(
    'WAN_ERR_CONFIG_INVALID',
    `invalid configuration in ${source}:\n  ${lines}`,
    'fix the fields named above; docs/architecture.md lists every field',
  );
}

export function loadConfigFile<S extends TSchema>(schema: S, path: string): Static<S> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new EngineError(
      'WAN_ERR_CONFIG_UNREADABLE',
      `cannot read configuration ${path}: ${errorMessage(cause)}`,
      'pass the path of a JSON member or locator configuration file',
      { cause },
    );
  }
  return validateConfig(schema, parsed, path);
}
