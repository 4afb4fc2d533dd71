import { Type, type Static } from '@sinclair/typebox';
import {
  FRAME_BYTES_MAX,
  FRAME_BYTES_MIN,
  PORT_MAX,
  RECEIVER_PING_WAIT_MIN_MS,
  TIMER_LIMIT_MS,
} from '../limits.js';
import { TransportSettingsSchema } from '../transport.js';
import { AdvertiseSchema } from './common.js';

export const RECEIVER_DEFAULTS = {
  bindAddress: '127.0.0.1',
  startPort: 5000,
  endPort: 5500,
  manualStart: false,
  maximumTimeBetweenPingsMs: 60000,
  maxFrameBytes: 64 * 1024 * 1024,
  onEventFailure: 'stop',
} as const;

/**
 * What a receiver does after an event of a batch fails (BATCH-3). `stop`: answer at once,
 * naming the failed event and the last applied one; the sender sends the rest again (seed
 * 003). `continue`: apply the rest of the batch and report every failure (Geode's
 * GatewayReceiverCommand with REMOVE_FROM_QUEUE_ON_EXCEPTION).
 */
export const OnEventFailureSchema = Type.Union([Type.Literal('stop'), Type.Literal('continue')], {
  default: RECEIVER_DEFAULTS.onEventFailure,
});
export type OnEventFailure = Static<typeof OnEventFailureSchema>;

export const ReceiverConfigSchema = Type.Object(
  {
    bindAddress: Type.String({ default: RECEIVER_DEFAULTS.bindAddress }),
    startPort: Type.Integer({
      minimum: 0,
      maximum: PORT_MAX,
      default: RECEIVER_DEFAULTS.startPort,
    }),
    endPort: Type.Integer({ minimum: 0, maximum: PORT_MAX, default: RECEIVER_DEFAULTS.endPort }),
    manualStart: Type.Boolean({ default: RECEIVER_DEFAULTS.manualStart }),
    maximumTimeBetweenPingsMs: Type.Integer({
      minimum: RECEIVER_PING_WAIT_MIN_MS,
      maximum: TIMER_LIMIT_MS - 1,
      default: RECEIVER_DEFAULTS.maximumTimeBetweenPingsMs,
    }),
    maxFrameBytes: Type.Integer({
      minimum: FRAME_BYTES_MIN,
      maximum: FRAME_BYTES_MAX,
      default: RECEIVER_DEFAULTS.maxFrameBytes,
    }),
    onEventFailure: OnEventFailureSchema,
    advertise: Type.Optional(AdvertiseSchema),
    transport: Type.Optional(TransportSettingsSchema),
  },
  { additionalProperties: false },
);
export type ReceiverConfig = Static<typeof ReceiverConfigSchema>;
