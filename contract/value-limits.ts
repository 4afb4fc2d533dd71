/**
 * Limits on the values a client writes (PUT an entry, putAll, transactions). A value the
 * control API accepts must replicate: a value nested 1 500 levels deep was accepted and then
 * failed every send (`Maximum call stack size exceeded`) while its sender looked healthy. An
 * engine refuses a value over a limit before it stores anything.
 */

/** Nesting of objects and arrays in one value: `{}` and `[]` are 1, a scalar 0. */
export const VALUE_DEPTH_MAX = 64;

/** One value, encoded as JSON (UTF-8), in bytes: 1 MiB. */
export const VALUE_BYTES_MAX = 1024 * 1024;

/** One request body, in bytes: 16 MiB (HTTP 413 above). */
export const REQUEST_BODY_BYTES_MAX = 16 * 1024 * 1024;

/**
 * A sender closes a batch once its events weigh this much (the engine's estimate), whatever
 * batchSize says, keeping a transaction whole when it groups them: 100 values of 1 MiB made
 * a 100 MiB batch that no receiver frame took, and replication stopped for good. So a batch is
 * at most this, plus one event, plus one transaction (a request body): well inside a frame.
 */
export const BATCH_BYTES_MAX = 16 * 1024 * 1024;

export interface ValueProblem {
  code: 'WAN_ERR_VALUE_TOO_DEEP' | 'WAN_ERR_VALUE_TOO_LARGE';
  message: string;
  hint: string;
}

/**
 * How deeply a value nests, counting no further than `stopAbove + 1`. Iterative: a value too
 * deep for recursion is measured like any other.
 */
export function valueDepth(value: unknown, stopAbove = VALUE_DEPTH_MAX): number {
  let deepest = 0;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const here = depth + 1;
    deepest = Math.max(deepest, here);
    if (deepest > stopAbove) return deepest;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) stack.push({ node: child, depth: here });
  }
  return deepest;
}

/** The first limit a value breaks, or undefined. `where` names it: `value`, `entries[3].value`. */
export function valueProblem(value: unknown, where = 'value'): ValueProblem | undefined {
  if (valueDepth(value) > VALUE_DEPTH_MAX)
    return {
      code: 'WAN_ERR_VALUE_TOO_DEEP',
      message: `${where} nests more than ${VALUE_DEPTH_MAX} levels of objects and arrays (VALUE_DEPTH_MAX)`,
      hint: `flatten the value to at most ${VALUE_DEPTH_MAX} levels`,
    };
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
  if (bytes > VALUE_BYTES_MAX)
    return {
      code: 'WAN_ERR_VALUE_TOO_LARGE',
      message: `${where} is ${bytes} bytes as JSON, more than ${VALUE_BYTES_MAX} (VALUE_BYTES_MAX, 1 MiB)`,
      hint: 'split the value over several keys',
    };
  return undefined;
}

/**
 * Every value a request body writes, with where it is: `value` (PUT), `entries[i].value`
 * (putAll), `operations[i].value` (transactions). Bodies of other routes have none.
 */
export function valuesOfBody(body: unknown): Array<{ where: string; value: unknown }> {
  if (!body || typeof body !== 'object') return [];
  const record = body as Record<string, unknown>;
  const listed = (field: string): Array<{ where: string; value: unknown }> => {
    const items = record[field];
    if (!Array.isArray(items)) return [];
    return items.flatMap((item: unknown, i) =>
      item && typeof item === 'object' && 'value' in item
        ? [{ where: `${field}[${i}].value`, value: (item as { value: unknown }).value }]
        : [],
    );
  };
  return [
    ...('value' in record ? [{ where: 'value', value: record.value }] : []),
    ...listed('entries'),
    ...listed('operations'),
  ];
}

/** The first value of a body over a limit, or undefined. */
export function bodyValueProblem(body: unknown): ValueProblem | undefined {
  for (const { where, value } of valuesOfBody(body)) {
    const problem = valueProblem(value, where);
    if (problem) return problem;
  }
  return undefined;
}
