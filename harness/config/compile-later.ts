/**
 * A value made on first use and kept. Schema validators are made this way: compiling them at
 * import cost every `wanlab` command about a second of CPU for schemas it never used (issue 19).
 */
export function compileLater<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
