import type { Topology } from '../topology/model.js';
import type { PortPool } from '../util/ports.js';

/**
 * One Toxiproxy proxy carries one kind of cross-site traffic from one site to one endpoint
 * of another: `site1-to-site2.locator.site2-locator` or `site1-to-site2.receiver.m2` (names go
 * into Toxiproxy URLs, so no slashes). The proxies of one direction together make the link
 * `site1->site2`; cutting the link disables them all.
 */
export interface ProxyPlan {
  name: string;
  link: string;
  kind: 'locator' | 'receiver';
  /** The locator or member the proxy leads to. */
  target: string;
  fromSiteId: number;
  toSiteId: number;
  listenHost: string;
  listenPort: number;
}

export function proxyName(link: string, kind: ProxyPlan['kind'], target: string): string {
  return `${link.replace('->', '-to-')}.${kind}.${target}`;
}

export function planProxies(topology: Topology, ports: PortPool, listenHost: string): ProxyPlan[] {
  const proxies: ProxyPlan[] = [];
  for (const link of topology.links) {
    const remote = topology.sites.find((site) => site.name === link.toSite)!;
    const endpoints = [
      ...remote.locators.map((name) => ({ kind: 'locator' as const, target: name })),
      ...remote.members
        .filter((m) => m.hasReceiver)
        .map((m) => ({ kind: 'receiver' as const, target: m.name })),
    ];
    for (const { kind, target } of endpoints) {
      proxies.push({
        name: proxyName(link.name, kind, target),
        link: link.name,
        kind,
        target,
        fromSiteId: link.fromId,
        toSiteId: link.toId,
        listenHost,
        listenPort: ports.next(),
      });
    }
  }
  return proxies;
}

/** How many listen ports `planProxies` will take. */
export function proxyPortCount(topology: Topology): number {
  return topology.links.reduce((count, link) => {
    const remote = topology.sites.find((site) => site.name === link.toSite)!;
    return count + remote.locators.length + remote.members.filter((m) => m.hasReceiver).length;
  }, 0);
}
