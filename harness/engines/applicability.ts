import { neededCapabilities, type Capability } from '../../contract/index.js';

/**
 * Attached (a cucumber attachment) to a scenario that was not run because its engine lacks a
 * capability it needs; the reports read it back and show the scenario as "not applicable"
 * on that engine: never a pass, never silently skipped.
 */
export const NOT_APPLICABLE_ATTACHMENT = 'wanlab-not-applicable.json';

export interface NotApplicable {
  engine: string;
  version: string;
  /** The capabilities the scenario needs (@needs:...) that the engine lacks. */
  missing: string[];
}

/** What a scenario with these tags needs that an engine with these capabilities lacks. */
export function missingCapabilities(
  tags: readonly string[],
  capabilities: ReadonlySet<Capability>,
): string[] {
  return neededCapabilities(tags).filter((name) => !capabilities.has(name as Capability));
}

export function notApplicableMessage(na: NotApplicable): string {
  return `not applicable on ${na.engine} ${na.version}: it lacks ${na.missing.join(', ')}`;
}
