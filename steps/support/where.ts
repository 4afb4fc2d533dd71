import { defineParameterType } from '@cucumber/cucumber';
import type { MemberHandle } from '../../harness/deployment/deployment.js';
import type { WanWorld } from './world.js';

/** `at site 1` (its first running member) or `on member "site1-m2"` (that member). */
export type Where = { site: string } | { member: string };

defineParameterType({
  name: 'where',
  regexp: /at site [0-9A-Za-z][0-9A-Za-z_-]*|on member "[^"]+"/,
  transformer: (text: string): Where => {
    const member = /^on member "([^"]+)"$/.exec(text);
    return member ? { member: member[1]! } : { site: text.slice('at site '.length) };
  },
});

export function memberAt(world: WanWorld, where: Where): MemberHandle {
  return 'member' in where ? world.deployment.member(where.member) : world.siteMember(where.site);
}

export function describeWhere(where: Where): string {
  return 'member' in where ? `on member ${where.member}` : `at site ${where.site}`;
}
