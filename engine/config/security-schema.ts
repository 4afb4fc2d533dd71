import { Type, type Static } from '@sinclair/typebox';
import { CredentialKeySchema, SiteSecretSchema } from '../../contract/site-credentials.js';

/** Keys by the distributed-system-id (as text) of the site that proves with them. */
const KeysBySite = Type.Record(Type.String({ pattern: '^[0-9]{1,3}$' }), CredentialKeySchema, {
  default: {},
});

/**
 * Authentication of a process's links (issue 17). Absent: nothing is authenticated (every
 * handshake is taken, as before issue 17). Present: every handshake this process makes
 * carries a proof from `siteSecret`, and every handshake it takes must carry one.
 */
export const SecurityConfigSchema = Type.Object(
  {
    /** This process's site secret: members and locators of the site, and what the site proves. */
    siteSecret: SiteSecretSchema,
    /** A member's receiver: the gateway keys of the sites whose senders it accepts. */
    gatewayFrom: KeysBySite,
    /** A locator: the locator keys of the sites whose locators it exchanges with. */
    locatorsFrom: KeysBySite,
  },
  { additionalProperties: false },
);
export type SecurityConfig = Static<typeof SecurityConfigSchema>;

/**
 * TLS on every link this process listens on or dials (issue 17): its site's certificate and
 * key, the CA every site's certificate is signed by, and whether its servers require a client
 * certificate. Absent: plain TCP.
 */
export const TlsConfigSchema = Type.Object(
  {
    certFile: Type.String({ minLength: 1 }),
    keyFile: Type.String({ minLength: 1 }),
    caFile: Type.String({ minLength: 1 }),
    requireClientCert: Type.Boolean({ default: true }),
  },
  { additionalProperties: false },
);
