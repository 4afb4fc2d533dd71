import type { PlannedSite, SitePlan } from '../../contract/index.js';

/** The site of a locator or member of the plan, and which of the two it is. */
export function siteAndRoleOf(
  plan: SitePlan,
  name: string,
): { site: PlannedSite; role: 'locator' | 'member' } {
  const site = plan.sites.find(
    (s) => s.locators.includes(name) || s.members.some((m) => m.name === name),
  )!;
  return { site, role: site.locators.includes(name) ? 'locator' : 'member' };
}
