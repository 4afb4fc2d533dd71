import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CLOCK_OFFSET_LIMIT_MS, TIMER_LIMIT_MS } from '../../contract/index.js';

/**
 * An experiment file (experiments/*.yaml), as users write it: a topology, a workload, a fault
 * schedule and the checkers that judge the run. Defaults are filled in by
 * resolve-experiment.ts; every field is described in docs/chaos.md.
 */
const Name = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_-]*$' });

/** Every duration (ms) and size below this: durations become timers, which overflow above. */
const MAX_SETTING = TIMER_LIMIT_MS - 1;
/** A fault's weight or an operation's share, relative to the others. */
const Weight = (exclusive: boolean) =>
  Type.Number({ ...(exclusive ? { exclusiveMinimum: 0 } : { minimum: 0 }), maximum: 1_000_000 });

/** A fixed integer or a range drawn from (both ends included) with the run's seed. */
function range(bounds: { minimum: number; maximum: number }) {
  const bound = Type.Integer(bounds);
  return Type.Union([
    bound,
    Type.Object({ min: bound, max: bound }, { additionalProperties: false }),
  ]);
}
export type RangeSpec = number | { min: number; max: number };

const NonNegative = range({ minimum: 0, maximum: MAX_SETTING });
const Positive = range({ minimum: 1, maximum: MAX_SETTING });
const LinkName = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]*->[A-Za-z][A-Za-z0-9_-]*$' });
const Stream = Type.Union([Type.Literal('upstream'), Type.Literal('downstream')]);

/** Fields every fault shares: how likely (random mode) and how long. */
const common = {
  weight: Type.Optional(Weight(true)),
  durationMs: Type.Optional(Positive),
};
const linkTargets = { links: Type.Optional(Type.Array(LinkName, { minItems: 1 })) };
const toxicTargets = {
  ...linkTargets,
  streams: Type.Optional(Type.Array(Stream, { minItems: 1 })),
};
const memberTargets = { members: Type.Optional(Type.Array(Name, { minItems: 1 })) };
const siteTargets = { sites: Type.Optional(Type.Array(Name, { minItems: 1 })) };
const senderTargets = {
  ...memberTargets,
  senders: Type.Optional(
    Type.Array(Type.String({ minLength: 1, pattern: '^[A-Za-z0-9_.-]+$' }), { minItems: 1 }),
  ),
};

function fault<K extends string, P extends Record<string, TSchema>>(kind: K, fields: P) {
  return Type.Object(
    { kind: Type.Literal(kind), ...common, ...fields },
    { additionalProperties: false },
  );
}

const FaultUnion = Type.Union([
  fault('link-down', linkTargets),
  fault('blackhole', { ...toxicTargets, timeoutMs: Type.Optional(NonNegative) }),
  fault('reset-peer', { ...toxicTargets, timeoutMs: Type.Optional(NonNegative) }),
  fault('latency', {
    ...toxicTargets,
    latencyMs: NonNegative,
    jitterMs: Type.Optional(NonNegative),
  }),
  fault('bandwidth', { ...toxicTargets, rateKbPerS: NonNegative }),
  fault('slicer', {
    ...toxicTargets,
    averageSizeBytes: Positive,
    sizeVariationBytes: Type.Optional(NonNegative),
    delayUs: Type.Optional(NonNegative),
  }),
  fault('limit-data', { ...toxicTargets, bytes: Positive }),
  fault('slow-close', { ...toxicTargets, delayMs: NonNegative }),
  fault('partition-site', siteTargets),
  fault('member-kill', memberTargets),
  fault('member-stop', memberTargets),
  fault('member-freeze', memberTargets),
  fault('clock-skew', {
    ...siteTargets,
    offsetMs: range({ minimum: -CLOCK_OFFSET_LIMIT_MS, maximum: CLOCK_OFFSET_LIMIT_MS }),
  }),
  fault('sender-pause', senderTargets),
  fault('sender-stop', senderTargets),
  fault('receiver-stop', memberTargets),
  fault('rebalance', senderTargets),
]);
export type FaultSpec = Static<typeof FaultUnion>;

