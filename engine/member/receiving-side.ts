import type { ReceiverConfig } from '../../contract/control-api/receiver-config.js';
import type { Credentials } from '../security/credentials.js';
import type { Clock } from '../clock.js';
import { EngineError, errorMessage } from '../errors.js';
import type { ApplyResult, EventApplier } from '../gateway/receiver/event-applier.js';
import { GatewayReceiver } from '../gateway/receiver/gateway-receiver.js';
import { ReceiptLog } from '../gateway/receiver/receipt-log.js';
import type { Logger } from '../log.js';
import type { Random } from '../random.js';
import type { RegionEvent } from '../region/region-event.js';
import type { SiteRegion } from '../region/site-region.js';

export interface ReceivingSideDeps {
  dsid: number;
  uid: string;
  clock: Clock;
  logger: Logger;
  random: Random;
  regions: ReadonlyMap<string, Pick<SiteRegion, 'applyRemote'>>;
  /** Entries the receipt log keeps. */
  receiptLimit: number;
  /** Tells the site's locators the receiver changed (discovery). */
  announce: () => Promise<void>;
  credentials: Credentials;
}

/**
 * The receiving side of a member (RECV-1..5): its gateway receiver, at most one (RECV-4),
 * created from the configuration or later through the control API; how a received event
 * reaches its region (at its key's primary); and the receipt of every event it got.
 */
export class ReceivingSide implements EventApplier {
  readonly receipts: ReceiptLog;
  readonly #deps: ReceivingSideDeps;
  #receiver: GatewayReceiver | undefined;

  constructor(config: ReceiverConfig | undefined, deps: ReceivingSideDeps) {
    this.#deps = deps;
    this.receipts = new ReceiptLog(deps.receiptLimit);
    if (config) this.#receiver = this.#newReceiver(config);
  }

  get receiver(): GatewayReceiver | undefined {
    return this.#receiver;
  }

  /** RECV-4: a member hosts at most one receiver; creating a second is refused. */
  async add(config: ReceiverConfig): Promise<GatewayReceiver> {
    if (this.#receiver) {
      throw new EngineError(
        'WAN_ERR_RECEIVER_EXISTS',
        'a gateway receiver already exists on this member',
        'a member hosts at most one gateway receiver; to replace it: POST /v1/receiver/stop, DELETE /v1/receiver, then POST /v1/receiver',
      );
    }
    const receiver = this.#newReceiver(config);
    this.#receiver = receiver;
    if (config.manualStart) return receiver;
    try {
      await this.start();
    } catch (error) {
      // A receiver that could not start is not kept: the caller fixes its config and posts again.
      this.#receiver = undefined;
      throw error;
    }
    return receiver;
  }

  /** Removes a stopped receiver, so that another can be created (Geode's destroy). */
  async remove(): Promise<void> {
    const receiver = this.require();
    if (receiver.running) {
      throw new EngineError(
        'WAN_ERR_RECEIVER_STATE',
        'the gateway receiver is running and needs to be stopped first',
        'POST /v1/receiver/stop, then DELETE /v1/receiver',
      );
    }
    this.#receiver = undefined;
    await this.#deps.announce();
  }

  require(): GatewayReceiver {
    if (this.#receiver) return this.#receiver;
    throw new EngineError(
      'WAN_ERR_RECEIVER_ABSENT',
      'this member has no gateway receiver',
      'create one with POST /v1/receiver, or configure one in the member configuration',
    );
  }

  async start(): Promise<void> {
    await this.require().start();
    await this.#deps.announce();
  }

  async stop(): Promise<void> {
    await this.require().stop();
    await this.#deps.announce();
  }

  accepts(event: RegionEvent): boolean {
    return this.#deps.regions.has(event.region);
  }

  /**
   * RECV-1, RECV-2: apply a received event to the same region here, and keep a receipt.
   * Promise chains, not async functions: a batch applies this once per event (issue 19).
   */
  apply(event: RegionEvent, fromDsid: number): Promise<ApplyResult> {
    return this.#applyReceived(event, fromDsid).then((result) => {
      this.receipts.record(event, fromDsid, result.kind, this.#deps.clock.now());
      return result;
    });
  }

  #applyReceived(event: RegionEvent, fromDsid: number): Promise<ApplyResult> {
    const region = this.#deps.regions.get(event.region);
    if (!region) {
      return Promise.resolve({
        kind: 'failed',
        code: 'WAN_ERR_REGION_UNKNOWN',
        message: `region "${event.region}" is not defined at site ${this.#deps.dsid}`,
      });
    }
    const failed = (error: unknown): ApplyResult => ({
      kind: 'failed',
      code: 'WAN_ERR_APPLY',
      message: errorMessage(error),
    });
    try {
      return region
        .applyRemote(event, fromDsid)
        .then((outcome) => ({ kind: outcome.kind }), failed);
    } catch (error) {
      return Promise.resolve(failed(error));
    }
  }

  #newReceiver(config: ReceiverConfig): GatewayReceiver {
    return new GatewayReceiver(config, {
      localDsid: this.#deps.dsid,
      memberUid: this.#deps.uid,
      applier: this,
      logger: this.#deps.logger.child({ component: 'receiver' }),
      random: this.#deps.random,
      credentials: this.#deps.credentials,
    });
  }
}
