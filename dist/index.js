import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);

// src/action/main.ts
process.stdout.write("tsbuild action\n");
