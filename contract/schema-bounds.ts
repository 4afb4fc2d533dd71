/**
 * Every number a user or a client may set has a bound on both sides (issue 18: a 9e15 ms
 * clock offset or 10000 dispatchers were accepted and broke the engine). This walks a JSON
 * schema and names each integer or number that lacks one, for tests of every schema a user
 * writes to.
 */
export function unboundedNumbers(schema: unknown, at = '$'): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const own = isNumeric(node) && !isBounded(node) ? [at] : [];
  return [
    ...own,
    ...childSchemas(node, at).flatMap(([child, path]) => unboundedNumbers(child, path)),
  ];
}

function isNumeric(node: Record<string, unknown>): boolean {
  return node.type === 'integer' || node.type === 'number';
}

function isBounded(node: Record<string, unknown>): boolean {
  const low = node.minimum !== undefined || node.exclusiveMinimum !== undefined;
  const high = node.maximum !== undefined || node.exclusiveMaximum !== undefined;
  return low && high;
}

function childSchemas(node: Record<string, unknown>, at: string): Array<[unknown, string]> {
  const children: Array<[unknown, string]> = [];
  const properties = node.properties as Record<string, unknown> | undefined;
  for (const [name, child] of Object.entries(properties ?? {}))
    children.push([child, `${at}.${name}`]);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = node[key];
    if (Array.isArray(branches)) branches.forEach((b, i) => children.push([b, `${at}|${i}`]));
  }
  if (node.items && typeof node.items === 'object') children.push([node.items, `${at}[]`]);
  if (node.additionalProperties && typeof node.additionalProperties === 'object')
    children.push([node.additionalProperties, `${at}.*`]);
  if (node.patternProperties && typeof node.patternProperties === 'object')
    for (const child of Object.values(node.patternProperties as Record<string, unknown>))
      children.push([child, `${at}.*`]);
  return children;
}
