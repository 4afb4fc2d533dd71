import ToxiproxyModule from 'toxiproxy-node-client';
import { HarnessError, messageOf } from '../errors.js';
import { addressText, type ProxyRoute } from '../../contract/index.js';
import { eventually } from '../util/wait.js';
import { toxicAttributes, type ToxicSpec, type ToxicStream } from './toxics.js';

type ToxiproxyClient = InstanceType<typeof ToxiproxyModule.Toxiproxy>;
type Proxy = Awaited<ReturnType<ToxiproxyClient['get']>>;

export interface ProxyState {
  name: string;
  link: string;
  listen: string;
  upstream: string;
  enabled: boolean;
  toxics: string[];
}

/**
 * The site-to-site links of one deployment, through a real toxiproxy-server. Every call waits
 * for the server's answer; a failure names the proxy and what the server said.
 */
export class LinkController {
  readonly apiUrl: string;
  readonly #client: ToxiproxyClient;
  readonly #plans: ProxyRoute[];
  readonly #proxies = new Map<string, Proxy>();
  /** Links cut by a step or a fault: their proxies stay disabled until the link is restored. */
  readonly #cut = new Set<string>();
  /** Proxies held disabled while the process behind them starts (EngineDriver). */
  readonly #held = new Set<string>();
  #toxicCount = 0;

  constructor(apiUrl: string, plans: ProxyRoute[]) {
    this.apiUrl = apiUrl;
    this.#client = new ToxiproxyModule.Toxiproxy(apiUrl);
    this.#plans = plans;
  }

  get plans(): readonly ProxyRoute[] {
    return this.#plans;
  }

  async waitReady(timeoutMs: number): Promise<void> {
    await eventually(
      () => this.#client.getVersion(),
      () => true,
      { timeoutMs, pollMs: 20, description: 'toxiproxy-server to answer' },
    );
  }

