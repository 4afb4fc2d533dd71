import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Type } from '@sinclair/typebox';
import { CONTROL_ROUTES } from './control-api/routes.js';
import { ReceiverConfigSchema } from './control-api/receiver-config.js';
import { unboundedNumbers } from './schema-bounds.js';
import { SenderAttributesSchema } from './sender-attributes.js';

test('the walker finds an unbounded number however deep, and passes bounded ones', () => {
  const schema = Type.Object({
    a: Type.Integer({ minimum: 0, maximum: 3 }),
    b: Type.Array(Type.Union([Type.String(), Type.Number({ minimum: 0 })])),
    c: Type.Record(Type.String(), Type.Integer({ exclusiveMinimum: 0, maximum: 9 })),
  });
  assert.deepEqual(unboundedNumbers(schema), ['$.b[]|1']);
});

test('every number a control API request sets is bounded on both sides', () => {
  const unbounded = CONTROL_ROUTES.flatMap((route) =>
    [route.body, route.querystring, route.params].flatMap((schema) =>
      unboundedNumbers(schema, `${route.method} ${route.path}`),
    ),
  );
  assert.deepEqual(unbounded, []);
});

test('every sender attribute and receiver setting is bounded on both sides', () => {
  assert.deepEqual(unboundedNumbers(SenderAttributesSchema), []);
  assert.deepEqual(unboundedNumbers(ReceiverConfigSchema), []);
});
