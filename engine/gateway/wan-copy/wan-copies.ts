import type { WanCopyRequest, WanCopyStatus } from '../../../contract/control-api/wan-copy.js';
import type { Clock } from '../../clock.js';
import { SenderTransport } from '../transport/sender-transport.js';
import { EngineError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { Random } from '../../random.js';
import type { SiteRegion } from '../../region/site-region.js';
import type { Credentials } from '../../security/credentials.js';
import { sleep } from '../../sleep.js';
import type { ReceiverDirectory } from '../sender/gateway-sender.js';
import { ReceiverLink } from '../sender/receiver-link.js';
import type { SiteSender } from '../site/site-sender.js';
import { WanCopyOperation, type CopyLink } from './wan-copy-operation.js';

/** Finished operations a member remembers for GET /v1/wan-copies; the oldest go first. */
export const WAN_COPIES_KEPT_MAX = 100;

export interface WanCopiesDeps {
  dsid: number;
  uid: string;
  clock: Clock;
  logger: Logger;
  random: Random;
  directory: ReceiverDirectory;
  credentials: Credentials;
  /** Throws WAN_ERR_REGION_UNKNOWN. */
  region: (name: string) => SiteRegion;
  /** The senders a region's configuration names (its senderIds). */
  regionSenderIds: (name: string) => readonly string[];
  /** Throws WAN_ERR_SENDER_UNKNOWN. */
  sender: (id: string) => SiteSender;
  senders: () => readonly SiteSender[];
  /** Tests replace the connection. */
  link?: (sender: SiteSender) => CopyLink;
}

/**
 * The wan-copy operations of a member (GEODE-7, Geode's `wan-copy region`): each copies a
 * snapshot of a region's live entries, read over the whole site, to one sender's remote site.
 */
export class WanCopies {
  readonly #deps: WanCopiesDeps;
  readonly #operations = new Map<string, WanCopyOperation>();
  #count = 0;

  constructor(deps: WanCopiesDeps) {
    this.#deps = deps;
  }

  /** Checks the request, connects, snapshots the entries and starts the copy. */
  async start(regionName: string, request: WanCopyRequest): Promise<WanCopyStatus> {
    const region = this.#deps.region(regionName);
    const sender = this.#checkedSender(regionName, request.senderId);
    const link = this.#deps.link?.(sender) ?? this.#link(sender);
    if (!(await link.connect())) {
      link.close();
      throw new EngineError(
        'WAN_ERR_REMOTE_SITE_UNREACHABLE',
        `no gateway receiver of site ${sender.remoteDsid} answered sender "${sender.id}"`,
        'start the remote site (its receivers) and check the link, then copy again',
      );
    }
    const entries = await region.liveEntries();
    const id = `copy-${++this.#count}`;
    const operation = new WanCopyOperation(
      {
        id,
        region: regionName,
        senderId: sender.id,
        remoteDsid: sender.remoteDsid,
        events: {
          region: regionName,
          streamMember: `${this.#deps.uid}/wan-copy/${this.#count}`,
          originDsid: this.#deps.dsid,
          recipients: this.#recipients(regionName, sender),
          bucketOf: (key) => (region.kind === 'partitioned' ? region.bucketOf(key) : undefined),
        },
      },
      request,
      entries,
      { link, clock: this.#deps.clock, logger: this.#deps.logger, sleep },
    );
    this.#keep(id, operation);
    void operation.run();
    return operation.status();
  }

  get(id: string): WanCopyStatus {
    return this.#operation(id).status();
  }

  list(): WanCopyStatus[] {
    return [...this.#operations.values()].map((operation) => operation.status());
  }

  cancel(id: string): WanCopyStatus {
    const operation = this.#operation(id);
    operation.cancel();
    return operation.status();
  }

  #checkedSender(regionName: string, senderId: string): SiteSender {
    const sender = this.#deps.sender(senderId);
    const attached = this.#deps.regionSenderIds(regionName);
    if (!attached.includes(senderId)) {
      throw new EngineError(
        'WAN_ERR_SENDER_NOT_ATTACHED',
        `region "${regionName}" does not send through sender "${senderId}"`,
        `its senders: ${attached.join(', ') || 'none'}`,
      );
    }
    if (!sender.isRunning()) {
      throw new EngineError(
        'WAN_ERR_SENDER_NOT_RUNNING',
        `sender "${senderId}" is not running on this member`,
        `start it (POST /v1/senders/${senderId}/start), then copy again`,
      );
    }
    return sender;
  }

  /**
   * The sites the copied events count as sent to, as a local write's would: the remote site
   * and every site the region's running senders reach, so no site forwards a copy again.
   */
  #recipients(regionName: string, target: SiteSender): number[] {
    const attached = new Set(this.#deps.regionSenderIds(regionName));
    const running = this.#deps
      .senders()
      .filter((sender) => attached.has(sender.id) && sender.isRunning());
    const sites = new Set([target.remoteDsid, ...running.map((sender) => sender.remoteDsid)]);
    return [...sites].sort((a, b) => a - b);
  }

  #link(sender: SiteSender): CopyLink {
    const { attributes, transport } = sender.status();
    return new ReceiverLink({
      senderId: sender.id,
      localDsid: this.#deps.dsid,
      remoteDsid: sender.remoteDsid,
      memberUid: this.#deps.uid,
      // One past the sender's own lanes: the copy is a connection of its own.
      dispatcher: attributes.dispatcherThreads,
      directory: this.#deps.directory,
      connectTimeoutMs: attributes.connectTimeoutMs,
      socketReadTimeoutMs: attributes.socketReadTimeoutMs,
      logger: this.#deps.logger,
      random: this.#deps.random,
      credentials: this.#deps.credentials,
      // The sender's codec, so the remote receivers take the copy as they take its batches.
      transport: new SenderTransport(transport?.compression ?? 'none'),
      nowMs: () => this.#deps.clock.now(),
    });
  }

  #keep(id: string, operation: WanCopyOperation): void {
    this.#operations.set(id, operation);
    for (const [oldId, old] of this.#operations) {
      if (this.#operations.size <= WAN_COPIES_KEPT_MAX) break;
      if (old.state !== 'running') this.#operations.delete(oldId);
    }
  }

  #operation(id: string): WanCopyOperation {
    const operation = this.#operations.get(id);
    if (operation) return operation;
    throw new EngineError(
      'WAN_ERR_WAN_COPY_UNKNOWN',
      `no wan-copy "${id}" on this member`,
      'GET /v1/wan-copies lists the copies this member ran; ask the member that started it',
    );
  }
}