  /** Creates every planned proxy whose upstream is known; a held or cut one is created disabled. */
  async create(upstreams: ReadonlyMap<string, string>): Promise<void> {
    await Promise.all(
      this.#plans
        .filter((plan) => upstreams.has(plan.name))
        .map((plan) =>
          this.#call(plan.name, 'create', async () => {
            const proxy = await this.#client.createProxy({
              name: plan.name,
              listen: addressText(plan.listen),
              upstream: upstreams.get(plan.name)!,
              enabled: !this.#held.has(plan.name) && !this.#cut.has(plan.link),
            });
            this.#proxies.set(plan.name, proxy);
          }),
        ),
    );
  }

  /**
   * Keeps these proxies disabled (created or not) until `release`: an engine whose receiver
   * cannot bind a port its proxy already listens on starts behind held proxies.
   */
  async hold(names: readonly string[]): Promise<void> {
    for (const name of names) this.#held.add(name);
    await Promise.all(
      names.filter((name) => this.#proxies.has(name)).map((name) => this.#setEnabled(name, false)),
    );
  }

  /** Ends a hold: each proxy is enabled again unless its link is cut. */
  async release(names: readonly string[]): Promise<void> {
    for (const name of names) this.#held.delete(name);
    await Promise.all(
      names
        .filter((name) => this.#proxies.has(name) && !this.#cut.has(this.#linkOf(name)))
        .map((name) => this.#setEnabled(name, true)),
    );
  }

  async setUpstream(name: string, upstream: string): Promise<void> {
    const proxy = this.#proxy(name);
    if (proxy.upstream === upstream) return;
    await this.#call(name, 'update', async () => {
      this.#proxies.set(
        name,
        await proxy.update({ listen: proxy.listen, upstream, enabled: proxy.enabled }),
      );
    });
  }

  /**
   * Cuts (false) or restores (true) a link ("site1->site2"): every proxy of it is disabled,
   * which closes its connections, or enabled again (a held one stays disabled until released).
   */
  async setLinkEnabled(link: string, enabled: boolean): Promise<void> {
    const names = this.#ofLink(link);
    if (enabled) this.#cut.delete(link);
    else this.#cut.add(link);
    await Promise.all(
      names
        .filter((name) => !(enabled && this.#held.has(name)))
        .map((name) => this.#setEnabled(name, enabled)),
    );
  }

  async #setEnabled(name: string, enabled: boolean): Promise<void> {
    const proxy = this.#proxy(name);
    await this.#call(name, enabled ? 'enable' : 'disable', async () => {
      this.#proxies.set(
        name,
        await proxy.update({ listen: proxy.listen, upstream: proxy.upstream, enabled }),
      );
    });
  }

  /** Adds a toxic to every proxy of a link; returns the toxic's name. */
  async addToxic(
    link: string,
    toxic: ToxicSpec,
    stream: ToxicStream = 'downstream',
  ): Promise<string> {
    const toxicName = `${toxic.type}_${stream}_${++this.#toxicCount}`;
    await Promise.all(
      this.#ofLink(link).map((name) =>
        this.#call(name, `add toxic ${toxic.type}`, async () => {
          await this.#proxy(name).addToxic({
            name: toxicName,
            type: toxic.type,
            stream,
            toxicity: 1,
            attributes: toxicAttributes(toxic),
          });
        }),
      ),
    );
    return toxicName;
  }

  async removeToxic(link: string, toxicName: string): Promise<void> {
    await Promise.all(
      this.#ofLink(link).map((name) =>
        this.#call(name, `remove toxic ${toxicName}`, async () => {
          const toxic = await this.#proxy(name).getToxic(toxicName);
          await toxic.remove();
        }),
      ),
    );
  }

  /**
   * Every link restored, every toxic removed (Toxiproxy POST /reset, which enables every
   * proxy), then re-read; proxies still held are disabled again.
   */
  async reset(): Promise<void> {
    this.#cut.clear();
    await this.#call('*', 'reset', () => this.#client.reset());
    await this.refresh();
    await Promise.all(
      [...this.#held]
        .filter((name) => this.#proxies.has(name))
        .map((name) => this.#setEnabled(name, false)),
    );
  }

  async refresh(): Promise<void> {
    const all = await this.#call('*', 'list', () => this.#client.getAll());
    for (const [name, proxy] of Object.entries(all)) this.#proxies.set(name, proxy);
  }

  async states(): Promise<ProxyState[]> {
    await this.refresh();
    return this.#plans
      .filter((plan) => this.#proxies.has(plan.name))
      .map((plan) => {
        const json = this.#proxies.get(plan.name)!.toJson();
        return {
          name: plan.name,
          link: plan.link,
          listen: json.listen,
          upstream: json.upstream,
          enabled: json.enabled,
          toxics: (json.toxics ?? []).map((t) => t.name),
        };
      });
  }

  links(): string[] {
    return [...new Set(this.#plans.map((plan) => plan.link))];
  }

  #linkOf(name: string): string {
    return this.#plans.find((plan) => plan.name === name)!.link;
  }

  #ofLink(link: string): string[] {
    const names = this.#plans.filter((plan) => plan.link === link).map((plan) => plan.name);
    if (names.length === 0) {
      throw new HarnessError(
        'WANLAB_UNKNOWN_TARGET',
        `no link "${link}"`,
        `links: ${this.links().join(', ')}`,
      );
    }
    return names;
  }

  #proxy(name: string): Proxy {
    const proxy = this.#proxies.get(name);
    if (!proxy)
      throw new HarnessError(
        'WANLAB_UNKNOWN_TARGET',
        `proxy "${name}" does not exist (yet)`,
        'links are created when the deployment starts',
      );
    return proxy;
  }

  async #call<T>(proxy: string, action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (cause) {
      throw new HarnessError(
        'WANLAB_TOXIPROXY_FAILED',
        `toxiproxy ${action} of ${proxy} failed: ${messageOf(cause)}`,
        'see the toxiproxy log in the run folder',
        { cause, exitCode: 1 },
      );
    }
  }
}
