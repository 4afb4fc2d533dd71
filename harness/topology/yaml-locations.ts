import { LineCounter, isMap, isScalar, parseDocument, type Document, type Node } from 'yaml';

export type PathSegment = string | number;

export interface SourceLocation {
  line: number;
  column: number;
}

export interface ParsedYaml {
  document: Document.Parsed;
  lineCounter: LineCounter;
}

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  return { document, lineCounter };
}

/** "sites[1].senders[0].batchSize" */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text ? `${text}.${segment}` : segment;
  }, '');
}

/** "/sites/1/id" (a JSON pointer from ajv) to ['sites', 1, 'id']. */
export function pointerToPath(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^[0-9]+$/.test(segment) ? Number(segment) : segment));
}

/**
 * Where a field is in the file: the key of the deepest existing node on the path (so an
 * unknown or wrong field points at its own key, and a missing one at its parent).
 */
export function locate(parsed: ParsedYaml, path: readonly PathSegment[]): SourceLocation {
  let node: unknown = parsed.document.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (const segment of path) {
    const next = child(node, segment);
    if (!next) break;
    offset = next.keyOffset ?? next.node?.range?.[0] ?? offset;
    node = next.node;
  }
  const position = parsed.lineCounter.linePos(offset);
  return { line: position.line, column: position.col };
}

function child(
  node: unknown,
  segment: PathSegment,
): { node: Node | null; keyOffset?: number } | undefined {
  if (!node || typeof node !== 'object' || !('items' in node)) return undefined;
  const items = (node as { items: unknown[] }).items;
  if (typeof segment === 'number') {
    const item = items[segment] as Node | undefined;
    return item ? { node: item } : undefined;
  }
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    const key = pair.key;
    if (isScalar(key) && String(key.value) === segment) {
      return {
        node: (pair.value as Node | null) ?? null,
        ...(key.range ? { keyOffset: key.range[0] } : {}),
      };
    }
  }
  return undefined;
}
