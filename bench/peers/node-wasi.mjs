// Runs a WASI command module under Node's V8 and prints, on stderr, the time spent in instantiate + _start:
//   edgewasm-bench-ms <wall ms>        edgewasm-bench-cpu-ms <CPU ms, all threads of the process>
//   edgewasm-bench-compile-ms <ms>     (WebAssembly.compile, before and not included)
// so the harness can time execution the same way for every engine.
// Usage: node --no-warnings node-wasi.mjs [--dir HOSTDIR] module.wasm [args...]
//   --dir HOSTDIR   preopen HOSTDIR as "." (the guest's current directory)
import { openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import { argv, cpuUsage, exit, hrtime, stderr } from 'node:process';

let rest = argv.slice(2);
const preopens = {};
if (rest[0] === '--dir') {
  preopens['.'] = rest[1];
  rest = rest.slice(2);
}
const [file, ...args] = rest;
if (!file) {
  stderr.write('usage: node-wasi.mjs [--dir HOSTDIR] module.wasm [args...]\n');
  exit(2);
}
const bytes = await readFile(file);
const compileStart = hrtime.bigint();
const module = await WebAssembly.compile(bytes);
const compileMs = Number(hrtime.bigint() - compileStart) / 1e6;
// Node makes its own stdout pipe non-blocking, so a guest writing fast gets EAGAIN and fails; a fresh open of
// the same pipe is a separate, blocking file description, as the guest's stdout is under other runtimes.
const stdout = openSync('/dev/stdout', 'w');
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env: {}, preopens, stdout, returnOnExit: true });
const cpuStart = cpuUsage();
const start = hrtime.bigint();
const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
const code = wasi.start(instance);
const ms = Number(hrtime.bigint() - start) / 1e6;
const cpu = cpuUsage(cpuStart);
stderr.write(`edgewasm-bench-ms ${ms.toFixed(3)}\n`);
stderr.write(`edgewasm-bench-cpu-ms ${((cpu.user + cpu.system) / 1000).toFixed(3)}\n`);
stderr.write(`edgewasm-bench-compile-ms ${compileMs.toFixed(3)}\n`);
exit(code ?? 0);
