import { errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import {
  planTable,
  sameAssignments,
  type BucketTable,
  type HeldCopies,
  type MemberKey,
  type PlacementPolicy,
} from './bucket-table.js';
import type { HeldReply } from './bucket-messages.js';

export interface CoordinatorDeps {
  region: string;
  policy: PlacementPolicy;
  self: () => MemberKey;
  /** Hosts of the region, oldest first (this member included). */
  hosts: () => MemberKey[];
  /**
   * Members that may host it: the hosts plus members whose profile is not known yet. A member
   * coordinates only if it is the oldest of these, so one that just joined never plans alone.
   */
  candidates: () => MemberKey[];
  /** This member's own account and table. */
  local: () => HeldReply;
  ask: (host: MemberKey) => Promise<HeldReply>;
  publish: (host: MemberKey, table: BucketTable) => Promise<void>;
  apply: (table: BucketTable) => void;
  logger: Logger;
}

/** A safety net: plan again this often even when nothing seems to have changed. */
const ROUND_INTERVAL_MS = 2000;

/**
 * Runs on the oldest host of a region: before each plan it asks every host what it holds and
 * which table it follows (so a new coordinator starts from the latest table anyone has),
 * plans, and publishes a new version when anything changed. Rounds never overlap; requests
 * made during a round cause one more round.
 */
export class TableCoordinator {
  readonly #deps: CoordinatorDeps;
  #running: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(deps: CoordinatorDeps) {
    this.#deps = deps;
  }

  get isCoordinator(): boolean {
    return this.#deps.candidates()[0] === this.#deps.self();
  }

  start(): void {
    this.#timer = setInterval(() => this.request(), ROUND_INTERVAL_MS);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Plans again soon if this member is the coordinator. */
  request(): void {
    if (!this.isCoordinator) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#round()
      .catch((error: unknown) =>
        this.#deps.logger.warn(
          { region: this.#deps.region, err: errorMessage(error) },
          'bucket plan failed',
        ),
      )
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          this.request();
        }
      });
  }

  async #round(): Promise<void> {
    const deps = this.#deps;
    const self = deps.self();
    if (!this.isCoordinator) return;
    const hosts = deps.hosts();
    const reports = new Map<MemberKey, HeldReply>([[self, deps.local()]]);
    await Promise.all(
      hosts
        .filter((h) => h !== self)
        .map((host) =>
          deps.ask(host).then(
            (reply) => void reports.set(host, reply),
            () => undefined,
          ),
        ),
    );
    const base = latest([...reports.values()].map((r) => r.table));
    const held = new Map<MemberKey, HeldCopies>(
      [...reports].map(([host, r]) => [host, { ready: r.ready, initializing: r.initializing }]),
    );
    const buckets = planTable(base?.buckets, hosts, held, deps.policy);
    if (base && base.coordinator === self && sameAssignments(buckets, base.buckets)) return;
    const table: BucketTable = { version: (base?.version ?? 0) + 1, coordinator: self, buckets };
    deps.apply(table);
    await Promise.all(
      hosts
        .filter((h) => h !== self)
        .map((host) => deps.publish(host, table).catch(() => undefined)),
    );
  }
}

function latest(tables: Array<BucketTable | null>): BucketTable | undefined {
  let best: BucketTable | undefined;
  for (const table of tables) if (table && (!best || table.version > best.version)) best = table;
  return best;
}
