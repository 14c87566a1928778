#!/usr/bin/env bash
# Installs what the extension-host tests, the UI tests and `npm start` need beyond `npm install`:
# a real VS Code to run the extension in (code-server, i.e. VS Code's own server + web workbench) and
# a browser to render the workbench (Chromium). Idempotent: a second run only checks and exits.
#
# Usage: bash scripts/setup-host.sh host|ui|start
#   host   extension-host tests: nothing to do when they run in desktop VS Code
#   ui     Playwright UI tests: always code-server + Chromium (they drive the web workbench)
#   start  `npm start`: nothing to do on a desktop that has VS Code (`code` on PATH and a display)
#
# Environment: STREAMSHIFT_HOST_CACHE (default ~/.cache/streamshift-host) holds code-server, outside
# the repository: it is ~300 MB with native modules, and not a dependency of the extension.
set -euo pipefail

purpose=${1:-host}
repo=$(cd "$(dirname "$0")/.." && pwd)
code_server_version=4.100.3
cache=${STREAMSHIFT_HOST_CACHE:-$HOME/.cache/streamshift-host}
prefix=$cache/code-server-$code_server_version

# Which VS Code each purpose uses is decided in one place, the harness's host-choice.ts.
choice() { (cd "$repo" && node --import tsx test/harness/host-choice.ts "$1"); }
case $purpose in
  host)
    if [ "$(choice tests)" = electron ]; then
      echo "setup-host: host tests run in desktop VS Code (@vscode/test-electron); nothing to install"
      exit 0
    fi
    ;;
  start)
    if [ "$(choice start)" = desktop ]; then
      echo "setup-host: npm start opens desktop VS Code; nothing to install"
      exit 0
    fi
    ;;
  ui) ;;
  *)
    echo "usage: setup-host.sh host|ui|start" >&2
    exit 2
    ;;
esac

# code-server 4.100.x (VS Code 1.100) runs its server on the Node it is installed with and supports
# Node 20 only; later code-server releases need Node 22, which VS Code 1.100 does not match.
if ! node -v | grep -q '^v20\.'; then
  echo "setup-host: code-server $code_server_version needs Node 20 (found $(node -v))" >&2
  exit 1
fi

code_server_ready() {
  [ -f "$prefix/.installed" ] && [ -x "$prefix/node_modules/.bin/code-server" ]
}

# Debian packages (with their recommends: fonts-liberation and Mesa, which the workbench renders with):
# chromium always; libkrb5-dev (headers for code-server's native `kerberos` module)
# and ripgrep (seeds @vscode/ripgrep, see below) only while code-server still has to be installed.
packages=()
if [ -z "${CHROMIUM_BIN:-}" ] && ! command -v chromium >/dev/null 2>&1; then packages+=(chromium); fi
if ! code_server_ready; then
  dpkg -s libkrb5-dev >/dev/null 2>&1 || packages+=(libkrb5-dev)
  command -v rg >/dev/null 2>&1 || packages+=(ripgrep)
fi
if [ ${#packages[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-host: please install ${packages[*]} (no apt-get here), or set CHROMIUM_BIN" >&2
    exit 1
  fi
  sudo=()
  if [ "$(id -u)" != 0 ]; then sudo=(sudo); fi
  echo "setup-host: apt-get install ${packages[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${packages[@]}"
fi

if code_server_ready; then
  echo "setup-host: code-server $code_server_version present in $prefix"
  exit 0
fi

# Install into a staging folder and rename at the end, so an interrupted install never looks finished.
staging=$prefix.partial
rm -rf "$staging"
mkdir -p "$staging/tmp"
echo '{ "private": true }' >"$staging/package.json"

# @vscode/ripgrep's postinstall downloads `rg` from GitHub, which CI machines cannot reach. It first
# looks in its download cache ($TMPDIR/vscode-ripgrep-cache-<its version>/<asset>): put Debian's rg
# there. The asset name is the one @vscode/ripgrep 1.15.11 (code-server 4.100.3) asks for on x64.
rg_cache=$staging/tmp/vscode-ripgrep-cache-1.15.11
mkdir -p "$rg_cache"
tar -C "$(dirname "$(command -v rg)")" -czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg

echo "setup-host: npm install code-server@$code_server_version into $prefix (takes a few minutes)"
started=$(date +%s)
# unsafe_perm: as root, npm would otherwise run code-server's postinstall (which runs `npm install`
# in lib/vscode) as nobody. HOME stays as is: node-gyp finds the Node headers through the user's npmrc.
(cd "$staging" && TMPDIR=$staging/tmp npm_config_yes=true npm_config_unsafe_perm=true \
  npm install --no-audit --no-fund --loglevel=error "code-server@$code_server_version")
test -f "$staging/node_modules/code-server/lib/vscode/out/server-main.js"
test -x "$staging/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
rm -rf "$staging/tmp"
date -u +%FT%TZ >"$staging/.installed"
rm -rf "$prefix"
mv "$staging" "$prefix"
echo "setup-host: code-server $code_server_version installed in $(($(date +%s) - started)) s"
