import type { ErrorObject } from 'ajv';

/** The parts of an ajv error (and of fastify's validation errors) that a message needs. */
export type SchemaError = Pick<ErrorObject, 'keyword' | 'instancePath' | 'params' | 'message'>;

function allowedOf(error: SchemaError): unknown[] {
  if (error.keyword === 'const') return [error.params.allowedValue];
  if (error.keyword === 'enum') return [...((error.params.allowedValues as unknown[]) ?? [])];
  return [];
}

const where = (path: string): string => path || '(root)';

/**
 * One line per problem. A union of literals fails once per literal (and once more as
 * `anyOf`): those become one line naming every allowed value, so `type: replicate` reads
 * `must be one of "replicated", "partitioned", "normal", "preloaded"`.
 */
export function describeSchemaErrors(errors: readonly SchemaError[]): string[] {
  const allowed = new Map<string, unknown[]>();
  for (const error of errors) {
    const values = allowedOf(error);
    if (values.length > 0)
      allowed.set(error.instancePath, [...(allowed.get(error.instancePath) ?? []), ...values]);
  }
  const lines: string[] = [];
  const said = new Set<string>();
  for (const error of errors) {
    const path = error.instancePath;
    if (allowed.has(path) && (allowedOf(error).length > 0 || error.keyword === 'anyOf')) {
      if (said.has(path)) continue;
      said.add(path);
      const values = [...new Set(allowed.get(path)!.map((v) => JSON.stringify(v)))];
      lines.push(`${where(path)}: must be one of ${values.join(', ')}`);
      continue;
    }
    if (error.keyword === 'additionalProperties') {
      lines.push(`${where(path)}: unknown field "${String(error.params.additionalProperty)}"`);
      continue;
    }
    lines.push(`${where(path)}: ${error.message ?? 'is invalid'}`);
  }
  return lines;
}
