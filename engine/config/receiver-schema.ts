import { Type, type Static } from '@sinclair/typebox';
import { AdvertiseSchema } from './common-schema.js';

export const RECEIVER_DEFAULTS = {
  bindAddress: '127.0.0.1',
  startPort: 5000,
  endPort: 5500,
  manualStart: false,
  maximumTimeBetweenPingsMs: 60000,
  maxFrameBytes: 64 * 1024 * 1024,
} as const;

export const ReceiverConfigSchema = Type.Object(
  {
    bindAddress: Type.String({ default: RECEIVER_DEFAULTS.bindAddress }),
    startPort: Type.Integer({ minimum: 0, maximum: 65535, default: RECEIVER_DEFAULTS.startPort }),
    endPort: Type.Integer({ minimum: 0, maximum: 65535, default: RECEIVER_DEFAULTS.endPort }),
    manualStart: Type.Boolean({ default: RECEIVER_DEFAULTS.manualStart }),
    maximumTimeBetweenPingsMs: Type.Integer({
      minimum: 1,
      default: RECEIVER_DEFAULTS.maximumTimeBetweenPingsMs,
    }),
    maxFrameBytes: Type.Integer({ minimum: 1024, default: RECEIVER_DEFAULTS.maxFrameBytes }),
    advertise: Type.Optional(AdvertiseSchema),
  },
  { additionalProperties: false },
);
export type ReceiverConfig = Static<typeof ReceiverConfigSchema>;
