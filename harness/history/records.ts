import { Type, type Static } from '@sinclair/typebox';

/**
 * One line of a run's history.ndjson. The first line is the `run` header, the last the `end`
 * record; a history without both is incomplete and is never judged. Every time is wall-clock
 * ms on the harness host (`wallMs`), except the engine's own `appliedAtMs`/`createdAtMs`,
 * which are on the member's (possibly skewed) clock: `clock` records say by how much.
 */
export const HISTORY_FORMAT_VERSION = 1;

const Version = Type.Object(
  {
    timestamp: Type.Number(),
    dsid: Type.Integer(),
    member: Type.String(),
    entryVersion: Type.Integer(),
  },
  { additionalProperties: true },
);
export type VersionRecord = Static<typeof Version>;

const EventIdSchema = Type.Object(
  { member: Type.String(), thread: Type.Integer(), seq: Type.Integer() },
  { additionalProperties: true },
);
export type EventIdRecord = Static<typeof EventIdSchema>;

const Json = Type.Unknown();

const SenderInfo = Type.Object({
  id: Type.String(),
  remoteSiteId: Type.Integer(),
  parallel: Type.Boolean(),
  batchSize: Type.Integer(),
  dispatcherThreads: Type.Integer(),
  orderPolicy: Type.String(),
  batchConflation: Type.Boolean(),
});
export type SenderInfo = Static<typeof SenderInfo>;

const SiteInfo = Type.Object({
  name: Type.String(),
  id: Type.Integer(),
  clockOffsetMs: Type.Number(),
  /** Whether the site defines the workload's region (only those are judged). */
  hasRegion: Type.Boolean(),
  members: Type.Array(
    Type.Object({
      name: Type.String(),
      hasReceiver: Type.Boolean(),
      senders: Type.Array(Type.String()),
    }),
  ),
  senders: Type.Array(SenderInfo),
});
export type SiteInfo = Static<typeof SiteInfo>;

const Target = Type.Union([
  Type.Object({
    type: Type.Literal('link'),
    link: Type.String(),
    fromSite: Type.String(),
    toSite: Type.String(),
  }),
  Type.Object({ type: Type.Literal('site'), site: Type.String() }),
  Type.Object({ type: Type.Literal('member'), member: Type.String(), site: Type.String() }),
  Type.Object({
    type: Type.Literal('sender'),
    member: Type.String(),
    sender: Type.String(),
    site: Type.String(),
  }),
]);
export type TargetRecord = Static<typeof Target>;

const PlannedFaultSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  target: Type.String(),
  stream: Type.Optional(Type.String()),
  params: Type.Record(Type.String(), Type.Number()),
  startMs: Type.Number(),
  durationMs: Type.Number(),
});

const CheckerSettingSchema = Type.Object({
  name: Type.String(),
  maxP99Ms: Type.Optional(Type.Number()),
  maxTimeToConvergeMs: Type.Optional(Type.Number()),
});

export const RunRecordSchema = Type.Object({
  type: Type.Literal('run'),
  format: Type.Literal(HISTORY_FORMAT_VERSION),
  experiment: Type.String(),
  topology: Type.String(),
  seed: Type.Integer(),
  wallMs: Type.Number(),
  timeLimitMs: Type.Number(),
  region: Type.String(),
  /** What the checkers assume: the default WAN rule (CONS-4) unless a region has a resolver. */
  conflictRule: Type.String(),
  sites: Type.Array(SiteInfo),
  checkers: Type.Array(CheckerSettingSchema),
  /**
   * Checkers the engine cannot feed (it lacks a capability they judge through): judged n/a,
   * never run. Absent in histories written before engines could lack them.
   */
  notApplicable: Type.Optional(
    Type.Array(
      Type.Object({
        checker: Type.String(),
        engine: Type.String(),
        missing: Type.Array(Type.String()),
      }),
    ),
  ),
  schedule: Type.Array(PlannedFaultSchema),
});

const InvokeRecord = Type.Object({
  type: Type.Literal('invoke'),
  op: Type.Integer({ minimum: 1 }),
  writer: Type.Integer(),
  site: Type.String(),
  member: Type.String(),
  f: Type.Union([Type.Literal('put'), Type.Literal('destroy'), Type.Literal('transaction')]),
  /** The key written; for a transaction, its first. */
  key: Type.String(),
  value: Type.Optional(Type.String()),
  /** A transaction's puts, all applied or none (TX-1). */
  writes: Type.Optional(Type.Array(Type.Object({ key: Type.String(), value: Type.String() }))),
  wallMs: Type.Number(),
});

const CompletionRecord = Type.Object({
  type: Type.Union([Type.Literal('ok'), Type.Literal('fail'), Type.Literal('unknown')]),
  op: Type.Integer({ minimum: 1 }),
  wallMs: Type.Number(),
  version: Type.Optional(Version),
  eventId: Type.Optional(EventIdSchema),
  /** A transaction's versions, one per key. */
  writes: Type.Optional(
    Type.Array(Type.Object({ key: Type.String(), version: Version, eventId: EventIdSchema })),
  ),
  error: Type.Optional(Type.String()),
});

const AppliedEventSchema = Type.Object(
  {
    region: Type.String(),
    key: Type.String(),
    op: Type.String(),
    value: Type.Optional(Json),
    version: Version,
    id: EventIdSchema,
    originDsid: Type.Integer(),
    possibleDuplicate: Type.Boolean(),
    createdAtMs: Type.Number(),
  },
  { additionalProperties: true },
);

