import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTopology } from './load-topology.js';
import { TopologyError } from './topology-error.js';

const valid = `name: two
sites:
  - name: site1
    id: 1
    members: [m1]
    regions:
      - name: data
        senders: [to-2]
    senders:
      - id: to-2
        remoteSite: site2
  - name: site2
    id: 2
    members: [m2]
`;

function issuesOf(text: string): TopologyError {
  try {
    parseTopology(text, 'bad.yaml');
  } catch (error) {
    if (error instanceof TopologyError) return error;
    throw error;
  }
  assert.fail('expected the topology to be rejected');
}

test('a valid topology resolves with defaults and one link per direction', () => {
  const topology = parseTopology(valid, 'two.yaml');
  assert.equal(topology.runtime, 'process');
  assert.deepEqual(topology.sites[0]!.locators, ['site1-locator']);
  assert.equal(topology.sites[0]!.senders[0]!.remoteDistributedSystemId, 2);
  assert.equal(topology.sites[0]!.senders[0]!.batchSize, 100);
  assert.deepEqual(
    topology.links.map((l) => l.name),
    ['site1->site2', 'site2->site1'],
  );
});

test('an unknown field is reported at its own line with its path', () => {
  const error = issuesOf(
    valid.replace('        remoteSite: site2', '        remoteSite: site2\n        batchSise: 5'),
  );
  assert.equal(error.issues.length, 1);
  assert.deepEqual(error.issues[0]!.path, ['sites', 0, 'senders', 0, 'batchSise']);
  assert.equal(error.issues[0]!.location.line, 12);
  assert.match(error.message, /bad\.yaml:12:9 sites\[0\]\.senders\[0\]\.batchSise: unknown field/);
});

test('a site without an id is rejected', () => {
  const error = issuesOf(valid.replace('    id: 2\n', ''));
  assert.match(error.issues[0]!.message, /missing required field "id"/);
  assert.deepEqual(error.issues[0]!.path, ['sites', 1]);
});

test('two sites with one id are rejected (DISC-1)', () => {
  const error = issuesOf(valid.replace('    id: 2', '    id: 1'));
  assert.deepEqual(error.issues[0]!.path, ['sites', 1, 'id']);
  assert.equal(error.issues[0]!.location.line, 13);
  assert.match(error.issues[0]!.message, /already used by site "site1"/);
});

test('a sender aimed at an undefined site is rejected', () => {
  const error = issuesOf(valid.replace('remoteSite: site2', 'remoteSite: site9'));
  assert.deepEqual(error.issues[0]!.path, ['sites', 0, 'senders', 0, 'remoteSite']);
  assert.match(error.issues[0]!.message, /not defined/);
});

test('a receiver port range with start > end is rejected', () => {
  const error = issuesOf(
    valid.replace(
      '    members: [m2]',
      '    members: [m2]\n    receiver:\n      portRange: { start: 6000, end: 5000 }',
    ),
  );
  assert.deepEqual(error.issues[0]!.path, ['sites', 1, 'receiver', 'portRange', 'start']);
  assert.match(error.issues[0]!.message, /starts at 6000, after its end 5000/);
});

test('a parallel sender on a replicated region is rejected (SEND-6)', () => {
  const error = issuesOf(
    valid.replace('        remoteSite: site2', '        remoteSite: site2\n        parallel: true'),
  );
  assert.deepEqual(error.issues[0]!.path, ['sites', 0, 'regions', 0, 'senders', 0]);
});

test('a multi-site topology without locators is rejected (DISC-7)', () => {
  const error = issuesOf(valid.replace('    members: [m2]', '    locators: []\n    members: [m2]'));
  assert.match(error.issues[0]!.message, /discovers remote sites through locators/);
});

