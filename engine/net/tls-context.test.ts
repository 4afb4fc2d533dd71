import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { connectFramed, FramedSocket } from './framed-socket.js';
import { createPortServer, loadTls, type TlsFiles } from './tls-context.js';

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A CA and one certificate for 127.0.0.1, made with openssl as the harness makes them. */
function certificates(dir: string): TlsFiles {
  const run = (args: string[]): void => void execFileSync('openssl', args, { stdio: 'pipe' });
  const at = (name: string): string => join(dir, name);
  run([
    'req',
    '-x509',
    ...EC,
    '-keyout',
    at('ca.key'),
    '-out',
    at('ca.crt'),
    '-days',
    '1',
    '-subj',
    '/CN=ca',
  ]);
  run(['req', ...EC, '-keyout', at('s.key'), '-out', at('s.csr'), '-subj', '/CN=site']);
  writeFileSync(at('s.ext'), 'subjectAltName=IP:127.0.0.1\n');
  run(
    ['x509', '-req', '-in', at('s.csr'), '-CA', at('ca.crt'), '-CAkey', at('ca.key')].concat([
      '-CAcreateserial',
      '-out',
      at('s.crt'),
      '-days',
      '1',
      '-extfile',
      at('s.ext'),
    ]),
  );
  return {
    certFile: at('s.crt'),
    keyFile: at('s.key'),
    caFile: at('ca.crt'),
    requireClientCert: true,
  };
}

test('a TLS port serves TLS clients of its CA and drops plain-text ones and strangers, counted', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'wanlab-tls-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const tls = loadTls(certificates(dir));
  const failures: string[] = [];
  const server = createPortServer(
    tls,
    (raw: Socket) => {
      const socket = new FramedSocket(raw, 1 << 20);
      socket.onMessage((message) => socket.send({ echo: message }));
    },
    (_peer, error) => failures.push(error.message),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const address = { host: '127.0.0.1', port: (server.address() as AddressInfo).port };

  const client = await connectFramed(address, 2000, undefined, tls.client);
  const answer = new Promise((resolve) => client.onMessage(resolve));
  client.send({ t: 'hello' });
  assert.deepEqual(await answer, { echo: { t: 'hello' } });
  client.close();

  const plain = connect(address);
  plain.on('error', () => undefined);
  plain.write(Buffer.from([0, 0, 0, 1, 0xc0]));
  await new Promise((resolve) => plain.once('close', resolve));
  assert.equal(failures.length, 1, 'the plain-text client is counted');

  const { cert: _cert, key: _key, ...noCertificate } = tls.client;
  await assert.rejects(async () => {
    const stranger = await connectFramed(address, 2000, undefined, noCertificate);
    await new Promise((resolve, reject) => {
      stranger.onClose((error) => (error ? reject(error) : reject(new Error('closed'))));
      stranger.onMessage(resolve);
      stranger.send({ t: 'hello' });
    });
  });
});
