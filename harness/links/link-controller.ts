import ToxiproxyModule from 'toxiproxy-node-client';
import { HarnessError, messageOf } from '../errors.js';
import { eventually } from '../util/wait.js';
import type { ProxyPlan } from './link-plan.js';
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
  readonly #plans: ProxyPlan[];
  readonly #proxies = new Map<string, Proxy>();
  #toxicCount = 0;

  constructor(apiUrl: string, plans: ProxyPlan[]) {
    this.apiUrl = apiUrl;
    this.#client = new ToxiproxyModule.Toxiproxy(apiUrl);
    this.#plans = plans;
  }

  get plans(): readonly ProxyPlan[] {
    return this.#plans;
  }

  async waitReady(timeoutMs: number): Promise<void> {
    await eventually(
      () => this.#client.getVersion(),
      () => true,
      { timeoutMs, pollMs: 20, description: 'toxiproxy-server to answer' },
    );
  }

  /** Creates every planned proxy whose upstream is known. */
  async create(upstreams: ReadonlyMap<string, string>): Promise<void> {
    await Promise.all(
      this.#plans
        .filter((plan) => upstreams.has(plan.name))
        .map((plan) =>
          this.#call(plan.name, 'create', async () => {
            const proxy = await this.#client.createProxy({
              name: plan.name,
              listen: `${plan.listenHost}:${plan.listenPort}`,
              upstream: upstreams.get(plan.name)!,
              enabled: true,
            });
            this.#proxies.set(plan.name, proxy);
          }),
        ),
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

  /** Enables or disables every proxy of a link ("site1->site2"): down closes its connections. */
  async setLinkEnabled(link: string, enabled: boolean): Promise<void> {
    await Promise.all(this.#ofLink(link).map((name) => this.setProxyEnabled(name, enabled)));
  }

  async setProxyEnabled(name: string, enabled: boolean): Promise<void> {
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

  /** Every proxy enabled, every toxic removed (Toxiproxy POST /reset), then re-read. */
  async reset(): Promise<void> {
    await this.#call('*', 'reset', () => this.#client.reset());
    await this.refresh();
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
