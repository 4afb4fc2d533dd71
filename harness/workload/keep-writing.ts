import type { MemberClient } from '../client/member-client.js';

/**
 * A client that puts `<prefix><n>` one after another until stopped or until a put fails (its
 * member died): `acknowledged` holds exactly the keys whose put returned. What a durable
 * queue must deliver after a kill (QUEUE-3).
 */
export class KeepWriting {
  readonly acknowledged: string[] = [];
  readonly done: Promise<void>;
  #stopped = false;
  #failure: Error | undefined;

  constructor(client: MemberClient, region: string, prefix: string) {
    this.done = this.#run(client, region, prefix);
  }

  get failure(): Error | undefined {
    return this.#failure;
  }

  stop(): void {
    this.#stopped = true;
  }

  async #run(client: MemberClient, region: string, prefix: string): Promise<void> {
    for (let n = 0; !this.#stopped; n++) {
      const key = `${prefix}${n}`;
      try {
        await client.put(region, key, `${prefix}-value-${n}`, { timeoutMs: 2000 });
      } catch (error) {
        this.#failure = error as Error;
        return;
      }
      this.acknowledged.push(key);
    }
  }
}
