import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse as parseTagExpression } from '@cucumber/tag-expressions';
import { clauseLink, scenarioLink, scenarioTagQuery, tagQueryUrl } from './evidence-links.js';

/**
 * cucumber.html's rule (@cucumber/react-components, SearchQueryContext): a query made only of
 * tags, and/or/not and parentheses is a tag expression; anything else is a fuzzy text search.
 */
const HTML_TAG_QUERY = /^\s*((@[^\s]+\s*)|(and\s+)|(or\s+)|(not\s+)|\(|\))+\s*$/;

/** Scenarios of a made-up run: shared feature tags, one outline whose rows share tags. */
const RUN: string[][] = [
  ['@clause:ARCH-1', '@needs:kill'],
  ['@clause:ARCH-1', '@needs:kill', '@clause:SEND-4'],
  ['@clause:ARCH-1', '@needs:kill', '@clause:SEND-4', '@clause:BATCH-2'],
  ['@clause:ARCH-1'],
  ['@clause:TX-2', '@needs:transactions'],
  ['@clause:TX-2', '@needs:transactions'],
  ['@odd(tag)\\x'],
];

function selected(expression: string): number[] {
  const node = parseTagExpression(expression);
  return RUN.flatMap((tags, index) => (node.evaluate(tags) ? [index] : []));
}

test('each scenario gets a tag query cucumber.html treats as a tag expression selecting it alone', () => {
  for (const [index, tags] of RUN.entries()) {
    const others = RUN.filter((_, i) => i !== index);
    const query = scenarioTagQuery(tags, others);
    assert.ok(query, `scenario ${index}`);
    assert.match(query.expression, HTML_TAG_QUERY, query.expression);
    const twins = RUN.flatMap((t, i) =>
      [...new Set(t)].sort().join() === [...new Set(tags)].sort().join() ? [i] : [],
    );
    assert.deepEqual(selected(query.expression), twins, query.expression);
    assert.equal(query.matches, twins.length);
  }
});

test('the query of a scenario that others extend excludes one extra tag of each', () => {
  const query = scenarioTagQuery(RUN[0]!, RUN.slice(1));
  assert.equal(query?.expression, '@clause:ARCH-1 and @needs:kill and not @clause:SEND-4');
  assert.equal(query?.matches, 1);
});

test('a scenario without tags has no tag query; its link falls back to the name search', () => {
  assert.equal(scenarioTagQuery([], RUN), undefined);
  assert.equal(scenarioLink({ name: 'a b' }), 'cucumber.html?query=a%20b');
});

test('links are URL-encoded and clause links follow the html of their scenarios', () => {
  const url = tagQueryUrl({ expression: '@a and not @b', matches: 1 });
  assert.equal(url, 'cucumber.html?query=%40a%20and%20not%20%40b');
  assert.equal(new URL(url, 'file:///r/').searchParams.get('query'), '@a and not @b');
  assert.equal(clauseLink('TX-2', []), 'cucumber.html?query=%40clause%3ATX-2');
  assert.equal(
    clauseLink('TX-2', [{ evidence: 'shards/2-of-3/cucumber.html?query=%40x' }]),
    'shards/2-of-3/cucumber.html?query=%40clause%3ATX-2',
  );
});
