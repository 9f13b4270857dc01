// Runs a WASI command module under Node's V8 and prints the time spent in instantiate + _start
// on stderr as "edgewasm-bench-ms <ms>", so the harness can time execution the same way for every engine.
// Usage: node --no-warnings node-wasi.mjs module.wasm [args...]
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import { argv, env, exit, stderr } from 'node:process';

const [, , file, ...args] = argv;
const bytes = await readFile(file);
const module = await WebAssembly.compile(bytes);
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env: {}, preopens: {}, returnOnExit: true });
const start = process.hrtime.bigint();
const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
const code = wasi.start(instance);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
stderr.write(`edgewasm-bench-ms ${ms.toFixed(3)}\n`);
exit(code ?? 0);
