/**
 * Runs a command and guarantees it dies with its supervisor: when our stdin closes (the
 * harness exited, even by SIGKILL) or we get SIGTERM/SIGINT, the child is killed. Used for
 * programs that cannot watch their parent themselves, such as toxiproxy-server.
 *
 *   node guardian.js <command> [args...]
 */
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: guardian <command> [args...]\n');
  process.exit(2);
}
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const stop = (): void => {
  child.kill('SIGKILL');
  process.exit(0);
};
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (error) => {
  process.stderr.write(`guardian: cannot start ${command}: ${error.message}\n`);
  process.exit(127);
});
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
