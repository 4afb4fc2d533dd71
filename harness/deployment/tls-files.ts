import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PlannedSite, PlannedTls, SitePlan } from '../../contract/index.js';
import { HarnessError } from '../errors.js';

/** Generated certificates last long enough for any run, and no longer. */
const CERT_DAYS = 7;

/** Runs openssl; its output (which may hold key material) is never printed or logged. */
function openssl(args: string[], what: string): void {
  try {
    execFileSync('openssl', args, { stdio: 'pipe' });
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new HarnessError(
      missing ? 'WANLAB_TOOL_MISSING' : 'WANLAB_TLS_FAILED',
      missing ? 'openssl is not installed' : `openssl could not ${what}`,
      missing
        ? 'install openssl (apt-get install -y openssl), or give every site its TLS files'
        : 'give every site its TLS files in the topology (sites[].security.tls)',
      { exitCode: 2 },
    );
  }
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A throwaway CA for one run: its key never leaves the run folder's tls/ (mode 0700). */
function generateCa(dir: string): { cert: string; key: string } {
  const ca = { cert: join(dir, 'ca.crt'), key: join(dir, 'ca.key') };
  openssl(
    [
      'req',
      '-x509',
      ...EC_KEY,
      '-keyout',
      ca.key,
      '-out',
      ca.cert,
      '-days',
      String(CERT_DAYS),
    ].concat(['-subj', '/CN=wanlab throwaway CA']),
    'make the CA',
  );
  return ca;
}

/** A site's key and certificate, signed by the CA, valid for the loopback addresses. */
function generateSite(dir: string, site: string, ca: { cert: string; key: string }): PlannedTls {
  const files = { key: join(dir, `${site}.key`), csr: join(dir, `${site}.csr`) };
  const certFile = join(dir, `${site}.crt`);
  const extensions = join(dir, `${site}.ext`);
  openssl(
    ['req', ...EC_KEY, '-keyout', files.key, '-out', files.csr, '-subj', `/CN=${site}`],
    `make the key of ${site}`,
  );
  execFileSync('sh', [
    '-c',
    `printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > "$1"`,
    'sh',
    extensions,
  ]);
  openssl(
    ['x509', '-req', '-in', files.csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial'].concat([
      '-out',
      certFile,
      '-days',
      String(CERT_DAYS),
      '-extfile',
      extensions,
    ]),
    `sign the certificate of ${site}`,
  );
  return { certFile, keyFile: files.key, caFile: ca.cert, requireClientCert: true };
}

/** A site's own files, copied into the run folder (a container sees only the run folder). */
function stageSite(dir: string, site: PlannedSite, tls: PlannedTls): PlannedTls {
  const staged = {
    certFile: join(dir, `${site.name}.crt`),
    keyFile: join(dir, `${site.name}.key`),
    caFile: join(dir, `${site.name}.ca.crt`),
  };
  for (const [from, to] of [
    [tls.certFile, staged.certFile],
    [tls.keyFile, staged.keyFile],
    [tls.caFile, staged.caFile],
  ] as const) {
    try {
      copyFileSync(from, to);
    } catch (error) {
      throw new HarnessError(
        'WANLAB_TLS_FAILED',
        `cannot read the TLS file ${from} of site ${site.name}: ${(error as Error).message}`,
        'fix sites[].security.tls in the topology (paths are relative to the topology file)',
        { exitCode: 2 },
      );
    }
  }
  return { ...staged, requireClientCert: tls.requireClientCert };
}

/**
 * The plan with every site's TLS files in `<runDir>/tls` when the deployment uses TLS: the
 * topology's files copied there, the others generated with the openssl CLI from a throwaway
 * CA made for this run.
 */
export function withTlsFiles(plan: SitePlan, tls: boolean, runDir: string): SitePlan {
  if (!tls) return plan;
  const dir = join(runDir, 'tls');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = plan.sites.some((site) => site.tls === undefined) ? generateCa(dir) : undefined;
  return {
    ...plan,
    sites: plan.sites.map((site) => ({
      ...site,
      tls: site.tls ? stageSite(dir, site, site.tls) : generateSite(dir, site.name, ca!),
    })),
  };
}
