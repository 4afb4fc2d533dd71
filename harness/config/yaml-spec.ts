import type { ErrorObject, ValidateFunction } from 'ajv';
import { CST, Parser, visit } from 'yaml';
import {
  formatPath,
  locate,
  parseYaml,
  pointerToPath,
  type ParsedYaml,
  type PathSegment,
  type SourceLocation,
} from '../topology/yaml-locations.js';

/** One problem in a configuration file, by field. */
export interface SpecIssue {
  path: PathSegment[];
  message: string;
  hint: string;
}

export interface LocatedSpecIssue extends SpecIssue {
  location: SourceLocation;
}

/** A YAML file that passed its schema, and a way to point later (rule) issues into it. */
export interface ParsedSpec<T> {
  spec: T;
  locateAll(issues: SpecIssue[]): LocatedSpecIssue[];
}

export interface SpecFormat {
  /** The schema's validator, compiled on first use (compile-later.ts). */
  validator: () => ValidateFunction;
  /** Where users read about the fields, for hints ("docs/architecture.md"). */
  docs: string;
  /** Builds the error thrown for a file that does not validate. */
  reject(file: string, issues: LocatedSpecIssue[]): Error;
}

/**
 * The shared first half of loading any YAML configuration (topologies, experiments): YAML
 * syntax, then the JSON schema, each problem with its line, column and field. Throws what
 * `format.reject` builds; rules beyond the schema are the caller's, located with `locateAll`.
 */
export function parseYamlSpec<T>(text: string, file: string, format: SpecFormat): ParsedSpec<T> {
  const parsed = parseYaml(text);
  const locateAll = (issues: SpecIssue[]): LocatedSpecIssue[] =>
    issues.map((issue) => ({ ...issue, location: locate(parsed, issue.path) }));
  const syntax = syntaxIssues(parsed, text);
  if (syntax.length > 0) throw format.reject(file, syntax);
  const raw = toPlainData(parsed, file, format);
  const validate = format.validator();
  if (!validate(raw))
    throw format.reject(file, locateAll(schemaIssues(validate.errors ?? [], format.docs)));
  return { spec: raw as T, locateAll };
}

/** "file:12:9 sites[0].senders[0].batchSise: unknown field\n    hint: ..." per issue. */
export function formatIssues(file: string, issues: LocatedSpecIssue[]): string {
  return issues
    .map(
      (issue) =>
        `${file}:${issue.location.line}:${issue.location.column} ${formatPath(issue.path) || '(document)'}: ${issue.message}\n    hint: ${issue.hint}`,
    )
    .join('\n');
}

/** The yaml library's errors, each at the line and column it found it (1-based). */
function syntaxIssues(parsed: ParsedYaml, text: string): LocatedSpecIssue[] {
  return parsed.document.errors.map((error) => {
    // An unclosed quote is found at the end of the file; the mistake is where it opens.
    const offset =
      error.code === 'MISSING_CHAR' && /quote/i.test(error.message)
        ? (unclosedQuoteOffset(text) ?? error.pos[0])
        : error.pos[0];
    const position = parsed.lineCounter.linePos(offset);
    return {
      path: [],
      message: `YAML syntax: ${error.message.split('\n')[0]} (${error.code})`,
      hint: SYNTAX_HINTS[error.code] ?? 'fix the YAML syntax at this line and column',
      location: { line: position.line, column: position.col },
    };
  });
}

/** Where the first quoted scalar that never closes starts, from the yaml library's CST. */
function unclosedQuoteOffset(text: string): number | undefined {
  let found: number | undefined;
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document' || found !== undefined) continue;
    CST.visit(token, (item) => {
      for (const scalar of [item.key, item.value]) {
        if (!scalar || !('source' in scalar) || found !== undefined) continue;
        const quote = { 'double-quoted-scalar': '"', 'single-quoted-scalar': "'" }[
          scalar.type as string
        ];
        const source = scalar.source;
        if (quote && (source.length < 2 || !source.endsWith(quote))) found = scalar.offset;
      }
      return found === undefined ? undefined : CST.visit.BREAK;
    });
  }
  return found;
}

const SYNTAX_HINTS: Partial<Record<string, string>> = {
  DUPLICATE_KEY: 'a key may appear once in a mapping: remove or rename one of them',
  TAB_AS_INDENT: 'indent with spaces; YAML does not allow tabs as indentation',
  BAD_INDENT: 'indent the lines of one block alike, and close every [ with ] and { with }',
  MISSING_CHAR: 'close every [ with ] and { with }, and every quote',
  BLOCK_AS_IMPLICIT_KEY: 'check the indentation: a field is more indented than its siblings',
  MULTILINE_IMPLICIT_KEY: 'check the indentation: a field is more indented than its siblings',
};

/**
 * The document as plain data. Aliases are expanded at most MAX_ALIAS_EXPANSIONS times: a file
 * whose aliases expand into more (an "alias bomb", a few lines that would take gigabytes) is
 * refused at its first alias instead of exhausting the process.
 */
