import { Type, type Static } from '@sinclair/typebox';

export const AddressText = Type.String({
  pattern: '^[^\\s:]+:[0-9]{1,5}$',
  description: 'host:port',
});

/**
 * What a locator or receiver tells others to dial. Geode has one `hostname-for-senders`;
 * we key it by the asking site, because each site reaches a remote one through its own
 * per-direction proxy. `default` serves sites without an entry; absent, the real address.
 */
export const AdvertiseSchema = Type.Object(
  {
    default: Type.Optional(AddressText),
    bySite: Type.Optional(Type.Record(Type.String({ pattern: '^[0-9]+$' }), AddressText)),
  },
  { additionalProperties: false },
);
export type Advertise = Static<typeof AdvertiseSchema>;

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
