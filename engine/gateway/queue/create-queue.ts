import type { Clock } from '../../clock.js';
import { LmdbStore } from './disk-store.js';
import type { EventQueue } from './event-queue.js';
import { TieredQueue } from './tiered-queue.js';

/**
 * memory: unbounded, in memory only (tests, and queues that must never touch disk);
 * overflow: bounded memory, the rest in a scratch LMDB file wiped at start (ARCH-3, QUEUE-1);
 * persistent: every event also in an LMDB file that a restart recovers (QUEUE-3).
 */
export type QueueMode = 'memory' | 'overflow' | 'persistent';

export interface QueueSpec {
  mode: QueueMode;
  clock: Clock;
  maximumQueueMemoryBytes: number;
  batchConflation: boolean;
  /** persistent only: a put returns once its event is committed to disk. */
  diskSynchronous: boolean;
  /** The queue's own directory (overflow and persistent). */
  directory: string;
  onDiskError: (error: unknown) => void;
}

export function createEventQueue(spec: QueueSpec): EventQueue {
  const base = {
    clock: spec.clock,
    maxMemoryBytes:
      spec.mode === 'memory' ? Number.POSITIVE_INFINITY : spec.maximumQueueMemoryBytes,
    conflation: spec.batchConflation,
  };
  switch (spec.mode) {
    case 'memory':
      return new TieredQueue(base);
    case 'overflow':
      return new TieredQueue({
        ...base,
        overflowStore: () =>
          new LmdbStore({
            path: spec.directory,
            noSync: true,
            wipe: true,
            onError: spec.onDiskError,
          }),
      });
    case 'persistent':
      return new TieredQueue({
        ...base,
        persistent: {
          store: new LmdbStore({
            path: spec.directory,
            noSync: false,
            wipe: false,
            onError: spec.onDiskError,
          }),
          synchronous: spec.diskSynchronous,
        },
      });
  }
}
