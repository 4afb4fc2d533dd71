import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateConfig } from '../config/load-config.js';
import { MemberConfigSchema, type MemberConfig } from '../config/member-config.js';
import { TEST_CONTROL_TOKEN } from '../control/test-token.js';
import { EngineError } from '../errors.js';
import type { SiteSender } from '../gateway/site/site-sender.js';
import { definedRegion, definedSender, hostedConfig, regionUsers } from './runtime-definitions.js';

const config: MemberConfig = validateConfig(
  MemberConfigSchema,
  {
    name: 'm1',
    site: { name: 's1', distributedSystemId: 1 },
    locators: ['127.0.0.1:10334'],
    control: { port: 0, token: TEST_CONTROL_TOKEN },
    dataDir: '/tmp/m1',
    senders: [
      { id: 'a', remoteDistributedSystemId: 2 },
      { id: 'b', remoteDistributedSystemId: 2 },
    ],
    regions: [
      { name: 'r1', senderIds: ['a'] },
      { name: 'r2', senderIds: ['a', 'b'] },
    ],
  },
  'member.json',
);

const hosting = (...names: string[]): Map<string, unknown> => new Map(names.map((n) => [n, {}]));
const senders = (...ids: string[]): SiteSender[] => ids.map((id) => ({ id }) as SiteSender);

function code(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof EngineError ? error.code : 'not an EngineError';
  }
  return undefined;
}

describe('regions and senders at runtime (GEODE-5, GEODE-6)', () => {
  it('a sender is used by every hosted region that lists it, and by no destroyed one', () => {
    assert.deepEqual(regionUsers(config, 'a', hosting('r1', 'r2')), ['r1', 'r2']);
    assert.deepEqual(regionUsers(config, 'a', hosting('r2')), ['r2']);
    assert.deepEqual(regionUsers(config, 'b', hosting('r1')), []);
  });

  it('the profile lists only the regions and senders hosted now', () => {
    const hosted = hostedConfig(config, hosting('r2'), senders('b'));
    assert.deepEqual(
      hosted.regions.map((r) => r.name),
      ['r2'],
    );
    assert.deepEqual(
      hosted.senders.map((s) => s.id),
      ['b'],
    );
  });

  it('creates again only what the configuration defines and the member does not host', () => {
    assert.equal(definedRegion(config, 'r1', hosting('r2')).name, 'r1');
    assert.equal(
      code(() => definedRegion(config, 'r1', hosting('r1'))),
      'WAN_ERR_REGION_EXISTS',
    );
    assert.equal(
      code(() => definedRegion(config, 'nope', hosting())),
      'WAN_ERR_REGION_UNKNOWN',
    );
    assert.equal(definedSender(config, 'b', senders('a')).id, 'b');
    assert.equal(
      code(() => definedSender(config, 'b', senders('b'))),
      'WAN_ERR_SENDER_EXISTS',
    );
    assert.equal(
      code(() => definedSender(config, 'x', senders())),
      'WAN_ERR_SENDER_UNKNOWN',
    );
  });
});
