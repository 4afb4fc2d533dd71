import { TEST_CONTROL_TOKEN } from '../control/test-token.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateConfig } from './load-config.js';
import { MemberConfigSchema } from './member-config.js';
import { memberIssues } from './member-rules.js';

function member(region: Record<string, unknown>): unknown {
  return {
    name: 'm1',
    site: { name: 's1', distributedSystemId: 1 },
    locators: ['127.0.0.1:10334'],
    control: { port: 0, token: TEST_CONTROL_TOKEN },
    dataDir: '/tmp/m1',
    senders: [
      { id: 'par', remoteDistributedSystemId: 2, parallel: true },
      { id: 'ser', remoteDistributedSystemId: 2 },
    ],
    regions: [{ name: 'r', ...region }],
  };
}

function problems(config: unknown): string[] {
  return memberIssues(validateConfig(MemberConfigSchema, config, 'member.json')).map(
    (i) => `${i.path}: ${i.message}`,
  );
}

describe('which regions take a parallel sender (SEND-6, SEND-13)', () => {
  it('normal and preloaded regions take one by default (seed 001)', () => {
    for (const type of ['normal', 'preloaded', 'partitioned']) {
      assert.deepEqual(problems(member({ type, senderIds: ['par', 'ser'] })), [], type);
    }
  });

  it('a replicated region never does', () => {
    assert.deepEqual(problems(member({ type: 'replicated', senderIds: ['par'] })), [
      'regions[0].senderIds[0]: parallel sender "par" cannot be used with a replicated region',
    ]);
  });

  it('parallelSenders: refuse makes it a configuration error, as in Geode', () => {
    assert.deepEqual(
      problems(member({ type: 'normal', parallelSenders: 'refuse', senderIds: ['ser', 'par'] })),
      [
        'regions[0].senderIds[1]: parallel sender "par" cannot be used with a normal region that refuses parallel senders',
      ],
    );
    assert.deepEqual(
      problems(member({ type: 'preloaded', parallelSenders: 'refuse', senderIds: ['ser'] })),
      [],
    );
  });

  it('parallelSenders: refuse on another region type is a mistake', () => {
    assert.deepEqual(problems(member({ type: 'partitioned', parallelSenders: 'refuse' })), [
      'regions[0].parallelSenders: parallelSenders applies to normal and preloaded regions, not to a partitioned one',
    ]);
  });

  it('an unknown type or setting is refused by the schema', () => {
    assert.throws(() => problems(member({ type: 'empty' })), /regions\/0\/type/);
    assert.throws(() => problems(member({ parallelSenders: 'maybe' })), /parallelSenders/);
  });
});
