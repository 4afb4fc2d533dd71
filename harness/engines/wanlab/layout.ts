import {
  proxyName,
  type DeploymentLayout,
  type PlannedSite,
  type ProxyRoute,
  type SitePlan,
} from '../../../contract/index.js';
import type { PortSource } from '../engine-driver.js';
import { locatorLayout } from '../locator-layout.js';

/** Every wanlab process and proxy listens on the loopback address, each on its own port. */
export const HOST = '127.0.0.1';

/** A member gets a receiver port of its own unless its site gives a range. */
function ownReceiverPort(site: PlannedSite): boolean {
  return site.receiver.portRange === undefined;
}

export function wanlabPortCount(plan: SitePlan): number {
  const perSite = plan.sites.reduce((n, site) => {
    const receivers = ownReceiverPort(site) ? site.members.filter((m) => m.hasReceiver).length : 0;
    return n + site.locators.length * 2 + site.members.length + receivers;
  }, 0);
  const proxies = plan.links.reduce((n, link) => {
    const remote = plan.sites.find((site) => site.name === link.toSite)!;
    return n + remote.locators.length + remote.members.filter((m) => m.hasReceiver).length;
  }, 0);
  return perSite + proxies;
}

/**
 * wanlab's addresses: every locator a locator port and a control port, every member a
 * control port and (without a site range) a receiver port, every proxy a port of its own on
 * 127.0.0.1. A proxy forwards to its locator's port, or to its receiver's when the receiver
 * has a one-port range; a receiver that picks from a range gets its upstream once it runs.
 */
export function wanlabLayout(plan: SitePlan, ports: PortSource): DeploymentLayout {
  const proxies = plan.links.flatMap((link) => {
    const remote = plan.sites.find((site) => site.name === link.toSite)!;
    const endpoints = [
      ...remote.locators.map((name) => ({ kind: 'locator' as const, target: name })),
      ...remote.members
        .filter((m) => m.hasReceiver)
        .map((m) => ({ kind: 'receiver' as const, target: m.name })),
    ];
    return endpoints.map(({ kind, target }): ProxyRoute => ({
      name: proxyName(link.name, kind, target),
      link: link.name,
      kind,
      target,
      fromSiteId: link.fromId,
      toSiteId: link.toId,
      listen: { host: HOST, port: ports.next() },
    }));
  });
  const locators = locatorLayout(plan, ports, HOST);
  const members = plan.sites.flatMap((site) =>
    site.members.map((member) => {
      const control = { host: HOST, port: ports.next() };
      if (!member.hasReceiver)
        return { name: member.name, siteName: site.name, siteId: site.id, control };
      const range = site.receiver.portRange;
      const port = range ? undefined : ports.next();
      return {
        name: member.name,
        siteName: site.name,
        siteId: site.id,
        control,
        receiver: { host: HOST, startPort: range?.start ?? port!, endPort: range?.end ?? port! },
      };
    }),
  );
  return {
    locators,
    members,
    proxies: proxies.map((proxy) => ({ ...proxy, ...knownUpstream(proxy, { locators, members }) })),
  };
}

function knownUpstream(
  proxy: ProxyRoute,
  layout: Pick<DeploymentLayout, 'locators' | 'members'>,
): Pick<ProxyRoute, 'upstream'> {
  if (proxy.kind === 'locator') {
    return { upstream: layout.locators.find((l) => l.name === proxy.target)!.locator };
  }
  const receiver = layout.members.find((m) => m.name === proxy.target)!.receiver!;
  return receiver.startPort === receiver.endPort
    ? { upstream: { host: receiver.host, port: receiver.startPort } }
    : {};
}
