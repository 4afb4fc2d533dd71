import { createServer } from 'node:net';

/**
 * The ceiling's far end: a bare TCP server that reads and discards bytes and answers one
 * byte once it has read `--bytes` of them. Run as its own process, like a receiver.
 */
const at = process.argv.indexOf('--bytes');
const expectedBytes = Number(process.argv[at + 1]);
if (at < 0 || !Number.isInteger(expectedBytes) || expectedBytes <= 0) {
  process.stderr.write('usage: tcp-sink --bytes <n>\n');
  process.exit(2);
}

const server = createServer((socket) => {
  let received = 0;
  socket.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received >= expectedBytes) socket.end(Buffer.from([1]));
  });
  socket.on('error', () => socket.destroy());
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as { port: number }).port}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
