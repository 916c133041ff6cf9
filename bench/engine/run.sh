#!/usr/bin/env bash
# Engine bench: tsbuild vs Docker's BuildKit (a private dockerd) vs buildah on the same
# Dockerfiles. Needs root. Peers come from Debian: apt-get install docker.io buildah
# (a peer whose binary is missing is skipped with the reason printed).
#   bench/engine/run.sh [--runs N] [--only REGEX] [--tools tsbuild,tsbuild-oci,docker,buildah] [--json FILE]
# SKIP_BUILD=1 skips `npm run build` (dist/cli.js is what gets measured).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${SKIP_BUILD:-}" != 1 ]]; then npm run build >/dev/null; fi
exec node bench/engine/run.ts "$@"
