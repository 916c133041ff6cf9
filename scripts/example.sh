#!/usr/bin/env bash
# Fresh machine → an example image built with the tsbuild CLI (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run -s build
node scripts/example.ts
