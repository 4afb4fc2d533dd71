import { createHmac } from 'node:crypto';
import { Type } from '@sinclair/typebox';

/**
 * Per-site secrets (issue 17). Each site has one secret; nothing else of the deployment holds
 * it. What another site needs to check a site's handshakes is a key derived from that secret
 * for one purpose (and, for gateways, one receiving site), so a site that accepts another's
 * senders cannot pose as that site's senders to a third site. The harness derives the keys a
 * process accepts; an engine derives the keys it proves with from its own site's secret.
 */
export const SITE_SECRET_CHARACTERS_MIN = 32;
export const SITE_SECRET_CHARACTERS_MAX = 256;

export const SiteSecretSchema = Type.String({
  minLength: SITE_SECRET_CHARACTERS_MIN,
  maxLength: SITE_SECRET_CHARACTERS_MAX,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'a site secret: base64url, 32 to 256 characters',
});

/** A derived key: 64 hex digits (HMAC-SHA256). */
export const CredentialKeySchema = Type.String({ pattern: '^[0-9a-f]{64}$' });

/**
 * `site`: members and locators of one site among themselves; `gateway`: a site's senders to
 * one receiving site; `locator`: a site's locators to any other site's locators (a locator
 * dials addresses whose site it does not know, so this key names no receiving site).
 */
export type CredentialPurpose = 'site' | 'gateway' | 'locator';

/** The key site `fromDsid` proves its `purpose` handshakes with (towards `toDsid` for gateways). */
export function credentialKey(
  siteSecret: string,
  purpose: CredentialPurpose,
  fromDsid: number,
  toDsid: number,
): string {
  const to = purpose === 'locator' ? '*' : String(toDsid);
  return createHmac('sha256', siteSecret)
    .update(`wanlab-credential\n${purpose}\n${fromDsid}\n${to}`)
    .digest('hex');
}

/** A locator dials addresses without knowing their site: its proofs name no receiving site. */
export function proofTarget(purpose: CredentialPurpose, toDsid: number): number {
  return purpose === 'locator' ? -1 : toDsid;
}

/**
 * The proof a handshake carries (base64url HMAC-SHA256 with a credential key) over the
 * purpose, both sites, the time it was made, its nonce and the handshake's own fields.
 */
export function proofOf(
  key: string,
  purpose: CredentialPurpose,
  fromDsid: number,
  toDsid: number,
  atMs: number,
  nonce: string,
  context: readonly (string | number)[],
): string {
  return createHmac('sha256', key)
    .update(
      JSON.stringify([purpose, fromDsid, proofTarget(purpose, toDsid), atMs, nonce, ...context]),
    )
    .digest('base64url');
}
