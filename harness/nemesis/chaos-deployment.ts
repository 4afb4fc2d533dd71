import type { Capability } from '../../contract/index.js';
import type { MemberClient } from '../client/member-client.js';
import type { EngineState } from '../deployment/engine-handle.js';
import type { ToxicSpec, ToxicStream } from '../links/toxics.js';
import type { Topology } from '../topology/model.js';

/** What chaos needs of one member: EngineHandle<MemberClient> has all of it. */
export interface ChaosMember {
  readonly name: string;
  readonly siteId: number;
  readonly spec: { readonly siteName: string };
  readonly client: MemberClient;
  readonly state: EngineState;
  kill(): Promise<void>;
  stop(graceMs?: number): Promise<void>;
  freeze(): Promise<void>;
  thaw(): Promise<void>;
}

/** What chaos needs of the links: LinkController has all of it. */
export interface ChaosLinks {
  setLinkEnabled(link: string, enabled: boolean): Promise<void>;
  addToxic(link: string, toxic: ToxicSpec, stream?: ToxicStream): Promise<string>;
  removeToxic(link: string, toxicName: string): Promise<void>;
  reset(): Promise<void>;
}

/**
 * The narrow view of a running deployment that workloads, nemeses and observers use; a
 * harness Deployment satisfies it, and unit tests can fake it.
 */
export interface ChaosDeployment {
  readonly topology: Topology;
  /** What the engine has (contract/capabilities.ts): the observer reads receipts only if so. */
  readonly capabilities: ReadonlySet<Capability>;
  readonly engineName: string;
  readonly links: ChaosLinks;
  readonly runDir: string;
  members(siteName?: string): ChaosMember[];
  member(name: string): ChaosMember;
  startMember(name: string): Promise<void>;
  syncReceiverUpstreams(only?: readonly string[]): Promise<void>;
  /** Starts a member's receiver through `start`, its proxies held if the engine needs it. */
  startReceiver<T>(name: string, start: () => Promise<T>): Promise<T>;
}
