import { randomBytes } from 'node:crypto';

/** A fresh control API token for one deployment: 192 random bits, base64url (32 characters). */
export function newControlToken(): string {
  return randomBytes(24).toString('base64url');
}
