import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CLOCK_OFFSET_LIMIT_MS, TIMER_LIMIT_MS } from '../../contract/index.js';
import { described } from '../config/described.js';

/**
 * An experiment file (experiments/*.yaml), as users write it: a topology, a workload, a fault
 * schedule and the checkers that judge the run. Defaults are filled in by
 * resolve-experiment.ts; every field is described in docs/chaos.md.
 */
const Name = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_-]*$' });

/** Every duration (ms) and size below this: durations become timers, which overflow above. */
const MAX_SETTING = TIMER_LIMIT_MS - 1;
/** A fault's weight or an operation's share, relative to the others. */
const Weight = (exclusive: boolean, description: string) =>
  Type.Number({
    ...(exclusive ? { exclusiveMinimum: 0 } : { minimum: 0 }),
    maximum: 1_000_000,
    description,
  });

/** A fixed integer or a range drawn from (both ends included) with the run's seed. */
function range(bounds: { minimum: number; maximum: number }, description = '') {
  const bound = Type.Integer(bounds);
  return Type.Union(
    [
      bound,
      Type.Object(
        {
          min: described(bound, 'The smallest value drawn.'),
          max: described(bound, 'The largest value drawn.'),
        },
        { additionalProperties: false },
      ),
    ],
    description ? { description } : {},
  );
}
export type RangeSpec = number | { min: number; max: number };

const NonNegative = range({ minimum: 0, maximum: MAX_SETTING });
const Positive = range({ minimum: 1, maximum: MAX_SETTING });
const LinkName = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]*->[A-Za-z][A-Za-z0-9_-]*$' });
const ms = (text: string): string =>
  `${text}, in ms: a number, or { min, max } drawn with the run's seed.`;
const Stream = Type.Union([Type.Literal('upstream'), Type.Literal('downstream')]);

/** Fields every fault shares: how likely (random mode) and how long. */
const common = {
  weight: Type.Optional(
    Weight(true, 'Random mode: how likely this fault is drawn, relative to the others.'),
  ),
  durationMs: Type.Optional(described(Positive, ms('How long the fault lasts'))),
};
const linkTargets = {
  links: Type.Optional(
    Type.Array(LinkName, {
      minItems: 1,
      description: 'The links it may strike, as `site->site`; default every link.',
    }),
  ),
};
const toxicTargets = {
  ...linkTargets,
  streams: Type.Optional(
    Type.Array(Stream, {
      minItems: 1,
      description: 'The direction it strikes: upstream (to the receiver), downstream, or both.',
    }),
  ),
};
const memberTargets = {
  members: Type.Optional(
    Type.Array(Name, { minItems: 1, description: 'The members it may strike; default all.' }),
  ),
};
const siteTargets = {
  sites: Type.Optional(
    Type.Array(Name, { minItems: 1, description: 'The sites it may strike; default all.' }),
  ),
};
const senderTargets = {
  ...memberTargets,
  senders: Type.Optional(
    Type.Array(Type.String({ minLength: 1, pattern: '^[A-Za-z0-9_.-]+$' }), {
      minItems: 1,
      description: 'The sender ids it may strike; default all.',
    }),
  ),
};

function fault<K extends string, P extends Record<string, TSchema>>(kind: K, fields: P) {
  return Type.Object(
    {
      kind: Type.Literal(kind, { description: 'The fault kind (docs/chaos.md, "Faults").' }),
      ...common,
      ...fields,
    },
    { additionalProperties: false },
  );
}

const toxicTimeout = {
  timeoutMs: Type.Optional(
    described(NonNegative, ms('How long until the proxy closes the connection (0: never)')),
  ),
};

const FaultUnion = Type.Union([
  fault('link-down', linkTargets),
  fault('blackhole', { ...toxicTargets, ...toxicTimeout }),
  fault('reset-peer', { ...toxicTargets, ...toxicTimeout }),
  fault('latency', {
    ...toxicTargets,
    latencyMs: described(NonNegative, ms('Delay added to the data')),
    jitterMs: Type.Optional(described(NonNegative, ms('Random variation of the delay'))),
  }),
  fault('bandwidth', {
    ...toxicTargets,
    rateKbPerS: described(NonNegative, "The link's rate in KB/s: a number, or { min, max }."),
  }),
  fault('slicer', {
    ...toxicTargets,
    averageSizeBytes: described(Positive, 'The average size of the slices, in bytes.'),
    sizeVariationBytes: Type.Optional(
      described(NonNegative, 'How much a slice size varies, in bytes.'),
    ),
    delayUs: Type.Optional(described(NonNegative, 'Delay between slices, in microseconds.')),
  }),
  fault('limit-data', {
    ...toxicTargets,
    bytes: described(Positive, 'The connection is closed after this many bytes.'),
  }),
  fault('slow-close', {
    ...toxicTargets,
    delayMs: described(NonNegative, ms('How long closing a connection is delayed')),
  }),
  fault('partition-site', siteTargets),
  fault('member-kill', memberTargets),
  fault('member-stop', memberTargets),
  fault('member-freeze', memberTargets),
  fault('clock-skew', {
    ...siteTargets,
    offsetMs: range(
      { minimum: -CLOCK_OFFSET_LIMIT_MS, maximum: CLOCK_OFFSET_LIMIT_MS },
      ms("Added to the site's members' clocks"),
    ),
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
  {
    atMs: Type.Integer({
      minimum: 0,
      maximum: MAX_SETTING,
      description: 'When the fault starts, in ms after the workload starts.',
    }),
    fault: described(FaultSpecSchema, 'The fault, as in `faults`.'),
  },
  { additionalProperties: false },
);

const NemesisSchema = Type.Object(
  {
    /** Random mode: when the first fault may start, the pause between faults, their length. */
    startAfterMs: Type.Optional(
      described(NonNegative, ms('Random mode: when the first fault may start')),
    ),
    gapMs: Type.Optional(described(NonNegative, ms('Random mode: the pause between faults'))),
    durationMs: Type.Optional(
      described(Positive, ms("Random mode: a fault's length, unless the fault sets its own")),
    ),
    /** How many random faults may be active at once (on different targets). */
    concurrency: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 8,
        description: 'How many random faults may be active at once (on different targets).',
      }),
    ),
    /** Random mode: the faults to draw from, by weight. */
    faults: Type.Optional(
      Type.Array(FaultSpecSchema, {
        description: 'Random mode: the faults to draw from, by weight.',
      }),
    ),
    /** Fixed faults at fixed times (ms after the workload starts). */
    schedule: Type.Optional(
      Type.Array(ScheduledFaultSchema, {
        description: 'Fixed faults at fixed times (ms after the workload starts).',
      }),
    ),
  },
  { additionalProperties: false, description: 'The faults: drawn at random, or scheduled.' },
);

