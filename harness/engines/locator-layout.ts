import type { DeploymentLayout, SitePlan } from '../../contract/index.js';
import type { PortSource } from './engine-driver.js';

/** Every locator of the plan on `host`: its locator port, then its control port. */
export function locatorLayout(
  plan: SitePlan,
  ports: PortSource,
  host: string,
): DeploymentLayout['locators'] {
  return plan.sites.flatMap((site) =>
    site.locators.map((name) => ({
      name,
      siteName: site.name,
      siteId: site.id,
      locator: { host, port: ports.next() },
      control: { host, port: ports.next() },
    })),
  );
}
