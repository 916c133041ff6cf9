#!/usr/bin/env node
import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);

// src/errors/build-error.ts
var BuildError = class extends Error {
  code;
  hint;
  data;
  constructor(code, message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "BuildError";
    this.code = code;
    this.hint = options.hint;
    this.data = options.data ?? {};
  }
};
function isBuildError(err) {
  return err instanceof BuildError;
}

// src/cli/run.ts
var version = "0.1.0";
var usage = `Usage: tsbuild [OPTIONS] COMMAND

Commands:
  build       Build an image from a Dockerfile (flags as docker buildx build)
  imagetools  Inspect images in a registry
  du          Show disk usage of the state directory
  version     Print the version
`;
async function run(argv) {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case "--version":
      case "version":
        process.stdout.write(`tsbuild ${version}
`);
        return 0;
      case void 0:
      case "--help":
      case "-h":
      case "help":
        process.stdout.write(usage);
        return 0;
      default:
        process.stderr.write(`tsbuild: unknown command "${command}" (args: ${rest.length})
${usage}`);
        return 2;
    }
  } catch (err) {
    if (isBuildError(err)) {
      process.stderr.write(`ERROR: ${err.message}
${err.hint ? `hint: ${err.hint}
` : ""}`);
      return 1;
    }
    throw err;
  }
}

// src/cli/main.ts
process.exitCode = await run(process.argv.slice(2));
