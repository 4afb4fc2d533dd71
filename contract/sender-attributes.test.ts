import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { TIMER_LIMIT_MS } from './limits.js';
import {
  ALTERABLE_SENDER_ATTRIBUTES,
  SENDER_ATTRIBUTE_NAMES,
  SENDER_ATTRIBUTES,
  SENDER_DEFAULTS,
  SenderAlterationSchema,
  SenderAttributesSpecSchema,
  SenderDefinitionSchema,
} from './sender-attributes.js';

interface Declared {
  type: string;
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}

const declared = (name: string): Declared => SENDER_ATTRIBUTES[name as 'batchSize'] as Declared;

test('every attribute is declared with a default, a description and, if a number, bounds', () => {
  for (const name of SENDER_ATTRIBUTE_NAMES) {
    const schema = declared(name);
    assert.notEqual(schema.default, undefined, `${name} has a default`);
    assert.ok((schema.description ?? '').length > 20, `${name} says what it means`);
    if (schema.type === 'integer' || schema.type === 'number') {
      assert.ok(schema.minimum !== undefined || schema.exclusiveMinimum !== undefined, name);
      assert.ok(schema.maximum !== undefined, `${name} has an upper bound`);
    }
  }
  assert.equal(SENDER_DEFAULTS.batchSize, 100);
  assert.equal(SENDER_DEFAULTS.dispatcherThreads, 5);
  assert.equal(SENDER_DEFAULTS.orderPolicy, 'key');
});

test('a duration or size says its unit in its name', () => {
  for (const name of SENDER_ATTRIBUTE_NAMES) {
    const schema = declared(name);
    const numeric = schema.type === 'integer' || schema.type === 'number';
    const counts = ['batchSize', 'dispatcherThreads'].includes(name);
    if (numeric && !counts) assert.match(name, /(Ms|S|Mb)$/, `${name} names its unit`);
  }
});

test('no attribute that ends in a timer can overflow one (Node fires at once past 2^31-1 ms)', () => {
  for (const name of SENDER_ATTRIBUTE_NAMES) {
    const { maximum } = declared(name);
    if (name.endsWith('Ms') && name !== 'alertThresholdMs')
      assert.ok(maximum! < TIMER_LIMIT_MS, name);
    if (name.endsWith('S')) assert.ok(maximum! * 1000 < TIMER_LIMIT_MS, name);
  }
});

test('the member configuration fills every default, and refuses what is out of bounds', () => {
  const validate = new Ajv({ useDefaults: true, strict: false }).compile(SenderDefinitionSchema);
  const sender: Record<string, unknown> = { id: 's', remoteDistributedSystemId: 2 };
  assert.ok(validate(sender), JSON.stringify(validate.errors));
  assert.deepEqual(sender, { id: 's', remoteDistributedSystemId: 2, ...SENDER_DEFAULTS });
  for (const [name, value] of [
    ['batchTimeIntervalMs', TIMER_LIMIT_MS],
    ['dispatcherThreads', 0],
    ['dispatcherThreads', 10000],
    ['maximumQueueMemoryMb', 0],
    ['maximumQueueMemoryMb', 1e9],
    ['maximumShutdownWaitS', -2],
    ['batchSize', 1e9],
  ] as const) {
    assert.equal(
      validate({ id: 's', remoteDistributedSystemId: 2, [name]: value }),
      false,
      `${name} ${value}`,
    );
  }
});

test('a topology states any attribute and gets no default filled in', () => {
  const validate = new Ajv({ useDefaults: true, strict: false }).compile(
    SenderAttributesSpecSchema,
  );
  const spec: Record<string, unknown> = { batchSize: 10 };
  assert.ok(validate(spec));
  assert.deepEqual(spec, { batchSize: 10 });
  assert.equal(validate({ dispatcherThreads: 65 }), false);
  assert.equal(validate({ noSuchAttribute: 1 }), false);
});

test('PATCH takes one or more alterable attributes, never a default, nothing else', () => {
  const validate = new Ajv({ useDefaults: true, strict: false }).compile(SenderAlterationSchema);
  const change: Record<string, unknown> = { batchSize: 7 };
  assert.ok(validate(change));
  assert.deepEqual(change, { batchSize: 7 }, 'no default slipped in');
  assert.equal(validate({}), false);
  assert.equal(validate({ parallel: true }), false);
  assert.equal(validate({ batchTimeIntervalMs: TIMER_LIMIT_MS }), false);
  assert.deepEqual([...ALTERABLE_SENDER_ATTRIBUTES].sort(), [
    'alertThresholdMs',
    'batchSize',
    'batchTimeIntervalMs',
    'groupTransactionEvents',
  ]);
});
