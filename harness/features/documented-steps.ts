import type { DefinedStep } from './feature-check.js';

/**
 * features/README.md is the step vocabulary users write scenarios with; every step definition
 * must appear there. A step is documented by a code span holding its text, either as the
 * definition's expression (`I put {string} in region {string}`) or with named placeholders
 * (`When I put "<key>" in region "<region>"`): a quoted placeholder stands for {string}, a bare
 * one for any other value ({int}, {float}, {word}); custom types such as {site} are written
 * as themselves.
 */
const VALUE_TYPES = /\{(int|float|word|double|bigdecimal|biginteger|byte|short|long|)\}/g;
const KEYWORD = /^(Given|When|Then|And|But|\*)\s+/;

export function normalizeExpression(expression: string): string {
  return squash(expression.replace(VALUE_TYPES, '{value}'));
}

export function normalizeDocumented(text: string): string {
  return squash(
    text
      .replace(KEYWORD, '')
      .replace(/"<[^>]*>"/g, '{string}')
      .replace(/<[^>]*>/g, '{value}'),
  );
}

/** Every code span of a Markdown text, normalized. */
export function documentedSteps(markdown: string): Set<string> {
  const spans = markdown.match(/`[^`\n]+`/g) ?? [];
  return new Set(spans.map((span) => normalizeDocumented(span.slice(1, -1))));
}

export function undocumentedSteps(
  defined: readonly DefinedStep[],
  markdown: string,
): DefinedStep[] {
  const documented = documentedSteps(markdown);
  return defined.filter((step) => !documented.has(normalizeExpression(step.expression)));
}

function squash(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}
