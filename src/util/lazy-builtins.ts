/**
 * Node built-ins a fully cached build never calls, loaded on first use rather than when the
 * engine's modules are initialised: node:zlib (~1.5 ms) and node:child_process (~0.7 ms) of
 * every process start here. Types still come from `import type`, which loads nothing.
 */
import type * as ChildProcessModule from 'node:child_process';
import type * as ZlibModule from 'node:zlib';

export function childProcess(): typeof ChildProcessModule {
  return process.getBuiltinModule('node:child_process');
}

export function zlib(): typeof ZlibModule {
  return process.getBuiltinModule('node:zlib');
}
