import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHarnessError } from '../errors.js';
import { packageVersion } from '../util/package-version.js';
import { CHAOS_EXIT, exitCodeOf } from './exit-codes.js';
import { runCli, type CliActions } from './program.js';

/** What one parse called: the action's name and its arguments. */
interface Call {
  action: keyof CliActions;
  args: unknown[];
}

/** Fake actions that record what they were given and exit with `code`. */
function recorder(code = 0): { actions: CliActions; calls: Call[] } {
  const calls: Call[] = [];
  const record =
    (action: keyof CliActions) =>
    (...args: unknown[]): number => {
      calls.push({ action, args });
      return code;
    };
  const async =
    (action: keyof CliActions) =>
    (...args: unknown[]): Promise<number> =>
      Promise.resolve(record(action)(...args));
  return {
    calls,
    actions: {
      up: async('up'),
      test: async('test'),
      conformance: async('conformance'),
      conformanceMatrix: async('conformanceMatrix'),
      matrix: record('matrix'),
      reportMerge: record('reportMerge'),
      images: async('images'),
      chaos: async('chaos'),
      status: async('status'),
      check: record('check'),
      clean: record('clean'),
      analyze: record('analyze'),
      mutate: async('mutate'),
      wanCopy: async('wanCopy'),
    },
  };
}

async function run(
  argv: string[],
  code = 0,
): Promise<{ code: number; out: string; err: string; calls: Call[] }> {
  const { actions, calls } = recorder(code);
  let out = '';
  let err = '';
  const exit = await runCli(argv, actions, {
    out: (text) => (out += text),
    err: (text) => (err += text),
  });
  return { code: exit, out, err, calls };
}

const COMMANDS = [
  'check',
  'up',
  'test',
  'conformance',
  'matrix',
  'images',
  'chaos',
  'clean',
  'analyze',
  'mutate',
  'wan-copy',
];

test('every command has its own --help, which exits 0 without running the command', async () => {
  for (const command of COMMANDS) {
    const result = await run([command, '--help']);
    assert.equal(result.code, 0, `${command} --help: ${result.err}`);
    assert.match(result.out, new RegExp(`^Usage: wanlab ${command}\\b`), command);
    assert.deepEqual(result.calls, [], `${command} --help ran nothing`);
    const help = await run(['help', command]);
    assert.equal(help.code, 0);
    assert.equal(help.out, result.out, `wanlab help ${command} is ${command} --help`);
  }
});

test('wanlab --help lists every command; wanlab alone prints it and is a usage error', async () => {
  const help = await run(['--help']);
  assert.equal(help.code, 0);
  for (const command of COMMANDS) assert.match(help.out, new RegExp(`\\n  ${command}\\b`));
  const bare = await run([]);
  assert.equal(bare.code, 2);
  assert.match(bare.err, /^Usage: wanlab /);
});

test('--version prints the package version and exits 0', async () => {
  for (const flag of ['--version', '-V']) {
    const result = await run([flag]);
    assert.equal(result.code, 0);
    assert.equal(result.out, `${packageVersion()}\n`);
  }
});

test('a misspelt command or option is a usage error (exit 2) that says what was meant', async () => {
  const command = await run(['upp', 'topologies/two-site.yaml']);
  assert.equal(command.code, 2);
  assert.match(command.err, /^error WANLAB_USAGE: unknown command 'upp'\n\(Did you mean up\?\)/);
  assert.match(command.err, /\nhint: /);
  const option = await run(['chaos', 'link-flapping', '--seeed', '7']);
  assert.equal(option.code, 2);
  assert.match(option.err, /unknown option '--seeed'\n\(Did you mean --seed\?\)/);
  const missing = await run(['up']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /missing required argument 'topology'/);
  const extra = await run(['check', 'a.yaml', 'b.yaml']);
  assert.equal(extra.code, 2);
  assert.match(extra.err, /too many arguments/);
  assert.deepEqual(
    [command, option, missing, extra].flatMap((r) => r.calls),
    [],
  );
});

test('test passes every option it does not know to cucumber, and takes --runtime and --engine', async () => {
  const result = await run([
    'test',
    '--runtime',
    'container',
    '--tags',
    '@x',
    'f.feature',
    '--engine=wanlab',
    '--name',
    'link is down',
  ]);
  assert.equal(result.code, 0, result.err);
  assert.deepEqual(result.calls, [
    {
      action: 'test',
      args: [
        ['--tags', '@x', 'f.feature', '--name', 'link is down'],
        { runtime: 'container', engine: 'wanlab' },
      ],
    },
  ]);
  const plain = await run(['test', '--name', 'x']);
  assert.deepEqual(plain.calls[0]!.args, [['--name', 'x'], {}]);
});

