import { randomBytes, timingSafeEqual } from 'node:crypto';
import { credentialKey, proofOf, type CredentialPurpose } from '../../contract/site-credentials.js';
import type { SecurityConfig } from '../config/security-schema.js';
import type { TlsContext } from '../net/tls-context.js';

/** What a handshake carries to prove its site (issue 17). */
export interface HandshakeProof {
  /** The proving site. */
  dsid: number;
  /** Real wall-clock ms when it was made (not the site's skewable clock). */
  atMs: number;
  /** 16 random bytes, hex: a proof is taken once. */
  nonce: string;
  /** HMAC-SHA256 of the purpose, both sites, the time, the nonce and the handshake's fields. */
  proof: string;
}

/** A proof older or newer than this (real time) is refused: bounds the replay cache. */
export const PROOF_AGE_MAX_MS = 300_000;
/** Proofs remembered to refuse a replay; the oldest is forgotten beyond it. */
export const PROOF_NONCES_MAX = 100_000;

export type Context = readonly (string | number)[];

function isProof(value: unknown): value is HandshakeProof {
  const p = value as Partial<HandshakeProof> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    Number.isInteger(p.dsid) &&
    typeof p.atMs === 'number' &&
    typeof p.nonce === 'string' &&
    /^[0-9a-f]{32}$/.test(p.nonce) &&
    typeof p.proof === 'string' &&
    p.proof.length <= 128
  );
}

/**
 * A process's credentials: the proofs its handshakes carry and the check of the proofs it is
 * offered. `Credentials.none()` when the configuration has no `security`: nothing is proved,
 * everything is taken.
 */
export class Credentials {
  readonly #config: SecurityConfig | undefined;
  readonly #dsid: number;
  readonly #seen = new Map<string, number>();
  readonly #now: () => number;

  /** The process's TLS (its site's certificate and the CA), when its site uses TLS. */
  readonly tls: TlsContext | undefined;

  constructor(
    config: SecurityConfig | undefined,
    dsid: number,
    now: () => number = Date.now,
    tls?: TlsContext,
  ) {
    this.tls = tls;
    this.#config = config;
    this.#dsid = dsid;
    this.#now = now;
  }

  static none(dsid: number): Credentials {
    return new Credentials(undefined, dsid);
  }

  get enabled(): boolean {
    return this.#config !== undefined;
  }

  /** The proof of a handshake to site `toDsid` for `purpose`; undefined when off. */
  prove(purpose: CredentialPurpose, toDsid: number, context: Context): HandshakeProof | undefined {
    if (!this.#config) return undefined;
    const key = credentialKey(this.#config.siteSecret, purpose, this.#dsid, toDsid);
    const atMs = this.#now();
    const nonce = randomBytes(16).toString('hex');
    const proof = proofOf(key, purpose, this.#dsid, toDsid, atMs, nonce, context);
    return { dsid: this.#dsid, atMs, nonce, proof };
  }

  /**
   * Why a handshake claiming `purpose` from the site in its proof is refused, or undefined
   * when it is taken (always, when off). `fromDsid`, when given, is the site the handshake
   * says it comes from: the proof must be that site's.
   */
  refusal(
    purpose: CredentialPurpose,
    offered: unknown,
    context: Context,
    fromDsid?: number,
  ): string | undefined {
    if (!this.#config) return undefined;
    if (offered === undefined) return 'no credentials (this site requires authentication)';
    if (!isProof(offered)) return 'credentials of the wrong shape';
    if (fromDsid !== undefined && offered.dsid !== fromDsid)
      return `credentials of site ${offered.dsid} for a handshake from site ${fromDsid}`;
    const key = this.#keyOf(purpose, offered.dsid);
    if (!key) return `site ${offered.dsid} is not connected to this site for ${purpose} traffic`;
    const ageMs = Math.abs(this.#now() - offered.atMs);
    if (!(ageMs <= PROOF_AGE_MAX_MS))
      return `credentials made ${Math.round(ageMs)} ms away from now`;
    const expected = Buffer.from(
      proofOf(key, purpose, offered.dsid, this.#dsid, offered.atMs, offered.nonce, context),
      'base64url',
    );
    const given = Buffer.from(offered.proof, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return `wrong credentials for site ${offered.dsid}`;
    if (this.#seen.has(offered.nonce)) return 'credentials already used (a replay)';
    this.#remember(offered.nonce);
    return undefined;
  }

  #keyOf(purpose: CredentialPurpose, fromDsid: number): string | undefined {
    const config = this.#config!;
    if (purpose === 'site')
      return fromDsid === this.#dsid
        ? credentialKey(config.siteSecret, 'site', fromDsid, fromDsid)
        : undefined;
    if (fromDsid === this.#dsid) return undefined;
    const keys = purpose === 'gateway' ? config.gatewayFrom : config.locatorsFrom;
    return keys[String(fromDsid)];
  }

  #remember(nonce: string): void {
    const nowMs = this.#now();
    this.#seen.set(nonce, nowMs);
    for (const [old, atMs] of this.#seen) {
      if (this.#seen.size <= PROOF_NONCES_MAX && nowMs - atMs <= 2 * PROOF_AGE_MAX_MS) break;
      this.#seen.delete(old);
    }
  }
}