const WorkloadSchema = Type.Object(
  {
    region: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[A-Za-z0-9_.-]+$',
      description: 'The region written (a region of the topology).',
    }),
    /** Sites written; default every site. */
    sites: Type.Optional(
      Type.Array(Name, { minItems: 1, description: 'The sites written; default every site.' }),
    ),
    keys: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'How many distinct keys.' }),
    ),
    keyPrefix: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 32,
        pattern: '^[A-Za-z0-9_.-]+$',
        description: 'The prefix of every key written.',
      }),
    ),
    valueBytes: Type.Optional(
      Type.Integer({
        minimum: 8,
        maximum: 65536,
        description: 'The size of each value, in bytes.',
      }),
    ),
    /** Operations per second over all writers. */
    ratePerS: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 100000,
        description: 'Operations per second over all writers.',
      }),
    ),
    concurrency: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 64, description: 'How many writers at once.' }),
    ),
    /** Relative weights of the operations. */
    mix: Type.Optional(
      Type.Object(
        {
          put: Type.Optional(Weight(false, 'The share of puts.')),
          destroy: Type.Optional(Weight(false, 'The share of destroys.')),
          /** A transaction puts 2 to 4 distinct keys at once (TX-1). */
          transaction: Type.Optional(
            Weight(false, 'The share of transactions: 2 to 4 distinct keys put at once (TX-1).'),
          ),
        },
        { additionalProperties: false, description: 'Relative weights of the operations.' },
      ),
    ),
    /** An operation without an answer in this time is recorded as unknown. */
    opTimeoutMs: Type.Optional(
      Type.Integer({
        minimum: 100,
        maximum: 60000,
        description: 'An operation without an answer in this time is recorded as unknown.',
      }),
    ),
  },
  { additionalProperties: false, description: 'What the clients write during the run.' },
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
      name: Type.Literal('lag', { description: 'The lag checker, with limits.' }),
      /** Fail when the p99 replication lag is above this. */
      maxP99Ms: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: MAX_SETTING,
          description: 'Fail when the p99 replication lag is above this.',
        }),
      ),
      /** Fail when the sites take longer than this to converge after the final heal. */
      maxTimeToConvergeMs: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: MAX_SETTING,
          description:
            'Fail when the sites take longer than this to converge after the final heal.',
        }),
      ),
    },
    { additionalProperties: false },
  ),
]);
export type CheckerSpec = Static<typeof CheckerSchema>;

export const ExperimentSchema = Type.Object(
  {
    name: described(Name, 'The experiment name (`wanlab chaos <name>`).'),
    description: Type.Optional(Type.String({ description: 'What the experiment is for.' })),
    /** A topology name (topologies/<name>.yaml) or a .yaml path relative to this file. */
    topology: Type.String({
      minLength: 1,
      description:
        'A topology name (topologies/<name>.yaml) or a .yaml path relative to this file.',
    }),
    timeLimitS: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 86400,
        description: 'How long the workload and the faults run, in s (--time-limit overrides it).',
      }),
    ),
    /** After the final heal, how long the sites may take to drain their queues. */
    recoveryTimeoutS: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 3600,
        description:
          'After the final heal, how long the sites may take to drain their queues, in s.',
      }),
    ),
    workload: WorkloadSchema,
    nemesis: Type.Optional(NemesisSchema),
    checkers: Type.Optional(
      Type.Array(CheckerSchema, {
        minItems: 1,
        description:
          'The checkers that judge the history; default convergence, no-loss, order, duplicates and lag, with conflicts when several sites write and pause-bound with sender-pause faults.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ExperimentSpec = Static<typeof ExperimentSchema>;
export type WorkloadSpec = ExperimentSpec['workload'];
export type NemesisSpec = NonNullable<ExperimentSpec['nemesis']>;
