import { When } from '@cucumber/cucumber';
import type { WanWorld } from './support/world.js';

/** SIGKILL: no shutdown code runs; what survives is what was on disk. */
When('member {string} is killed', async function (this: WanWorld, name: string) {
  await this.deployment.member(name).kill();
});

When('member {string} is started again', async function (this: WanWorld, name: string) {
  await this.deployment.startMember(name);
});

/** A graceful stop (SIGTERM), then a start with the same configuration and data. */
When('member {string} is restarted', async function (this: WanWorld, name: string) {
  await this.deployment.member(name).stop();
  await this.deployment.startMember(name);
});
