import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Type } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import { describeSchemaErrors } from './schema-errors.js';

const ajv = new Ajv({ allErrors: true, strict: false });

function linesOf(schema: object, value: unknown): string[] {
  const validate = ajv.compile(schema);
  assert.equal(validate(value), false);
  return describeSchemaErrors(validate.errors ?? []);
}

test('a union of literals names every allowed value in one line', () => {
  const schema = Type.Object({
    orderPolicy: Type.Union([
      Type.Literal('key'),
      Type.Literal('thread'),
      Type.Literal('partition'),
    ]),
  });
  assert.deepEqual(linesOf(schema, { orderPolicy: 'keys' }), [
    '/orderPolicy: must be one of "key", "thread", "partition"',
  ]);
});

test('an enum names every value; other problems keep their own line', () => {
  const schema = {
    type: 'object',
    properties: { level: { enum: ['info', 'warn'] }, size: { type: 'integer', minimum: 1 } },
    additionalProperties: false,
  };
  assert.deepEqual(linesOf(schema, { level: 'loud', size: 0, extra: 1 }), [
    '(root): unknown field "extra"',
    '/level: must be one of "info", "warn"',
    '/size: must be >= 1',
  ]);
});

test('the engine configuration loader uses it (before: "must be equal to constant" four times)', async () => {
  const { validateConfig } = await import('./load-config.js');
  const { MemberConfigSchema } = await import('./member-config.js');
  assert.throws(
    () =>
      validateConfig(
        MemberConfigSchema,
        {
          name: 'm1',
          site: { name: 's1', distributedSystemId: 1 },
          locators: ['127.0.0.1:1'],
          control: { host: '127.0.0.1', port: 0 },
          dataDir: '/tmp/unused',
          regions: [{ name: 'data', type: 'replicate' }],
        },
        'test',
      ),
    (error: Error) =>
      error.message.includes(
        '/regions/0/type: must be one of "replicated", "partitioned", "normal", "preloaded"',
      ) && !error.message.includes('equal to constant'),
  );
});