/**
 * One of the fault kinds, told apart by `kind` (ajv's discriminator), so a mistake is
 * reported against the kind the user meant, not against every kind there is.
 */
export const FaultSpecSchema = Type.Unsafe<FaultSpec>({
  type: 'object',
  required: ['kind'],
  discriminator: { propertyName: 'kind' },
  oneOf: FaultUnion.anyOf,
});

const ScheduledFaultSchema = Type.Object(
  { atMs: Type.Integer({ minimum: 0, maximum: MAX_SETTING }), fault: FaultSpecSchema },
  { additionalProperties: false },
);

const NemesisSchema = Type.Object(
  {
    /** Random mode: when the first fault may start, the pause between faults, their length. */
    startAfterMs: Type.Optional(NonNegative),
    gapMs: Type.Optional(NonNegative),
    durationMs: Type.Optional(Positive),
    /** How many random faults may be active at once (on different targets). */
    concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 8 })),
    /** Random mode: the faults to draw from, by weight. */
    faults: Type.Optional(Type.Array(FaultSpecSchema)),
    /** Fixed faults at fixed times (ms after the workload starts). */
    schedule: Type.Optional(Type.Array(ScheduledFaultSchema)),
  },
  { additionalProperties: false },
);

const WorkloadSchema = Type.Object(
  {
    region: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
    /** Sites written; default every site. */
    sites: Type.Optional(Type.Array(Name, { minItems: 1 })),
    keys: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    keyPrefix: Type.Optional(
      Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_.-]+$' }),
    ),
    valueBytes: Type.Optional(Type.Integer({ minimum: 8, maximum: 65536 })),
    /** Operations per second over all writers. */
    ratePerS: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100000 })),
    concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 64 })),
    /** Relative weights of the operations. */
    mix: Type.Optional(
      Type.Object(
        {
          put: Type.Optional(Weight(false)),
          destroy: Type.Optional(Weight(false)),
          /** A transaction puts 2 to 4 distinct keys at once (TX-1). */
          transaction: Type.Optional(Weight(false)),
        },
        { additionalProperties: false },
      ),
    ),
    /** An operation without an answer in this time is recorded as unknown. */
    opTimeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 60000 })),
  },
  { additionalProperties: false },
);

export const CHECKER_NAMES = [
  'convergence',
  'no-loss',
  'order',
  'duplicates',
  'conflicts',
  'pause-bound',
  'lag',
] as const;
export type CheckerName = (typeof CHECKER_NAMES)[number];

const CheckerSchema = Type.Union([
  ...CHECKER_NAMES.map((name) => Type.Literal(name)),
  Type.Object(
    {
      name: Type.Literal('lag'),
      /** Fail when the p99 replication lag is above this. */
      maxP99Ms: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SETTING })),
      /** Fail when the sites take longer than this to converge after the final heal. */
      maxTimeToConvergeMs: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SETTING })),
    },
    { additionalProperties: false },
  ),
]);
export type CheckerSpec = Static<typeof CheckerSchema>;

export const ExperimentSchema = Type.Object(
  {
    name: Name,
    description: Type.Optional(Type.String()),
    /** A topology name (topologies/<name>.yaml) or a .yaml path relative to this file. */
    topology: Type.String({ minLength: 1 }),
    timeLimitS: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 86400 })),
    /** After the final heal, how long the sites may take to drain their queues. */
    recoveryTimeoutS: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 3600 })),
    workload: WorkloadSchema,
    nemesis: Type.Optional(NemesisSchema),
    checkers: Type.Optional(Type.Array(CheckerSchema, { minItems: 1 })),
  },
  { additionalProperties: false },
);
export type ExperimentSpec = Static<typeof ExperimentSchema>;
export type WorkloadSpec = ExperimentSpec['workload'];
export type NemesisSpec = NonNullable<ExperimentSpec['nemesis']>;
