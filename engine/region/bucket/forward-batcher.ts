import { EngineError, type EngineErrorCode } from '../../errors.js';
import type { MemberKey } from './bucket-table.js';
import type { OperationReply, RegionOperation } from './bucket-messages.js';

interface Waiting {
  operation: RegionOperation;
  resolve: (reply: OperationReply) => void;
  reject: (error: unknown) => void;
}

/** Sends one batch of operations to one primary; the replies come back in the same order. */
export type SendOperations = (
  primary: MemberKey,
  operations: RegionOperation[],
) => Promise<Array<OperationReply | { error: { code: string; message: string } }>>;

/**
 * Operations a member forwards to other members' primaries within one turn of the event loop
 * travel as one request per primary (a received batch of many keys would otherwise cost a
 * request and a reply per event). Order per primary is kept: the primary applies a batch in
 * order, and batches to one primary follow each other on one connection.
 */
export class ForwardBatcher {
  readonly #send: SendOperations;
  readonly #pending = new Map<MemberKey, Waiting[]>();
  #scheduled = false;

  constructor(send: SendOperations) {
    this.#send = send;
  }

  forward(primary: MemberKey, operation: RegionOperation): Promise<OperationReply> {
    return new Promise((resolve, reject) => {
      const waiting = this.#pending.get(primary) ?? [];
      waiting.push({ operation, resolve, reject });
      this.#pending.set(primary, waiting);
      if (this.#scheduled) return;
      this.#scheduled = true;
      process.nextTick(() => this.#flush());
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const batches = [...this.#pending];
    this.#pending.clear();
    for (const [primary, waiting] of batches) {
      this.#send(
        primary,
        waiting.map((w) => w.operation),
      ).then(
        (replies) =>
          waiting.forEach((w, i) => {
            const reply = replies[i];
            if (reply && 'error' in reply) w.reject(remoteError(reply.error));
            else if (reply) w.resolve(reply);
            else w.reject(new Error('no reply for a forwarded operation'));
          }),
        (error: unknown) => waiting.forEach((w) => w.reject(error)),
      );
    }
  }
}

function remoteError(error: { code: string; message: string }): EngineError {
  return new EngineError(
    error.code as EngineErrorCode,
    error.message,
    'see the log of the member that holds the primary',
  );
}
