import { Type, type Static } from '@sinclair/typebox';
import { AddressText, ControlEndpointSchema, LogSchema, SiteRefSchema } from './common-schema.js';
import { SecurityConfigSchema, TlsConfigSchema } from './security-schema.js';
import { RegionConfigSchema } from '../../contract/region-definition.js';
import { ReceiverConfigSchema } from '../../contract/control-api/receiver-config.js';
import { SenderConfigSchema } from './sender-schema.js';
import {
  CLOCK_OFFSET_LIMIT_MS,
  SENDERS_PER_MEMBER_MAX,
  TIMER_LIMIT_MS,
} from '../../contract/limits.js';

/** A timer's wait, in ms: Node's timers overflow at 2^31-1. */
const TimerMs = (minimum: number, defaultMs: number) =>
  Type.Integer({ minimum, maximum: TIMER_LIMIT_MS - 1, default: defaultMs });

export {
  RegionConfigSchema,
  RegionTypeSchema,
  ParallelSendersSchema,
  isNormalType,
  type RegionConfig,
  type RegionType,
} from '../../contract/region-definition.js';

/** The file the harness (or a person) writes to start one member process. */
export const MemberConfigSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9_.-]+$' }),
    site: SiteRefSchema,
    locators: Type.Array(AddressText, { minItems: 1 }),
    control: ControlEndpointSchema,
    /** Authentication of every link (issue 17); absent: none. */
    security: Type.Optional(SecurityConfigSchema),
    /** TLS on every link (issue 17); absent: plain TCP. */
    tls: Type.Optional(TlsConfigSchema),
    dataDir: Type.String({ minLength: 1 }),
    log: LogSchema,
    clockOffsetMs: Type.Integer({
      minimum: -CLOCK_OFFSET_LIMIT_MS,
      maximum: CLOCK_OFFSET_LIMIT_MS,
      default: 0,
    }),
    /** Seeds the member's random choices (receiver port, first receiver tried); absent: random. */
    randomSeed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 32 - 1 })),
    heartbeatIntervalMs: TimerMs(10, 1000),
    locatorRequestTimeoutMs: TimerMs(10, 2000),
    appliedEventLogLimit: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 200000 }),
    regions: Type.Array(RegionConfigSchema, { default: [] }),
    senders: Type.Array(SenderConfigSchema, { default: [], maxItems: SENDERS_PER_MEMBER_MAX }),
    receiver: Type.Optional(ReceiverConfigSchema),
    /** Where the other members of the site reach this one (engine/cluster); 0: any free port. */
    peer: Type.Object(
      {
        bindAddress: Type.String({ default: '127.0.0.1' }),
        port: Type.Integer({ minimum: 0, maximum: 65535, default: 0 }),
        connectTimeoutMs: TimerMs(1, 2000),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);
export type MemberConfig = Static<typeof MemberConfigSchema>;
