import {
  proxyName,
  type DeploymentLayout,
  type PlannedLink,
  type SitePlan,
} from '../../../contract/index.js';
import type { PortSource } from '../engine-driver.js';
import { locatorLayout } from '../locator-layout.js';
import { assertExpressible } from './expressible.js';

/** Every Geode process, and every locator proxy, listens on this address. */
export const HOST = '127.0.0.1';

/**
 * A receiver proxy listens on the receiver's own port (Geode senders dial the advertised
 * host and the receiver's real port), so on another loopback address: one per link.
 */
export function receiverProxyHost(plan: SitePlan, link: PlannedLink): string {
  return `127.0.0.${2 + plan.links.indexOf(link)}`;
}

export function geodePortCount(plan: SitePlan): number {
  assertExpressible(plan);
  const perSite = plan.sites.reduce(
    (n, site) =>
      n +
      site.locators.length * 2 +
      site.members.length +
      site.members.filter((m) => m.hasReceiver).length,
    0,
  );
  const locatorProxies = plan.links.reduce(
    (n, link) => n + plan.sites.find((s) => s.name === link.toSite)!.locators.length,
    0,
  );
  return perSite + locatorProxies;
}

/**
 * Geode's addresses: each locator a locator and a control port, each member a control port
 * and (with a receiver) a one-port receiver range, all on 127.0.0.1; each locator proxy a
 * port of its own; each receiver proxy the receiver's port on its link's loopback address
 * (the receiver-port gotcha: ../shared/reference/geode-runtime-notes.md).
 */
export function geodeLayout(plan: SitePlan, ports: PortSource): DeploymentLayout {
  assertExpressible(plan);
  const locators = locatorLayout(plan, ports, HOST);
  const members = plan.sites.flatMap((site) =>
    site.members.map((member) => {
      const control = { host: HOST, port: ports.next() };
      if (!member.hasReceiver)
        return { name: member.name, siteName: site.name, siteId: site.id, control };
      const port = ports.next();
      return {
        name: member.name,
        siteName: site.name,
        siteId: site.id,
        control,
        receiver: { host: HOST, startPort: port, endPort: port },
      };
    }),
  );
  const proxies = plan.links.flatMap((link) => {
    const remote = plan.sites.find((site) => site.name === link.toSite)!;
    const base = { link: link.name, fromSiteId: link.fromId, toSiteId: link.toId };
    const toLocators = remote.locators.map((target) => ({
      ...base,
      name: proxyName(link.name, 'locator', target),
      kind: 'locator' as const,
      target,
      listen: { host: HOST, port: ports.next() },
      upstream: locators.find((l) => l.name === target)!.locator,
    }));
    const toReceivers = remote.members
      .filter((m) => m.hasReceiver)
      .map((m) => {
        const port = members.find((x) => x.name === m.name)!.receiver!.startPort;
        return {
          ...base,
          name: proxyName(link.name, 'receiver', m.name),
          kind: 'receiver' as const,
          target: m.name,
          listen: { host: receiverProxyHost(plan, link), port },
          upstream: { host: HOST, port },
        };
      });
    return [...toLocators, ...toReceivers];
  });
  return { locators, members, proxies };
}
