import { Type, type Static } from '@sinclair/typebox';

import { ControlTokenSchema } from '../../contract/control-api/auth.js';

export { AddressText, AdvertiseSchema, type Advertise } from '../../contract/control-api/common.js';

export const SiteRefSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    distributedSystemId: Type.Integer({ minimum: 0, maximum: 255 }),
  },
  { additionalProperties: false },
);
export type SiteRef = Static<typeof SiteRefSchema>;

export const EndpointSchema = Type.Object(
  {
    host: Type.String({ default: '127.0.0.1' }),
    port: Type.Integer({ minimum: 0, maximum: 65535 }),
  },
  { additionalProperties: false },
);

/** Where the control API listens, and the token every route but /health needs. */
export const ControlEndpointSchema = Type.Object(
  {
    host: Type.String({ default: '127.0.0.1' }),
    port: Type.Integer({ minimum: 0, maximum: 65535 }),
    token: ControlTokenSchema,
  },
  { additionalProperties: false },
);

export const LogSchema = Type.Object(
  {
    file: Type.Optional(Type.String()),
    level: Type.Union(
      [
        Type.Literal('trace'),
        Type.Literal('debug'),
        Type.Literal('info'),
        Type.Literal('warn'),
        Type.Literal('error'),
      ],
      { default: 'info' },
    ),
  },
  { additionalProperties: false, default: {} },
);
