import { randomBytes } from 'node:crypto';

/** A fresh site secret for a deployment whose topology gives none: 256 random bits, base64url. */
export function newSiteSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A fresh control API token for one deployment: 192 random bits, base64url (32 characters). */
export function newControlToken(): string {
  return randomBytes(24).toString('base64url');
}
