import type {
  AppliedRecord,
  ClockRecord,
  ErrorRecord,
  EventIdRecord,
  FinalRecord,
  GapRecord,
  HistoryRecord,
  IncarnationRecord,
  Phase,
  ReceivedRecord,
  RunRecord,
  SampleRecord,
  StatsRecord,
  TargetRecord,
  VersionRecord,
} from './records.js';

export type Outcome = 'ok' | 'fail' | 'unknown';

/** A workload operation: its invocation joined with its completion. */
export interface Operation {
  op: number;
  writer: number;
  site: string;
  member: string;
  f: 'put' | 'destroy';
  key: string;
  value?: string;
  /** Set on the writes of one transaction (the transaction's op number). */
  transaction?: number;
  invokeWallMs: number;
  /** An operation the history never completed counts as unknown. */
  outcome: Outcome;
  completeWallMs?: number;
  version?: VersionRecord;
  eventId?: EventIdRecord;
  error?: string;
}

/** A fault from the moment it was requested to the moment it was healed. */
export interface FaultWindow {
  id: number;
  kind: string;
  target: TargetRecord;
  stream?: string;
  params: Record<string, number>;
  requestedWallMs: number;
  /** In effect from here... */
  startWallMs: number;
  /** The heal was asked for here... */
  healRequestedWallMs: number;
  /** ...and done here (both the end of the run if it was never healed). */
  endWallMs: number;
  healed: boolean;
}

/** Everything a run recorded, grouped for the checkers. */
export interface History {
  run: RunRecord;
  ops: Operation[];
  applied: AppliedRecord[];
  /** What receivers got, applied or not (from engines that keep receipts). */
  received: ReceivedRecord[];
  faults: FaultWindow[];
  clocks: ClockRecord[];
  samples: SampleRecord[];
  incarnations: IncarnationRecord[];
  gaps: GapRecord[];
  phases: Partial<Record<Phase, number>>;
  finals: FinalRecord[];
  stats: StatsRecord[];
  errors: ErrorRecord[];
  endWallMs: number;
}

/** Why a list of records is not a complete, consistent history; `line` counts from 1. */
export class HistoryShapeError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

/** Groups the records of one history (records[i] is line i + 1). Throws HistoryShapeError. */
export function buildHistory(records: readonly HistoryRecord[]): History {
  const first = records[0];
  if (!first || first.type !== 'run')
    throw new HistoryShapeError(1, 'the first line is not the run header');
  const last = records[records.length - 1]!;
  if (last.type !== 'end')
    throw new HistoryShapeError(
      records.length,
      `the history is truncated: line ${records.length} is a "${last.type}" record, not the final "end" record`,
    );
  const builder = new Builder(first);
  records.forEach((record, index) => {
    if (index === 0) return;
    if (index === records.length - 1) return;
    builder.add(record, index + 1);
  });
  return builder.finish(last.wallMs);
}

class Builder {
  readonly #history: Omit<History, 'endWallMs'>;
  /** The writes of each operation: one, or a transaction's several. */
  readonly #ops = new Map<number, Operation[]>();
  readonly #faults = new Map<number, FaultWindow>();

  constructor(run: RunRecord) {
    this.#history = {
      run,
      ops: [],
      applied: [],
      received: [],
      faults: [],
      clocks: [],
      samples: [],
      incarnations: [],
      gaps: [],
      phases: {},
      finals: [],
      stats: [],
      errors: [],
    };
  }

  add(record: HistoryRecord, line: number): void {
    const h = this.#history;
    switch (record.type) {
      case 'run':
        throw new HistoryShapeError(line, 'a second run header');
      case 'end':
        throw new HistoryShapeError(line, 'an "end" record before the last line');
      case 'invoke': {
        if (this.#ops.has(record.op))
          throw new HistoryShapeError(line, `operation ${record.op} invoked twice`);
        const ops = operationsOf(record);
        this.#ops.set(record.op, ops);
        h.ops.push(...ops);
        return;
      }
      case 'ok':
      case 'fail':
      case 'unknown':
        return this.#complete(record, line);
      case 'applied':
        h.applied.push(record);
        return;
      case 'received':
        h.received.push(record);
        return;
      case 'fault-start': {
        if (this.#faults.has(record.fault))
          throw new HistoryShapeError(line, `fault ${record.fault} started twice`);
        const window: FaultWindow = {
          id: record.fault,
          kind: record.kind,
          target: record.target,
          ...(record.stream ? { stream: record.stream } : {}),
          params: record.params,
          requestedWallMs: record.requestedWallMs,
          startWallMs: record.wallMs,
          healRequestedWallMs: Number.POSITIVE_INFINITY,
          endWallMs: Number.POSITIVE_INFINITY,
          healed: false,
        };
        this.#faults.set(record.fault, window);
        h.faults.push(window);
        return;
      }
      case 'fault-end': {
        const window = this.#faults.get(record.fault);
        if (!window)
          throw new HistoryShapeError(line, `fault ${record.fault} ends without having started`);
        window.healRequestedWallMs = record.requestedWallMs;
        window.endWallMs = record.wallMs;
        window.healed = record.outcome === 'healed';
        return;
      }
      case 'clock':
        h.clocks.push(record);
        return;
      case 'sample':
        h.samples.push(record);
        return;
      case 'incarnation':
        h.incarnations.push(record);
        return;
      case 'gap':
        h.gaps.push(record);
        return;
      case 'phase':
        h.phases[record.phase] = record.wallMs;
        return;
      case 'final':
        h.finals.push(record);
        return;
      case 'stats':
        h.stats.push(record);
        return;
      case 'error':
        h.errors.push(record);
        return;
    }
  }

  #complete(
    record: Extract<HistoryRecord, { type: 'ok' | 'fail' | 'unknown' }>,
    line: number,
  ): void {
    const ops = this.#ops.get(record.op);
    if (!ops)
      throw new HistoryShapeError(line, `operation ${record.op} completes without an invocation`);
    if (ops[0]!.completeWallMs !== undefined)
      throw new HistoryShapeError(line, `operation ${record.op} completes twice`);
    for (const op of ops) {
      op.outcome = record.type;
      op.completeWallMs = record.wallMs;
      if (record.error) op.error = record.error;
      const written = record.writes?.find((w) => w.key === op.key);
      const version = written?.version ?? (ops.length === 1 ? record.version : undefined);
      const eventId = written?.eventId ?? (ops.length === 1 ? record.eventId : undefined);
      if (version) op.version = version;
      if (eventId) op.eventId = eventId;
    }
  }

  finish(endWallMs: number): History {
    for (const window of this.#history.faults) {
      if (!Number.isFinite(window.endWallMs)) window.endWallMs = endWallMs;
      if (!Number.isFinite(window.healRequestedWallMs)) window.healRequestedWallMs = endWallMs;
    }
    return { ...this.#history, endWallMs };
  }
}

/** A put or destroy is one write; a transaction is one write per key, all of one outcome. */
function operationsOf(record: Extract<HistoryRecord, { type: 'invoke' }>): Operation[] {
  const { type: _type, wallMs, f, writes, ...rest } = record;
  if (f !== 'transaction') return [{ ...rest, f, invokeWallMs: wallMs, outcome: 'unknown' }];
  return (writes ?? []).map((w) => ({
    op: record.op,
    writer: record.writer,
    site: record.site,
    member: record.member,
    f: 'put',
    key: w.key,
    value: w.value,
    transaction: record.op,
    invokeWallMs: wallMs,
    outcome: 'unknown',
  }));
}
