import { readFileSync } from 'node:fs';
import { Then, When } from '@cucumber/cucumber';
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

/** Pino JSON lines: an error has level 50 or more. */
Then(
  'the log of member {string} has an error mentioning {string}',
  async function (this: WanWorld, name: string, text: string) {
    const file = this.deployment.member(name).spec.logFile;
    await this.eventually(
      `an error mentioning "${text}" in ${file}`,
      async () =>
        readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => line.includes(text))
          .some((line) => (JSON.parse(line) as { level: number }).level >= 50),
      (found) => found,
    );
  },
);