const AppliedRecord = Type.Object({
  type: Type.Literal('applied'),
  site: Type.String(),
  member: Type.String(),
  uid: Type.String(),
  seq: Type.Integer(),
  appliedAtMs: Type.Number(),
  source: Type.String(),
  fromDsid: Type.Optional(Type.Integer()),
  event: AppliedEventSchema,
  wallMs: Type.Number(),
});

/** An event a member's gateway receiver got, in arrival order, with its outcome. */
const ReceivedRecord = Type.Object({
  type: Type.Literal('received'),
  site: Type.String(),
  member: Type.String(),
  uid: Type.String(),
  seq: Type.Integer(),
  receivedAtMs: Type.Number(),
  fromDsid: Type.Integer(),
  outcome: Type.String(),
  event: AppliedEventSchema,
  wallMs: Type.Number(),
});

const FaultStartRecord = Type.Object({
  type: Type.Literal('fault-start'),
  fault: Type.Integer(),
  kind: Type.String(),
  target: Target,
  stream: Type.Optional(Type.String()),
  params: Type.Record(Type.String(), Type.Number()),
  /** When the harness asked for it; `wallMs` is when it was in effect. */
  requestedWallMs: Type.Number(),
  wallMs: Type.Number(),
});

const FaultEndRecord = Type.Object({
  type: Type.Literal('fault-end'),
  fault: Type.Integer(),
  /** When the harness asked for the heal; `wallMs` is when it was done. */
  requestedWallMs: Type.Number(),
  outcome: Type.Union([Type.Literal('healed'), Type.Literal('failed')]),
  error: Type.Optional(Type.String()),
  wallMs: Type.Number(),
});

const ClockRecord = Type.Object({
  type: Type.Literal('clock'),
  site: Type.String(),
  offsetMs: Type.Number(),
  wallMs: Type.Number(),
});

const SampleRecord = Type.Object({
  type: Type.Literal('sample'),
  /** Queue size per "member/sender" of every member that answered. */
  queues: Type.Record(Type.String(), Type.Integer()),
  wallMs: Type.Number(),
});

const IncarnationRecord = Type.Object({
  type: Type.Literal('incarnation'),
  member: Type.String(),
  site: Type.String(),
  uid: Type.String(),
  /** The incarnation before, and whether its applied log was read to the end. */
  previousUid: Type.Optional(Type.String()),
  previousComplete: Type.Optional(Type.Boolean()),
  /** Whether the member keeps a receipt log (GET /v1/receipts): `received` records follow. */
  receipts: Type.Optional(Type.Boolean()),
  wallMs: Type.Number(),
});

const GapRecord = Type.Object({
  type: Type.Literal('gap'),
  member: Type.String(),
  uid: Type.String(),
  dropped: Type.Integer(),
  wallMs: Type.Number(),
});

export const PHASES = [
  'workload-start',
  'workload-end',
  'healed',
  'quiescent',
  'not-quiescent',
] as const;
export type Phase = (typeof PHASES)[number];

const PhaseRecord = Type.Object({
  type: Type.Literal('phase'),
  phase: Type.Union(PHASES.map((p) => Type.Literal(p))),
  wallMs: Type.Number(),
});

const FinalRecord = Type.Object({
  type: Type.Literal('final'),
  site: Type.String(),
  member: Type.String(),
  entries: Type.Array(Type.Object({ key: Type.String(), value: Json, version: Version })),
  wallMs: Type.Number(),
});

/** A member's receiver and sender counters at the end of the run (engine statistics). */
const StatsRecord = Type.Object({
  type: Type.Literal('stats'),
  site: Type.String(),
  member: Type.String(),
  receiver: Type.Optional(Type.Record(Type.String(), Type.Number())),
  senders: Type.Record(Type.String(), Type.Record(Type.String(), Type.Number())),
  wallMs: Type.Number(),
});

const ErrorRecord = Type.Object({
  type: Type.Literal('error'),
  /** A harness problem during the run (a fault that could not be applied or healed...). */
  message: Type.String(),
  wallMs: Type.Number(),
});

const EndRecord = Type.Object({ type: Type.Literal('end'), wallMs: Type.Number() });

export const HistoryRecordSchema = Type.Union([
  RunRecordSchema,
  InvokeRecord,
  CompletionRecord,
  AppliedRecord,
  ReceivedRecord,
  FaultStartRecord,
  FaultEndRecord,
  ClockRecord,
  SampleRecord,
  IncarnationRecord,
  GapRecord,
  PhaseRecord,
  FinalRecord,
  StatsRecord,
  ErrorRecord,
  EndRecord,
]);

export type HistoryRecord = Static<typeof HistoryRecordSchema>;
export type RunRecord = Static<typeof RunRecordSchema>;
export type InvokeRecord = Static<typeof InvokeRecord>;
export type CompletionRecord = Static<typeof CompletionRecord>;
export type AppliedRecord = Static<typeof AppliedRecord>;
export type ReceivedRecord = Static<typeof ReceivedRecord>;
export type FaultStartRecord = Static<typeof FaultStartRecord>;
export type FaultEndRecord = Static<typeof FaultEndRecord>;
export type ClockRecord = Static<typeof ClockRecord>;
export type SampleRecord = Static<typeof SampleRecord>;
export type IncarnationRecord = Static<typeof IncarnationRecord>;
export type GapRecord = Static<typeof GapRecord>;
export type PhaseRecord = Static<typeof PhaseRecord>;
export type FinalRecord = Static<typeof FinalRecord>;
export type StatsRecord = Static<typeof StatsRecord>;
export type ErrorRecord = Static<typeof ErrorRecord>;
export type EndRecord = Static<typeof EndRecord>;

/** Records as written: every field but the wall time, which the writer adds. */
export type Unstamped<R> = R extends { wallMs: number }
  ? Omit<R, 'wallMs'> & { wallMs?: number }
  : R;
