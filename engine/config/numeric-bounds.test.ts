import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unboundedNumbers } from '../../contract/schema-bounds.js';
import { LocatorConfigSchema } from './locator-config.js';
import { MemberConfigSchema } from './member-config.js';

test('every number of a member or locator configuration is bounded on both sides', () => {
  assert.deepEqual(unboundedNumbers(MemberConfigSchema, 'member'), []);
  assert.deepEqual(unboundedNumbers(LocatorConfigSchema, 'locator'), []);
});
