import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  VALUE_BYTES_MAX,
  VALUE_DEPTH_MAX,
  bodyValueProblem,
  valueDepth,
  valueProblem,
  valuesOfBody,
} from './value-limits.js';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? [value] : { k: value };
  return value;
}

test('depth counts objects and arrays, scalars are 0, and it stops early', () => {
  assert.equal(valueDepth(7), 0);
  assert.equal(valueDepth(null), 0);
  assert.equal(valueDepth({}), 1);
  assert.equal(valueDepth({ a: [1, { b: 2 }], c: 3 }), 3);
  assert.equal(valueDepth(nested(VALUE_DEPTH_MAX)), VALUE_DEPTH_MAX);
  assert.equal(valueDepth(nested(100), 10), 11);
});

test('a value too deep for recursion is measured without a stack overflow', () => {
  assert.equal(valueDepth(nested(200_000)), VALUE_DEPTH_MAX + 1);
  assert.equal(valueProblem(nested(200_000))?.code, 'WAN_ERR_VALUE_TOO_DEEP');
});

test('the limits: 64 levels and 1 MiB of JSON pass; one more level or byte does not', () => {
  assert.equal(valueProblem(nested(VALUE_DEPTH_MAX)), undefined);
  assert.match(valueProblem(nested(VALUE_DEPTH_MAX + 1))!.message, /more than 64 levels/);
  assert.equal(valueProblem('x'.repeat(VALUE_BYTES_MAX - 2)), undefined);
  const large = valueProblem('x'.repeat(VALUE_BYTES_MAX - 1));
  assert.equal(large?.code, 'WAN_ERR_VALUE_TOO_LARGE');
  assert.match(large!.message, /1048577 bytes/);
  assert.equal(valueProblem('é'.repeat(VALUE_BYTES_MAX / 2))?.code, 'WAN_ERR_VALUE_TOO_LARGE');
});

test('the values of a PUT, a putAll and a transaction, each named by where it is', () => {
  assert.deepEqual(valuesOfBody({ value: 1 }), [{ where: 'value', value: 1 }]);
  assert.deepEqual(
    valuesOfBody({
      entries: [
        { key: 'a', value: 1 },
        { key: 'b', value: 2 },
      ],
    }).map((v) => v.where),
    ['entries[0].value', 'entries[1].value'],
  );
  assert.deepEqual(
    valuesOfBody({ operations: [{ op: 'destroy' }, { op: 'put', value: 3 }] }).map((v) => v.where),
    ['operations[1].value'],
  );
  assert.deepEqual(valuesOfBody({ offsetMs: 5 }), []);
  assert.deepEqual(valuesOfBody(undefined), []);
  const problem = bodyValueProblem({ entries: [{ value: 1 }, { value: nested(65) }] });
  assert.match(problem!.message, /^entries\[1\]\.value nests/);
});
