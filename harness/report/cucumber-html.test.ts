import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse as parseTagExpression } from '@cucumber/tag-expressions';
import { scenarioTag, writeCucumberHtml } from './cucumber-html.js';
import { readCucumberResults } from './cucumber-results.js';

/** cucumber.html's rule for a query that is a tag expression (see evidence-links.test.ts). */
const HTML_TAG_QUERY = /^\s*((@[^\s]+\s*)|(and\s+)|(or\s+)|(not\s+)|\(|\))+\s*$/;

/** One feature: two scenarios with the same tags (lines 4 and 8), one with others (12). */
function messages(): string {
  const scenario = (id: string, line: number) => ({
    scenario: { id, location: { line, column: 3 }, keyword: 'Scenario', name: id, steps: [] },
  });
  const uri = 'features/twins (x).feature';
  const pickle = (id: string, node: string, tags: string[]) => ({
    pickle: {
      id,
      uri,
      name: `scenario ${id}`,
      astNodeIds: [node],
      steps: [],
      tags: tags.map((name) => ({ name, astNodeId: 'tag' })),
    },
  });
  const envelopes: object[] = [
    {
      gherkinDocument: {
        uri,
        feature: {
          location: { line: 1 },
          children: [scenario('s1', 4), scenario('s2', 8), scenario('s3', 12)],
        },
      },
    },
    pickle('p1', 's1', ['@clause:A']),
    pickle('p2', 's2', ['@clause:A']),
    pickle('p3', 's3', ['@clause:A', '@clause:B']),
  ];
  for (const id of ['p1', 'p2', 'p3']) {
    envelopes.push({ testCase: { id: `c-${id}`, pickleId: id, testSteps: [] } });
    envelopes.push({ testCaseStarted: { id: `r-${id}`, testCaseId: `c-${id}`, attempt: 0 } });
  }
  return envelopes.map((e) => JSON.stringify(e)).join('\n');
}

/** The messages cucumber.html embeds (`window.CUCUMBER_MESSAGES = [...]`). */
function embedded(html: string): Array<{ pickle?: { id: string; tags: Array<{ name: string }> } }> {
  const start = html.indexOf('window.CUCUMBER_MESSAGES = [') + 'window.CUCUMBER_MESSAGES = '.length;
  const end = html.indexOf('];', start) + 1;
  return JSON.parse(html.slice(start, end).replace(/\\x3C/g, '<')) as ReturnType<typeof embedded>;
}

test('every scenario link opens exactly its scenario in the cucumber.html wanlab writes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wanlab-html-'));
  const file = join(dir, 'cucumber-messages.ndjson');
  writeFileSync(file, messages());
  await writeCucumberHtml(file, join(dir, 'cucumber.html'));
  const pickles = embedded(readFileSync(join(dir, 'cucumber.html'), 'utf8')).flatMap((e) =>
    e.pickle ? [e.pickle] : [],
  );
  assert.equal(pickles.length, 3);
  const results = readCucumberResults(file);
  for (const scenario of results.scenarios) {
    const query = new URL(scenario.evidence ?? '', 'file:///reports/').searchParams.get('query');
    assert.ok(query, scenario.name);
    assert.match(query, HTML_TAG_QUERY);
    const expression = parseTagExpression(query);
    const selected = pickles.filter((p) => expression.evaluate(p.tags.map((t) => t.name)));
    assert.deepEqual(
      selected.map((p) => p.id),
      [scenario.pickleId],
      `${query} selects ${selected.length}`,
    );
  }
  // the twins need the added tag; the third is told apart by its own tags
  assert.match(results.scenarios[0]!.evidence ?? '', /scenario%3A/);
  assert.doesNotMatch(results.scenarios[2]!.evidence ?? '', /scenario%3A/);
});

test('the scenario tag has no white space or characters a tag expression would need escaped', () => {
  assert.equal(
    scenarioTag('features/a b(c)\\d.feature', 7),
    '@scenario:features/a_b_c__d.feature:7',
  );
});
