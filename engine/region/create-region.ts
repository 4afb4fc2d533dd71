import { isNormalType, type RegionConfig } from '../config/member-config.js';
import {
  BucketedRegion,
  type BucketedConfig,
  type BucketedRegionDeps,
} from './bucket/bucketed-region.js';
import type { HostedRegion } from './hosted-region.js';
import { NormalRegion, type NormalConfig } from './normal/normal-region.js';

export type HostedRegionDeps = BucketedRegionDeps;

function isNormalConfig(config: RegionConfig): config is NormalConfig {
  return isNormalType(config.type);
}

/** The one place a member turns a region configuration into the region its site holds. */
export function createHostedRegion(config: RegionConfig, deps: HostedRegionDeps): HostedRegion {
  if (isNormalConfig(config)) return new NormalRegion(config, deps);
  return new BucketedRegion(config as BucketedConfig, deps);
}
