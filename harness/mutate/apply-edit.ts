/** What a mutant's search and replace makes of one source file. */
export type EditResult = { kind: 'applied'; text: string } | { kind: 'stale'; reason: string };

/**
 * Replaces the one occurrence of `find` in `source`. A `find` that no longer occurs, or
 * occurs more than once, makes the mutant stale: it is reported, never skipped or applied
 * to a guess.
 */
export function applyEdit(source: string, find: string, replace: string): EditResult {
  const count = occurrences(source, find);
  if (count === 0) return { kind: 'stale', reason: '`find` no longer occurs in the file' };
  if (count > 1) {
    return { kind: 'stale', reason: `\`find\` occurs ${count} times in the file, not once` };
  }
  const at = source.indexOf(find);
  return { kind: 'applied', text: source.slice(0, at) + replace + source.slice(at + find.length) };
}

function occurrences(source: string, find: string): number {
  let count = 0;
  for (let at = source.indexOf(find); at >= 0; at = source.indexOf(find, at + 1)) count += 1;
  return count;
}

/** One find and replace of a mutant (its first, then its `moreEdits`). */
export interface Edit {
  find: string;
  replace: string;
}

/**
 * Applies a mutant's edits in order, each to the result of the one before; stale at the
 * first edit that is (its position named when there are several).
 */
export function applyEdits(source: string, edits: readonly Edit[]): EditResult {
  let text = source;
  for (const [index, edit] of edits.entries()) {
    const result = applyEdit(text, edit.find, edit.replace);
    if (result.kind === 'stale') {
      return edits.length === 1
        ? result
        : { kind: 'stale', reason: `edit ${index + 1}: ${result.reason}` };
    }
    text = result.text;
  }
  return { kind: 'applied', text };
}
