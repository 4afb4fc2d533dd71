/**
 * The defined steps nearest to a step text that matches none: what a user most likely meant.
 * Steps are compared word by word (a quoted text is one word), so a typo in one word or a
 * missing word ranks close, while steps about something else rank far.
 */
export interface Suggestion {
  /** The step definition's expression, e.g. `I put {string} = {string} in region {string}`. */
  expression: string;
  /** 0 = the same step, 1 = nothing in common. */
  distance: number;
}

/** Above this distance a definition is not worth suggesting. */
export const MAX_SUGGESTION_DISTANCE = 0.5;

export function nearestSteps(
  text: string,
  expressions: readonly string[],
  count = 3,
): Suggestion[] {
  const words = textWords(text);
  return expressions
    .map((expression) => ({
      expression,
      distance: sequenceDistance(words, expressionWords(expression)),
    }))
    .filter((s) => s.distance <= MAX_SUGGESTION_DISTANCE)
    .sort((a, b) => a.distance - b.distance || a.expression.localeCompare(b.expression))
    .slice(0, count);
}

/** A step text's words; a quoted text counts as one word. */
function textWords(text: string): string[] {
  return text.match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
}

type WordMatcher = (word: string) => number;

/** One matcher per word of a cucumber expression: the cost (0…1) of pairing it with a word. */
function expressionWords(expression: string): WordMatcher[] {
  return (expression.match(/\{[^}]*\}|\S+/g) ?? []).map(matcherFor);
}

const PARAMETERS: Record<string, RegExp> = {
  string: /^("[^"]*"|'[^']*')$/,
  int: /^-?\d+$/,
  float: /^-?\d*\.?\d+$/,
  word: /^[^\s"']+$/,
};

function matcherFor(token: string): WordMatcher {
  const parameter = /^\{([^}]*)\}$/.exec(token)?.[1];
  if (parameter !== undefined) {
    // A custom parameter type ({site}) accepts any unquoted word.
    const pattern = PARAMETERS[parameter] ?? /^[^\s"']+$/;
    return (word) => (pattern.test(word) ? 0 : 1);
  }
  const literal = literalPattern(token);
  const plain = token.replace(/\\?[()]/g, '').split('/')[0]!;
  return (word) => (literal.test(word) ? 0 : wordDistance(word, plain));
}

/** `entr(y)/entries`-style optional text and alternatives of a cucumber expression word. */
function literalPattern(token: string): RegExp {
  const alternatives = token.split('/').map((alt) =>
    alt
      .split(/(\([^)]*\))/)
      .map((part) =>
        part.startsWith('(') && part.endsWith(')')
          ? `(?:${escape(part.slice(1, -1))})?`
          : escape(part),
      )
      .join(''),
  );
  return new RegExp(`^(?:${alternatives.join('|')})$`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Levenshtein over words; pairing two words costs their own distance. */
function sequenceDistance(words: string[], matchers: WordMatcher[]): number {
  const longest = Math.max(words.length, matchers.length);
  if (longest === 0) return 0;
  let previous = Array.from({ length: matchers.length + 1 }, (_, j) => j);
  for (let i = 1; i <= words.length; i++) {
    const current = [i];
    for (let j = 1; j <= matchers.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + matchers[j - 1]!(words[i - 1]!),
      );
    }
    previous = current;
  }
  return previous[matchers.length]! / longest;
}

/** Character Levenshtein, scaled to 0…1 by the longer word. */
export function wordDistance(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const same = a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase();
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (same ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]! / longest;
}
