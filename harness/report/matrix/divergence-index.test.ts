import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../../util/project-root.js';
import { githubAnchor, parseDivergences, readDivergences } from './divergence-index.js';

test('headings that start with clause ids index those clauses to the heading anchor', () => {
  const index = parseDivergences(
    [
      '# Where they differ',
      '## SEND-13: a parallel sender on a normal region',
      'body text naming QUEUE-1 is not a heading',
      '## CONS-1, CONS-3: the site id of a forwarded event',
      '### RECV-6: rebalancing a serial sender',
      '### Statistics Geode does not count',
    ].join('\n'),
  );
  assert.deepEqual(Object.fromEntries(index), {
    'SEND-13': 'send-13-a-parallel-sender-on-a-normal-region',
    'CONS-1': 'cons-1-cons-3-the-site-id-of-a-forwarded-event',
    'CONS-3': 'cons-1-cons-3-the-site-id-of-a-forwarded-event',
    'RECV-6': 'recv-6-rebalancing-a-serial-sender',
  });
});

test('anchors drop punctuation and keep hyphens, as GitHub renders them', () => {
  assert.equal(
    githubAnchor('QUEUE-5: when `conflation` is counted'),
    'queue-5-when-conflation-is-counted',
  );
});

test('the project divergences document explains at least the clauses it is known to', () => {
  const index = readDivergences(join(projectRoot(), 'docs', 'divergences.md'));
  for (const id of ['SEND-13', 'DISC-6', 'CONS-1', 'RECV-6']) assert.ok(index.has(id), id);
  assert.equal(readDivergences('/nonexistent/divergences.md').size, 0);
});
