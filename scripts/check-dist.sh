#!/usr/bin/env bash
# Fails when the committed dist/ differs from a fresh `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s build
if ! git diff --quiet --exit-code -- dist; then
  echo "dist/ is stale: run 'npm run build' and commit the result" >&2
  git --no-pager diff --stat -- dist >&2
  exit 1
fi
if [ -n "$(git ls-files --others --exclude-standard -- dist)" ]; then
  echo "dist/ has uncommitted new files:" >&2
  git ls-files --others --exclude-standard -- dist >&2
  exit 1
fi
echo "dist/ is up to date"