function toPlainData(parsed: ParsedYaml, file: string, format: SpecFormat): unknown {
  try {
    return parsed.document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (cause) {
    if (!(cause instanceof ReferenceError)) throw cause;
    const position = parsed.lineCounter.linePos(firstAliasOffset(parsed));
    throw format.reject(file, [
      {
        path: [],
        message: `YAML aliases expand too much (${cause.message}; at most ${MAX_ALIAS_EXPANSIONS} expansions per alias)`,
        hint: 'write the values out, or use fewer nested aliases (*name)',
        location: { line: position.line, column: position.col },
      },
    ]);
  }
}

/** The yaml library's own default; stated so the limit is ours and documented. */
export const MAX_ALIAS_EXPANSIONS = 100;

function firstAliasOffset(parsed: ParsedYaml): number {
  let offset = 0;
  visit(parsed.document, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/** ajv reports a failing union once per branch; keep the most telling message per field. */
function schemaIssues(errors: ErrorObject[], docs: string): SpecIssue[] {
  const byField = new Map<string, { issue: SpecIssue; rank: number }>();
  for (const issue of oneOfValues(errors)) byField.set(issue.path.join('/'), { issue, rank: 1.5 });
  for (const error of errors) {
    const issue = schemaIssue(error, docs);
    const key = issue.path.join('/');
    const rank = rankOf(error);
    if ((byField.get(key)?.rank ?? -1) < rank) byField.set(key, { issue, rank });
  }
  const entries = [...byField.values()];
  // `engine: { logLevel: verbose }` fails the string branch too; the object branch says more.
  const explainedDeeper = (path: PathSegment[]): boolean =>
    entries.some(
      (other) =>
        other.issue.path.length > path.length &&
        path.every((segment, i) => other.issue.path[i] === segment),
    );
  return entries
    .filter((entry) => entry.rank >= 1 || !explainedDeeper(entry.issue.path))
    .map((entry) => entry.issue);
}

/**
 * A union's branches fail one by one: a value's own bound (pattern, maximum) tells more than
 * "must be string" from a branch of another type, which tells more than "anyOf".
 */
function rankOf(error: ErrorObject): number {
  if (error.keyword === 'discriminator') return 3;
  if (error.keyword === 'additionalProperties' || error.keyword === 'required') return 2;
  if (error.keyword === 'type') return 0.5;
  return error.keyword === 'anyOf' ? 0 : 1;
}

/** A union of literals (`stop | continue`) fails once per literal: one issue naming them all. */
function oneOfValues(errors: ErrorObject[]): SpecIssue[] {
  const allowed = new Map<string, unknown[]>();
  for (const error of errors.filter((e) => e.keyword === 'const')) {
    const values = allowed.get(error.instancePath) ?? [];
    allowed.set(error.instancePath, [...values, error.params.allowedValue]);
  }
  return [...allowed]
    .filter(([, values]) => values.length > 1)
    .map(([pointer, values]) => ({
      path: pointerToPath(pointer),
      message: `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`,
      hint: `allowed: ${values.map(String).join(', ')}`,
    }));
}

function schemaIssue(error: ErrorObject, docs: string): SpecIssue {
  const path = pointerToPath(error.instancePath);
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(error.params.additionalProperty);
      return {
        path: [...path, field],
        message: `unknown field "${field}"`,
        hint: `remove it, or check its spelling against ${docs}`,
      };
    }
    case 'required':
      return {
        path,
        message: `missing required field "${String(error.params.missingProperty)}"`,
        hint: 'add the field',
      };
    case 'discriminator': {
      const tag = String(error.params.tag);
      const allowed = (
        (error.parentSchema?.oneOf ?? []) as Array<{
          properties?: Record<string, { const?: unknown }>;
        }>
      )
        .map((branch) => branch.properties?.[tag]?.const)
        .filter((value) => value !== undefined);
      return {
        path: error.params.tagValue === undefined ? path : [...path, tag],
        message:
          error.params.tagValue === undefined
            ? `missing required field "${tag}"`
            : `unknown ${tag} ${JSON.stringify(error.params.tagValue)}`,
        hint: allowed.length > 0 ? `allowed: ${allowed.join(', ')}` : `see ${docs}`,
      };
    }
    case 'anyOf':
      return {
        path,
        message: 'does not match any allowed form',
        hint: `see ${docs} for the allowed forms`,
      };
    default:
      return { path, message: error.message ?? 'is invalid', hint: describeExpected(error, docs) };
  }
}

function describeExpected(error: ErrorObject, docs: string): string {
  if (error.keyword === 'const' || error.keyword === 'enum')
    return `allowed: ${JSON.stringify(error.params.allowedValue ?? error.params.allowedValues)}`;
  if (error.keyword === 'type') return `expected a value of type ${String(error.params.type)}`;
  return `see ${docs} for this field`;
}