test('a runtime or engine that does not exist is a WANLAB_USAGE error naming the known ones', async () => {
  await assert.rejects(
    run(['test', '--runtime', 'kubernetes']),
    (error: unknown) =>
      isHarnessError(error) && error.code === 'WANLAB_USAGE' && /kubernetes/.test(error.message),
  );
  await assert.rejects(
    run(['conformance', '--engine', 'hazelcast']),
    (error: unknown) =>
      isHarnessError(error) &&
      error.code === 'WANLAB_USAGE' &&
      /"hazelcast"/.test(error.message) &&
      /known engines: wanlab, geode/.test(error.hint),
  );
});

test('up and chaos hand over their parsed options; the action decides the exit code', async () => {
  const up = await run(['up', 't.yaml', '--json', '--seed', '12', '--runtime', 'process']);
  assert.deepEqual(up.calls, [
    {
      action: 'up',
      args: [{ topologyFile: 't.yaml', json: true, runtime: 'process', seed: 12 }],
    },
  ]);
  const chaos = await run(['chaos', 'link-flapping', '--seed', '7', '--time-limit', '20s'], 3);
  assert.equal(chaos.code, 3);
  assert.deepEqual(chaos.calls[0]!.args, [
    { experiment: 'link-flapping', seed: 7, timeLimitMs: 20000, planOnly: false },
  ]);
});

test('chaos exit codes: 0 pass, 1 fail, 2 harness or input error, 3 unknown', () => {
  assert.equal(exitCodeOf({ verdict: 'pass', harnessErrors: [] }), 0);
  assert.equal(exitCodeOf({ verdict: 'fail', harnessErrors: [] }), 1);
  assert.equal(exitCodeOf({ verdict: 'fail', harnessErrors: ['heal failed'] }), 1);
  assert.equal(exitCodeOf({ verdict: 'unknown', harnessErrors: [] }), CHAOS_EXIT.unknown);
  assert.equal(exitCodeOf({ verdict: 'unknown', harnessErrors: ['heal failed'] }), 2);
  assert.notEqual(CHAOS_EXIT.unknown, CHAOS_EXIT.harnessOrInputError);
});

test('conformance --engines runs the matrix of those engines; matrix takes report files', async () => {
  const both = await run(['conformance', '--engines', 'wanlab,geode']);
  assert.deepEqual(
    both.calls.map((c) => [c.action, c.args[0]]),
    [['conformanceMatrix', ['wanlab', 'geode']]],
  );
  await assert.rejects(run(['conformance', '--engines', 'wanlab,wanlab']), (error: unknown) => {
    return isHarnessError(error) && /two or more distinct engines/.test(error.message);
  });
  const files = await run(['matrix', 'a.json', 'b.json', '--out', 'x']);
  assert.deepEqual(files.calls, [{ action: 'matrix', args: [['a.json', 'b.json'], 'x'] }]);
});

test('test and conformance take --shard i/n; report merge takes the shard folders', async () => {
  const shard = await run(['test', '--shard', '2/3', '--tags', '@x']);
  assert.deepEqual(shard.calls[0]!.args, [['--tags', '@x'], { shard: { index: 2, count: 3 } }]);
  const conformance = await run(['conformance', '--shard', '1/2']);
  assert.deepEqual(conformance.calls[0]!.args, [
    { allowUncovered: false, shard: { index: 1, count: 2 } },
  ]);
  await assert.rejects(
    run(['test', '--shard', '3/2']),
    (error: unknown) => isHarnessError(error) && error.code === 'WANLAB_USAGE',
  );
  const merge = await run(['report', 'merge', 'a', 'b', '--out', 'm', '--allow-uncovered']);
  assert.deepEqual(merge.calls, [
    {
      action: 'reportMerge',
      args: [{ dirs: ['a', 'b'], outDir: 'm', allowUncovered: true }],
    },
  ]);
  const help = await run(['report', 'merge', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /shards\/<i>-of-<n>/);
});

test('wan-copy takes the region, the sender, where it runs and the rate; bad numbers are usage errors', async () => {
  const result = await run([
    'wan-copy',
    '.wanlab/runs/x',
    '--region',
    'data',
    '--sender',
    'to-site3',
    '--site',
    '1',
    '--max-rate',
    '100',
    '--batch-size',
    '10',
  ]);
  assert.equal(result.code, 0, result.err);
  assert.deepEqual(result.calls, [
    {
      action: 'wanCopy',
      args: [
        {
          region: 'data',
          sender: 'to-site3',
          site: '1',
          maxRatePerSecond: 100,
          batchSize: 10,
          json: false,
          runFolder: '.wanlab/runs/x',
        },
      ],
    },
  ]);
  const base = ['wan-copy', '--region', 'data', '--sender', 'to-site3'];
  const usage = (message: RegExp) => (error: unknown) =>
    isHarnessError(error) &&
    error.code === 'WANLAB_USAGE' &&
    error.exitCode === 2 &&
    message.test(error.message);
  await assert.rejects(run(base), usage(/exactly one of --site and --member/));
  await assert.rejects(
    run([...base, '--member', 'site1-m1', '--max-rate', 'fast']),
    usage(/--max-rate must be a whole number from 0 to 1000000, not "fast"/),
  );
});
