import type { Deployment } from '../../harness/deployment/deployment.js';

/**
 * Issue 15 (GEODE-5, GEODE-6): a scenario may destroy or close regions and destroy senders on
 * a member; the reset creates again, from the member's configuration, whatever its site
 * defines that the member no longer hosts: senders first, then the regions that use them.
 */
export async function restoreDefinitions(deployment: Deployment, name: string): Promise<void> {
  if (!deployment.has('runtime-destroy')) return;
  const member = deployment.member(name);
  const site = deployment.site(member.spec.siteName);
  const senders = new Set((await member.client.senders()).map((s) => s.id));
  for (const sender of site.senders) {
    if (!senders.has(sender.id)) await member.client.createSender(sender.id);
  }
  const regions = new Set((await member.client.regions()).map((r) => r.name));
  for (const region of site.regions) {
    if (!regions.has(region.name)) await member.client.createRegion(region.name);
  }
}
