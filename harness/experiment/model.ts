import type { Topology } from '../topology/model.js';
import type { CheckerName } from './experiment-schema.js';

/** Both ends included. */
export interface Range {
  min: number;
  max: number;
}

export type LinkFaultKind =
  | 'link-down'
  | 'blackhole'
  | 'reset-peer'
  | 'latency'
  | 'bandwidth'
  | 'slicer'
  | 'limit-data'
  | 'slow-close';
export type MemberFaultKind = 'member-kill' | 'member-stop' | 'member-freeze';
export type ProductFaultKind = 'sender-pause' | 'sender-stop' | 'receiver-stop' | 'rebalance';
export type FaultKind =
  LinkFaultKind | MemberFaultKind | ProductFaultKind | 'partition-site' | 'clock-skew';

export const LINK_FAULT_KINDS: readonly LinkFaultKind[] = [
  'link-down',
  'blackhole',
  'reset-peer',
  'latency',
  'bandwidth',
  'slicer',
  'limit-data',
  'slow-close',
];
export const MEMBER_FAULT_KINDS: readonly MemberFaultKind[] = [
  'member-kill',
  'member-stop',
  'member-freeze',
];

/** What one fault acts on. */
export type FaultTarget =
  | { type: 'link'; link: string }
  | { type: 'site'; site: string }
  | { type: 'member'; member: string }
  | { type: 'sender'; member: string; sender: string };

export type ToxicStream = 'upstream' | 'downstream';

/** A fault as the experiment describes it, with its targets resolved against the topology. */
export interface FaultTemplate {
  kind: FaultKind;
  weight: number;
  durationMs: Range;
  /** Every target it may hit; one is drawn per fault. */
  targets: FaultTarget[];
  /** Toxics only: the streams it may act on; one is drawn per fault. */
  streams: ToxicStream[];
  /** Numeric parameters (latencyMs, bytes, offsetMs...), each drawn from its range. */
  params: Record<string, Range>;
}

export interface ScheduledTemplate {
  atMs: number;
  fault: FaultTemplate;
}

export interface NemesisSettings {
  startAfterMs: Range;
  gapMs: Range;
  concurrency: number;
  faults: FaultTemplate[];
  schedule: ScheduledTemplate[];
}

export interface WorkloadSettings {
  region: string;
  sites: string[];
  keys: number;
  keyPrefix: string;
  valueBytes: number;
  ratePerS: number;
  concurrency: number;
  mix: { put: number; destroy: number; transaction: number };
  opTimeoutMs: number;
}

export interface CheckerSetting {
  name: CheckerName;
  maxP99Ms?: number;
  maxTimeToConvergeMs?: number;
}

/** An experiment after validation, with every default filled in and its topology loaded. */
export interface Experiment {
  name: string;
  description: string;
  source: string;
  /** The source text, stored with each run. */
  text: string;
  topology: Topology;
  timeLimitMs: number;
  recoveryTimeoutMs: number;
  workload: WorkloadSettings;
  nemesis: NemesisSettings;
  checkers: CheckerSetting[];
}

export function describeTarget(target: FaultTarget): string {
  switch (target.type) {
    case 'link':
      return target.link;
    case 'site':
      return target.site;
    case 'member':
      return target.member;
    case 'sender':
      return `${target.member}/${target.sender}`;
  }
}
