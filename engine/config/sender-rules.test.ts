import { TEST_CONTROL_TOKEN } from '../control/test-token.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateConfig } from './load-config.js';
import { MemberConfigSchema } from './member-config.js';
import { memberIssues } from './member-rules.js';

function member(sender: Record<string, unknown>, receiver?: Record<string, unknown>): unknown {
  return {
    name: 'm1',
    site: { name: 's1', distributedSystemId: 1 },
    locators: ['127.0.0.1:10334'],
    control: { port: 0, token: TEST_CONTROL_TOKEN },
    dataDir: '/tmp/m1',
    senders: [{ id: 's', remoteDistributedSystemId: 2, ...sender }],
    ...(receiver ? { receiver } : {}),
  };
}

/** Every problem the engine reports for a member file, schema first, then rules. */
function problems(config: unknown): string {
  try {
    return memberIssues(validateConfig(MemberConfigSchema, config, 'member.json'))
      .map((i) => `${i.path}: ${i.message}`)
      .join('\n');
  } catch (error) {
    return (error as Error).message;
  }
}

describe('sender and receiver attributes are validated at load (bad input)', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    [
      'dispatcherThreads < 1',
      member({ dispatcherThreads: 0 }),
      /senders\/0\/dispatcherThreads: must be >= 1/,
    ],
    ['batchSize < 1', member({ batchSize: 0 }), /senders\/0\/batchSize: must be >= 1/],
    ['unknown order policy', member({ orderPolicy: 'random' }), /senders\/0\/orderPolicy/],
    [
      'thread policy on a parallel sender',
      member({ parallel: true, orderPolicy: 'thread' }),
      /senders\[0\]\.orderPolicy: order policy "thread" is not allowed on a parallel sender/,
    ],
    [
      'grouping with conflation (TX-2)',
      member({ groupTransactionEvents: true, batchConflation: true, dispatcherThreads: 1 }),
      /senders\[0\]\.groupTransactionEvents: groupTransactionEvents cannot be combined with batchConflation/,
    ],
    [
      'grouping on a serial sender with 5 dispatchers (TX-2)',
      member({ groupTransactionEvents: true }),
      /needs dispatcherThreads 1, not 5/,
    ],
    [
      'a receiver port range with start > end',
      member({}, { startPort: 6000, endPort: 5000 }),
      /receiver\.startPort: receiver port range starts at 6000, after its end 5000/,
    ],
    ['an unknown attribute', member({ batchSiz: 10 }), /unknown field "batchSiz"/],
  ];
  for (const [what, config, expected] of cases) {
    it(`rejects ${what}`, () => assert.match(problems(config), expected));
  }

  it('accepts persistent on a parallel sender, with overflow and conflation (issue 14)', () => {
    assert.equal(
      problems(
        member({
          parallel: true,
          persistent: true,
          batchConflation: true,
          maximumQueueMemoryMb: 1,
        }),
      ),
      '',
    );
  });

  it('accepts grouping on a serial sender with one dispatcher, and on a parallel one', () => {
    assert.equal(problems(member({ groupTransactionEvents: true, dispatcherThreads: 1 })), '');
    assert.equal(problems(member({ groupTransactionEvents: true, parallel: true })), '');
  });

  it('fills the defaults of the seeds', () => {
    const config = validateConfig(MemberConfigSchema, member({}), 'member.json');
    const sender = config.senders[0]!;
    assert.deepEqual(
      [sender.batchSize, sender.batchTimeIntervalMs, sender.dispatcherThreads, sender.orderPolicy],
      [100, 1000, 5, 'key'],
    );
    assert.deepEqual(
      [sender.retryIntervalMs, sender.maximumShutdownWaitS, sender.maximumQueueMemoryMb],
      [5000, 0, 100],
    );
    assert.equal(sender.diskSynchronous, true);
  });
});

describe('an engine refuses what Geode refuses about senders and regions (issue 15)', () => {
  const withSenders = (count: number): unknown => {
    const base = member({}) as { senders: Array<Record<string, unknown>> };
    const senders = Array.from({ length: count }, (_, i) => ({
      id: `s${i}`,
      remoteDistributedSystemId: 2,
    }));
    return { ...base, senders };
  };

  it('hosts at most 128 senders (GEODE-2)', () => {
    assert.equal(problems(withSenders(128)), '');
    assert.match(problems(withSenders(129)), /senders: must NOT have more than 128 items/);
  });

  it('refuses a parallel sender shared by partitioned regions that are not colocated (GEODE-1)', () => {
    const regions = (colocated: boolean): unknown => ({
      ...(member({ parallel: true }) as object),
      regions: [
        { name: 'orders', type: 'partitioned', senderIds: ['s'] },
        {
          name: 'customers',
          type: 'partitioned',
          senderIds: ['s'],
          ...(colocated ? { colocatedWith: 'orders' } : {}),
        },
      ],
    });
    assert.match(
      problems(regions(false)),
      /regions\[1\]\.senderIds\[0\]: parallel sender "s" is used by partitioned regions "orders" and "customers", which are not colocated/,
    );
    assert.equal(problems(regions(true)), '');
  });
});
