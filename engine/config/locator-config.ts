import { Type, type Static } from '@sinclair/typebox';
import {
  AddressText,
  AdvertiseSchema,
  ControlEndpointSchema,
  EndpointSchema,
  LogSchema,
  SiteRefSchema,
} from './common-schema.js';
import { SecurityConfigSchema, TlsConfigSchema } from './security-schema.js';
import { TIMER_LIMIT_MS } from '../../contract/limits.js';

/** A timer's wait, in ms: Node's timers overflow at 2^31-1. */
const TimerMs = (defaultMs: number) =>
  Type.Integer({ minimum: 10, maximum: TIMER_LIMIT_MS - 1, default: defaultMs });

/** The file that starts one locator process. */
export const LocatorConfigSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9_.-]+$' }),
    site: SiteRefSchema,
    bind: EndpointSchema,
    control: ControlEndpointSchema,
    /** Authentication of every link (issue 17); absent: none. */
    security: Type.Optional(SecurityConfigSchema),
    /** TLS on every link (issue 17); absent: plain TCP. */
    tls: Type.Optional(TlsConfigSchema),
    /** Same-site locators to share the site's view with. */
    peerLocators: Type.Array(AddressText, { default: [] }),
    /** DISC-2: locators of remote sites, as this site must dial them (through its proxies). */
    remoteLocators: Type.Array(AddressText, { default: [] }),
    advertise: Type.Optional(AdvertiseSchema),
    dataDir: Type.String({ minLength: 1 }),
    log: LogSchema,
    /** Geode pings remote locators every 10 s; the exchange carries the whole view. */
    exchangeIntervalMs: TimerMs(10000),
    requestTimeoutMs: TimerMs(2000),
    /** A member silent this long leaves the site's view. */
    memberTimeoutMs: TimerMs(5000),
    /** Seeds (001, 002) say a stopping locator is announced; Geode's code never does. */
    announceShutdown: Type.Boolean({ default: true }),
  },
  { additionalProperties: false },
);
export type LocatorConfig = Static<typeof LocatorConfigSchema>;
