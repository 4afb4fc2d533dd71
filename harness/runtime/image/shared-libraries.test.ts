import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHarnessError } from '../../errors.js';
import { parseLdd, sharedLibraries } from './shared-libraries.js';

const NODE_LDD = `	linux-vdso.so.1 (0x00007fbdbe3d9000)
	libdl.so.2 => /lib/x86_64-linux-gnu/libdl.so.2 (0x00007fbdbe3c3000)
	libstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007fbdbe000000)
	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007fbdbde1e000)
	/lib64/ld-linux-x86-64.so.2 (0x00007fbdbe3db000)
`;

test('ldd output gives every library and the loader, not the vdso', () => {
  assert.deepEqual(parseLdd(NODE_LDD, 'node'), [
    '/lib/x86_64-linux-gnu/libdl.so.2',
    '/lib/x86_64-linux-gnu/libstdc++.so.6',
    '/lib/x86_64-linux-gnu/libc.so.6',
    '/lib64/ld-linux-x86-64.so.2',
  ]);
});

test('a static binary needs no library', () => {
  assert.deepEqual(parseLdd('\tnot a dynamic executable\n', 'toxiproxy-server'), []);
  assert.deepEqual(parseLdd('\tstatically linked\n', 'x'), []);
});

test('a library ldd cannot find is an error naming it', () => {
  assert.throws(
    () => parseLdd('\tlibssl.so.3 => not found\n', 'addon.node'),
    (error: unknown) =>
      isHarnessError(error) && /addon\.node needs libssl\.so\.3/.test(error.message),
  );
});

test("this machine's node binary loads libc", () => {
  assert.ok(sharedLibraries(process.execPath).some((path) => /libc\.so/.test(path)));
});
