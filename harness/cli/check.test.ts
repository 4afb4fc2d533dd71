import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../util/project-root.js';

/** `wanlab check` and `wanlab up` as a user runs them, on fixtures of harness/config/fixtures. */
function wanlab(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/wanlab.js', ...args], {
    cwd: projectRoot(),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const fixture = (kind: string, name: string): string =>
  relative(
    projectRoot(),
    join(projectRoot(), 'harness', 'config', 'fixtures', kind, `${name}.yaml`),
  );

/** "# expect: CODE 15:9 must be <= 64" of a fixture. */
function expected(file: string): { code: string; at: string; fragment: string } {
  const match = /^# expect: (\S+) (\d+:\d+) (.+)$/m.exec(
    readFileSync(join(projectRoot(), file), 'utf8'),
  );
  assert.ok(match, `${file} has an expect header`);
  return { code: match[1]!, at: match[2]!, fragment: match[3]! };
}

for (const [kind, name] of [
  ['topologies', 'yaml-alias-bomb'],
  ['topologies', 'yaml-tab-indentation'],
  ['topologies', 'sender-dispatchers-10000'],
  ['topologies', 'sender-remote-without-receiver'],
  ['experiments', 'exp-fault-rebalance-serial'],
  ['experiments', 'exp-yaml-duplicate-key'],
] as const) {
  test(`wanlab check ${kind}/${name}: exit 2, code, file:line:column, no stack`, () => {
    const file = fixture(kind, name);
    const want = expected(file);
    const run = wanlab('check', file);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, new RegExp(`^error ${want.code}: `));
    assert.ok(run.stderr.includes(`${file}:${want.at} `), run.stderr);
    assert.ok(run.stderr.includes(want.fragment), run.stderr);
    assert.match(run.stderr, /\n {4}hint: /);
    assert.doesNotMatch(run.stderr, /\n\s+at |internal error/, 'no stack trace');
  });
}

test('wanlab up refuses an alias bomb before starting anything: exit 2, not an internal error', () => {
  const file = fixture('topologies', 'yaml-alias-bomb');
  const run = wanlab('up', file);
  assert.equal(run.status, 2, run.stderr);
  assert.ok(run.stderr.includes(`${file}:${expected(file).at} `), run.stderr);
  assert.doesNotMatch(run.stderr, /internal error|\n\s+at /);
  assert.equal(run.stdout, '', 'nothing started');
});

test('wanlab check: a valid topology and experiment exit 0; a warning is printed, not fatal', () => {
  const topology = wanlab('check', 'topologies/two-site.yaml');
  assert.equal(topology.status, 0, topology.stderr);
  assert.match(
    topology.stdout,
    /topology topologies\/two-site\.yaml is valid \(2 sites, 2 members\)/,
  );
  const experiment = wanlab('check', 'link-flapping');
  assert.equal(experiment.status, 0, experiment.stderr);
  assert.match(experiment.stdout, /experiment .*link-flapping\.yaml is valid \(topology two-site/);
  const warned = wanlab('check', 'topologies/sender-lab.yaml');
  assert.equal(warned.status, 0, warned.stderr);
  assert.match(
    warned.stderr,
    /wanlab: WARNING topologies\/sender-lab\.yaml:\d+:\d+ sites\[0\]\.regions\[1\]\.senders\[0\]: .*does not define it/,
  );
});

test('wanlab check without a file, or with a missing one, is a usage error (exit 2)', () => {
  assert.equal(wanlab('check').status, 2);
  const missing = wanlab('check', 'no/such/file.yaml');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /WANLAB_TOPOLOGY_UNREADABLE/);
});

test('wanlab <command> --help and --version exit 0 as real processes; a misspelling exits 2', () => {
  for (const command of ['up', 'chaos', 'test']) {
    const help = wanlab(command, '--help');
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, new RegExp(`^Usage: wanlab ${command} `));
  }
  const version = wanlab('--version');
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  const typo = wanlab('chek', 'topologies/two-site.yaml');
  assert.equal(typo.status, 2);
  assert.match(typo.stderr, /Did you mean check\?/);
});
