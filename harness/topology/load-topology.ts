import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { HarnessError, messageOf } from '../errors.js';
import type { Topology } from './model.js';
import { pathIssues } from './path-rules.js';
import { resolverIssues } from './resolver-rules.js';
import { resolveTopology } from './resolve-topology.js';
import { TopologyError, type LocatedIssue, type TopologyIssue } from './topology-error.js';
import { topologyIssues } from './topology-rules.js';
import { TopologySchema, type TopologySpec } from './topology-schema.js';
import { locate, parseYaml, pointerToPath, type ParsedYaml } from './yaml-locations.js';

const validateSchema = new Ajv({ allErrors: true, strict: false }).compile(TopologySchema);

/** Reads, validates (schema, then rules) and resolves a topology file. Throws TopologyError. */
export function loadTopology(file: string): Topology {
  return parseTopology(readTopologyText(file), file);
}

export function parseTopology(text: string, file: string): Topology {
  const parsed = parseYaml(text);
  const syntax = syntaxIssues(parsed);
  if (syntax.length > 0) throw new TopologyError(file, syntax);
  const raw: unknown = parsed.document.toJS();
  if (!validateSchema(raw))
    throw new TopologyError(file, locateAll(parsed, schemaIssues(validateSchema.errors ?? [])));
  const spec = raw as TopologySpec;
  const rules = [
    ...topologyIssues(spec),
    ...resolverIssues(spec, dirname(file)),
    ...pathIssues(spec),
  ];
  if (rules.length > 0) throw new TopologyError(file, locateAll(parsed, rules));
  return resolveTopology(spec, file);
}

function readTopologyText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new HarnessError(
      'WANLAB_TOPOLOGY_UNREADABLE',
      `cannot read topology ${file}: ${messageOf(cause)}`,
      'pass the path of a topology YAML file, e.g. topologies/two-site.yaml',
      { cause },
    );
  }
}

function syntaxIssues(parsed: ParsedYaml): LocatedIssue[] {
  return parsed.document.errors.map((error) => {
    const [line, column] = error.linePos?.[0]
      ? [error.linePos[0].line, error.linePos[0].col]
      : [1, 1];
    return {
      path: [],
      message: `YAML syntax: ${error.message.split('\n')[0]}`,
      hint: 'fix the YAML syntax',
      location: { line, column },
    };
  });
}

/** ajv reports a failing union once per branch; keep the most telling message per field. */
function schemaIssues(errors: ErrorObject[]): TopologyIssue[] {
  const byField = new Map<string, { issue: TopologyIssue; rank: number }>();
  for (const error of errors) {
    const issue = schemaIssue(error);
    const key = issue.path.join('/');
    const rank = rankOf(error);
    if ((byField.get(key)?.rank ?? -1) < rank) byField.set(key, { issue, rank });
  }
  return [...byField.values()].map((entry) => entry.issue);
}

function rankOf(error: ErrorObject): number {
  if (error.keyword === 'additionalProperties' || error.keyword === 'required') return 2;
  return error.keyword === 'anyOf' ? 0 : 1;
}

function schemaIssue(error: ErrorObject): TopologyIssue {
  const path = pointerToPath(error.instancePath);
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(error.params.additionalProperty);
      return {
        path: [...path, field],
        message: `unknown field "${field}"`,
        hint: 'remove it, or check its spelling against docs/architecture.md',
      };
    }
    case 'required':
      return {
        path,
        message: `missing required field "${String(error.params.missingProperty)}"`,
        hint: 'add the field',
      };
    case 'anyOf':
      return {
        path,
        message: 'does not match any allowed form',
        hint: 'see docs/architecture.md for the allowed forms',
      };
    default:
      return { path, message: error.message ?? 'is invalid', hint: describeExpected(error) };
  }
}

function describeExpected(error: ErrorObject): string {
  if (error.keyword === 'const' || error.keyword === 'enum')
    return `allowed: ${JSON.stringify(error.params.allowedValue ?? error.params.allowedValues)}`;
  if (error.keyword === 'type') return `expected a value of type ${String(error.params.type)}`;
  return 'see docs/architecture.md for this field';
}

function locateAll(parsed: ParsedYaml, issues: TopologyIssue[]): LocatedIssue[] {
  return issues.map((issue) => ({ ...issue, location: locate(parsed, issue.path) }));
}
