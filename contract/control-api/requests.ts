import { Type } from '@sinclair/typebox';
import { CLOCK_OFFSET_LIMIT_MS, THREAD_ID_MAX } from '../limits.js';
import { VALUE_BYTES_MAX, VALUE_DEPTH_MAX } from '../value-limits.js';

/** An entry's value: any JSON, within the limits every engine enforces (value-limits.ts). */
export const Value = Type.Unknown({
  description: `any JSON value, at most ${VALUE_DEPTH_MAX} levels of objects and arrays deep and ${VALUE_BYTES_MAX} bytes as JSON (WAN_ERR_VALUE_TOO_DEEP, WAN_ERR_VALUE_TOO_LARGE)`,
});

/** Request schemas: path parameters, query strings and bodies of the control API's routes. */
export const Name = Type.String({ minLength: 1, maxLength: 256 });
export const Key = Type.String({ minLength: 1, maxLength: 4096 });
export const UIntText = Type.String({ pattern: '^[0-9]{1,15}$' });

export const RegionParams = Type.Object({ region: Name });
export const EntryParams = Type.Object({ region: Name, key: Key });
export const SenderParams = Type.Object({ id: Name });

/** The client thread; order policy `thread` keeps one thread's events in order. */
export const Thread = Type.Integer({ minimum: 0, maximum: THREAD_ID_MAX });

export const PutBody = Type.Object(
  {
    value: Value,
    /** The client thread; order policy `thread` keeps one thread's events in order. */
    thread: Type.Optional(Thread),
  },
  { additionalProperties: false, required: ['value'] },
);

export const ThreadQuery = Type.Object(
  { thread: Type.Optional(UIntText) },
  { additionalProperties: false },
);

export const EventsQuery = Type.Object(
  { after: Type.Optional(UIntText), limit: Type.Optional(UIntText) },
  { additionalProperties: false },
);

export const ClockBody = Type.Object(
  {
    offsetMs: Type.Integer({ minimum: -CLOCK_OFFSET_LIMIT_MS, maximum: CLOCK_OFFSET_LIMIT_MS }),
    /** Stops the clock at this wall-clock instant (ms since the epoch); absent: it runs. */
    fixedAtMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 ** 14 })),
  },
  { additionalProperties: false },
);

export const PutAllBody = Type.Object(
  {
    entries: Type.Array(
      Type.Object(
        { key: Key, value: Value },
        { additionalProperties: false, required: ['key', 'value'] },
      ),
      { minItems: 1, maxItems: 100000 },
    ),
    thread: Type.Optional(Thread),
  },
  { additionalProperties: false },
);

export const TRANSACTION_MAX_OPERATIONS = 10_000;

export const TransactionBody = Type.Object(
  {
    operations: Type.Array(
      Type.Union([
        Type.Object(
          { op: Type.Literal('put'), region: Name, key: Key, value: Value },
          { additionalProperties: false, required: ['op', 'region', 'key', 'value'] },
        ),
        Type.Object(
          { op: Type.Literal('destroy'), region: Name, key: Key },
          { additionalProperties: false },
        ),
      ]),
      { minItems: 1, maxItems: TRANSACTION_MAX_OPERATIONS },
    ),
    thread: Type.Optional(Thread),
  },
  { additionalProperties: false },
);
