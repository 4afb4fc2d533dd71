import { EngineError, errorMessage } from '../errors.js';
import type { ReceiverDirectory } from '../gateway/sender/gateway-sender.js';
import {
  locatorRequestContext,
  type MemberRegistration,
  type MembershipView,
  type RegisterReply,
} from '../locator/locator-protocol.js';
import type { Credentials } from '../security/credentials.js';
import type { Logger } from '../log.js';
import { parseAddress } from '../net/framed-socket.js';
import { callRpc } from '../net/rpc.js';

/** A member's link to its site's locators: registration, heartbeats and receiver look-ups. */
export class LocatorClient implements ReceiverDirectory {
  readonly #locators: string[];
  readonly #dsid: number;
  readonly #timeoutMs: number;
  readonly #logger: Logger;

  readonly #credentials: Credentials;

  constructor(
    locators: string[],
    dsid: number,
    timeoutMs: number,
    logger: Logger,
    credentials: Credentials,
  ) {
    this.#credentials = credentials;
    this.#locators = locators;
    this.#dsid = dsid;
    this.#timeoutMs = timeoutMs;
    this.#logger = logger;
  }

  /**
   * Registers with every locator of the site (this is also the heartbeat). A refusal or an
   * expulsion from any locator wins; otherwise the view of the first locator in the
   * configured order that answered, so that every member prefers the same locator's view.
   * Undefined when no locator answered.
   */
  async register(member: MemberRegistration): Promise<RegisterReply | undefined> {
    const replies = await Promise.all(
      this.#locators.map((locator) =>
        this.#call(locator, { t: 'register', member }).then(
          (reply) => reply as RegisterReply,
          (error: unknown) => {
            this.#logger.debug({ locator, err: errorMessage(error) }, 'registration failed');
            return undefined;
          },
        ),
      ),
    );
    return (
      replies.find((r) => r?.outcome === 'refused') ??
      replies.find((r) => r?.outcome === 'expelled') ??
      replies.find((r) => r !== undefined)
    );
  }

  async deregister(name: string, uid: string): Promise<void> {
    await Promise.allSettled(
      this.#locators.map((locator) =>
        this.#call(locator, { t: 'deregister', dsid: this.#dsid, name, uid }),
      ),
    );
  }

  /** Tells every locator that `member` stopped answering; returns the first view that came back. */
  async suspect(
    member: { name: string; uid: string; session: number },
    reporter: string,
  ): Promise<MembershipView | undefined> {
    const views = await Promise.all(
      this.#locators.map((locator) =>
        this.#call(locator, { t: 'suspect', dsid: this.#dsid, reporter, ...member }).then(
          (view) => view as MembershipView,
          () => undefined,
        ),
      ),
    );
    return views.find((view) => view !== undefined);
  }

  async receiversFor(remoteDsid: number): Promise<string[]> {
    let lastError: unknown;
    for (const locator of this.#locators) {
      try {
        const reply = (await this.#call(locator, {
          t: 'receivers',
          dsid: remoteDsid,
          forDsid: this.#dsid,
        })) as {
          addresses: string[];
        };
        return reply.addresses;
      } catch (error) {
        lastError = error;
      }
    }
    throw new EngineError(
      'WAN_ERR_LOCATOR_UNREACHABLE',
      `no locator of site ${this.#dsid} answered: ${errorMessage(lastError)}`,
      'start the site locator, or check the member `locators` setting',
      { cause: lastError },
    );
  }

  /** Every request carries the site's proof when the site authenticates (issue 17). */
  #call(locator: string, request: { t: string } & Record<string, unknown>): Promise<unknown> {
    const auth = this.#credentials.prove('site', this.#dsid, locatorRequestContext(request));
    return callRpc(
      parseAddress(locator),
      auth ? { ...request, auth } : request,
      this.#timeoutMs,
      this.#credentials.tls,
    );
  }
}
