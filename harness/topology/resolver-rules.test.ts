import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseTopology } from './load-topology.js';
import { TopologyError } from './topology-error.js';

const dir = mkdtempSync(join(tmpdir(), 'wanlab-topology-'));
mkdirSync(join(dir, 'resolvers'));
writeFileSync(join(dir, 'resolvers', 'mine.mjs'), 'export function createResolver() {}\n');

const withResolver = (resolver: string): string => `name: r
sites:
  - name: s1
    id: 1
    members: [m1]
    regions:
      - name: data
        conflict:
          resolver: ${resolver}
`;

test('a resolver module is resolved relative to the topology file', () => {
  const topology = parseTopology(withResolver('resolvers/mine.mjs'), join(dir, 't.yaml'));
  const conflict = topology.sites[0]!.regions[0]!.conflict;
  assert.deepEqual(conflict, {
    forwardedEventDsid: 'origin',
    onResolverError: 'discard',
    resolver: { module: join(dir, 'resolvers', 'mine.mjs'), options: {} },
  });
});

test('a resolver with options and the Geode settings resolve as written', () => {
  const text = withResolver('{ module: resolvers/mine.mjs, options: { windowMs: 5 } }').replace(
    '        conflict:\n',
    '        conflict:\n          forwardedEventDsid: last-hop\n          onResolverError: default-rule\n',
  );
  const conflict = parseTopology(text, join(dir, 't.yaml')).sites[0]!.regions[0]!.conflict;
  assert.equal(conflict.forwardedEventDsid, 'last-hop');
  assert.equal(conflict.onResolverError, 'default-rule');
  assert.deepEqual(conflict.resolver?.options, { windowMs: 5 });
});

test('a resolver module that does not exist is rejected at its line', () => {
  try {
    parseTopology(withResolver('resolvers/missing.ts'), join(dir, 't.yaml'));
    assert.fail('accepted');
  } catch (error) {
    assert.ok(error instanceof TopologyError);
    assert.equal(error.issues[0]!.location.line, 9);
    assert.deepEqual(error.issues[0]!.path, ['sites', 0, 'regions', 0, 'conflict', 'resolver']);
    assert.match(
      error.issues[0]!.message,
      /resolver module "resolvers\/missing\.ts" does not exist/,
    );
  }
});

test('a resolver that is not a script is rejected', () => {
  writeFileSync(join(dir, 'resolvers', 'notes.txt'), 'hi\n');
  assert.throws(
    () => parseTopology(withResolver('resolvers/notes.txt'), join(dir, 't.yaml')),
    /is not a JavaScript or TypeScript file/,
  );
});
