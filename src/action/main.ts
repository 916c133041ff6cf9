// The action entry point: filled in by the action issue.
process.stdout.write('tsbuild action\n');
