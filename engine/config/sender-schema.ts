import { Type, type Static } from '@sinclair/typebox';

/** Defaults follow the seed documents (shared/spec/clauses.md), then Geode's code. */
export const SENDER_DEFAULTS = {
  parallel: false,
  batchSize: 100,
  batchTimeIntervalMs: 1000,
  dispatcherThreads: 5,
  orderPolicy: 'key',
  maximumQueueMemoryMb: 100,
  persistent: false,
  diskSynchronous: true,
  batchConflation: false,
  groupTransactionEvents: false,
  retryIntervalMs: 5000,
  maximumShutdownWaitS: 0,
  manualStart: false,
  socketReadTimeoutMs: 0,
  connectTimeoutMs: 5000,
  alertThresholdMs: 0,
} as const;

export const OrderPolicySchema = Type.Union(
  [Type.Literal('key'), Type.Literal('thread'), Type.Literal('partition')],
  { default: SENDER_DEFAULTS.orderPolicy },
);
export type OrderPolicy = Static<typeof OrderPolicySchema>;

export const SenderConfigSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9_.-]+$' }),
    remoteDistributedSystemId: Type.Integer({ minimum: 0, maximum: 255 }),
    parallel: Type.Boolean({ default: SENDER_DEFAULTS.parallel }),
    batchSize: Type.Integer({ minimum: 1, default: SENDER_DEFAULTS.batchSize }),
    batchTimeIntervalMs: Type.Integer({ minimum: 1, default: SENDER_DEFAULTS.batchTimeIntervalMs }),
    dispatcherThreads: Type.Integer({ minimum: 1, default: SENDER_DEFAULTS.dispatcherThreads }),
    orderPolicy: OrderPolicySchema,
    maximumQueueMemoryMb: Type.Number({
      exclusiveMinimum: 0,
      default: SENDER_DEFAULTS.maximumQueueMemoryMb,
    }),
    persistent: Type.Boolean({ default: SENDER_DEFAULTS.persistent }),
    diskSynchronous: Type.Boolean({ default: SENDER_DEFAULTS.diskSynchronous }),
    batchConflation: Type.Boolean({ default: SENDER_DEFAULTS.batchConflation }),
    groupTransactionEvents: Type.Boolean({ default: SENDER_DEFAULTS.groupTransactionEvents }),
    retryIntervalMs: Type.Integer({ minimum: 1, default: SENDER_DEFAULTS.retryIntervalMs }),
    maximumShutdownWaitS: Type.Integer({
      minimum: -1,
      default: SENDER_DEFAULTS.maximumShutdownWaitS,
    }),
    manualStart: Type.Boolean({ default: SENDER_DEFAULTS.manualStart }),
    socketReadTimeoutMs: Type.Integer({ minimum: 0, default: SENDER_DEFAULTS.socketReadTimeoutMs }),
    connectTimeoutMs: Type.Integer({ minimum: 1, default: SENDER_DEFAULTS.connectTimeoutMs }),
    alertThresholdMs: Type.Integer({ minimum: 0, default: SENDER_DEFAULTS.alertThresholdMs }),
  },
  { additionalProperties: false },
);
export type SenderConfig = Static<typeof SenderConfigSchema>;