test('YAML syntax errors are located where the yaml library found them, not at 1:1', () => {
  const at = (text: string): string => {
    const issue = issuesOf(text).issues[0]!;
    return `${issue.location.line}:${issue.location.column} ${issue.message}`;
  };
  assert.match(at('name: x\nsites: [a, b\nother: 1\n'), /^3:1 YAML syntax: .*BAD_INDENT/);
  assert.match(at('name: x\nsites:\n\t- name: a\n'), /^3:1 YAML syntax: .*TAB_AS_INDENT/);
  assert.match(at('name: x\nsites: []\nname: y\n'), /^3:1 YAML syntax: .*DUPLICATE_KEY/);
  assert.match(at('name: x\nsites:\n  - name: a\n     id: 1\n'), /^3:11 YAML syntax/);
});

test('a YAML alias bomb is refused as invalid input at its first alias', () => {
  const level = (name: string, of: string): string =>
    `${name}: &${name} [${Array(9).fill(of).join(', ')}]\n`;
  const bomb =
    'name: x\n' +
    level('a', '"x"') +
    ['b', 'c', 'd', 'e', 'f', 'g'].map((n, i) => level(n, `*${'abcdefg'[i]}`)).join('');
  const error = issuesOf(bomb);
  assert.equal(error.exitCode, 2);
  assert.match(error.issues[0]!.message, /aliases expand too much/);
  assert.deepEqual(error.issues[0]!.location, { line: 3, column: 8 });
});

test('engine: a name, or a name with timings; the old object of timings still works', () => {
  const named = parseTopology(
    valid.replace('name: two\n', 'name: two\nengine: wanlab\n'),
    'e.yaml',
  );
  assert.equal(named.engineName, 'wanlab');
  assert.equal(named.engine.logLevel, 'info');
  const object = parseTopology(
    valid.replace('name: two\n', 'name: two\nengine: { name: wanlab, logLevel: warn }\n'),
    'e.yaml',
  );
  assert.deepEqual([object.engineName, object.engine.logLevel], ['wanlab', 'warn']);
  const timings = parseTopology(
    valid.replace('name: two\n', 'name: two\nengine: { memberTimeoutMs: 4000 }\n'),
    'e.yaml',
  );
  assert.deepEqual([timings.engineName, timings.engine.memberTimeoutMs], [undefined, 4000]);
  assert.equal(parseTopology(valid, 'e.yaml').engineName, undefined);
});

test('an unknown engine is rejected at its line, naming the known engines', () => {
  const error = issuesOf(valid.replace('name: two\n', 'name: two\nengine: hazelcast\n'));
  assert.equal(error.issues[0]!.location.line, 2);
  assert.match(error.issues[0]!.message, /unknown engine "hazelcast"/);
  assert.match(error.issues[0]!.hint, /known engines: wanlab, geode/);
  assert.equal(
    parseTopology(valid.replace('name: two\n', 'name: two\nengine: geode\n'), 'g.yaml').engineName,
    'geode',
  );
  const inObject = issuesOf(valid.replace('name: two\n', 'name: two\nengine: { name: gemfire }\n'));
  assert.equal(inObject.issues[0]!.path.join('.'), 'engine.name');
});

test('a sender to a site without any gateway receiver is refused at its remoteSite', () => {
  const error = issuesOf(
    valid.replace('    members: [m2]', '    members: [{ name: m2, receiver: false }]'),
  );
  assert.equal(error.issues.length, 1);
  assert.deepEqual(error.issues[0]!.location, { line: 11, column: 9 });
  assert.match(error.issues[0]!.message, /targets site "site2", which has no gateway receiver/);
  assert.match(error.issues[0]!.hint, /receiver: false/);
});

test('a region sent to a site that does not define it loads, with a located warning', () => {
  const warned = parseTopology(valid, 'w.yaml');
  assert.equal(warned.warnings?.length, 1);
  assert.match(
    warned.warnings![0]!,
    /^w\.yaml:8:19 sites\[0\]\.regions\[0\]\.senders\[0\]: sender "to-2" sends region "data" to site "site2", which does not define it/,
  );
  const defined = valid.replace(
    '    members: [m2]',
    '    members: [m2]\n    regions: [{ name: data }]',
  );
  assert.equal(parseTopology(defined, 'two.yaml').warnings, undefined);
});
