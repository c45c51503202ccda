#!/usr/bin/env bash
# Builds the regtest daemons (btcd, btcctl, lnd, lncli) pinned by go.mod/go.sum
# in this folder into
#   ${FLASH_REGTEST_CACHE:-$HOME/.cache/flash-regtest}/<hash>/bin/
# where <hash> is derived from go.mod, go.sum and this script. The build is
# skipped when that folder is already complete. The folder is printed as the
# last line of stdout; everything else goes to stderr.
#
# Go's own caches (GOCACHE, GOMODCACHE) keep their defaults, so every checkout
# and CI run on the same machine reuses downloaded modules and compiled packages.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache_root="${FLASH_REGTEST_CACHE:-$HOME/.cache/flash-regtest}"

if ! command -v go >/dev/null 2>&1; then
  for candidate in /usr/local/go/bin /usr/lib/go/bin; do
    if [[ -x "$candidate/go" ]]; then PATH="$candidate:$PATH"; break; fi
  done
fi
if ! command -v go >/dev/null 2>&1; then
  echo "build.sh: 'go' (1.21 or newer) is not on PATH; it is needed to build btcd and lnd" >&2
  exit 2
fi

hash="$(cat "$here/go.mod" "$here/go.sum" "$here/build.sh" | sha256sum | cut -c1-16)"
out="$cache_root/$hash"
bins=(btcd btcctl lnd lncli)

complete() {
  local b
  for b in "${bins[@]}"; do [[ -x "$out/bin/$b" ]] || return 1; done
}

if complete; then
  echo "build.sh: binaries up to date in $out/bin" >&2
  echo "$out/bin"
  exit 0
fi

mkdir -p "$cache_root"
# One build at a time per cache (parallel test JVMs may all call this script).
exec 9>"$cache_root/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if complete; then
  echo "$out/bin"
  exit 0
fi

tmp="$out.tmp.$$"
rm -rf "$tmp"
mkdir -p "$tmp/bin"
trap 'rm -rf "$tmp"' EXIT

cd "$here"
export CGO_ENABLED=0
# go.sum is committed: refuse to build if it does not match go.mod.
export GOFLAGS="-mod=readonly ${GOFLAGS:-}"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
lnd_tags="signrpc walletrpc chainrpc invoicesrpc"
lnd_ldflags="-X github.com/lightningnetwork/lnd/build.Commit=v0.17.5-beta"

build() { # name tags ldflags package
  local start end
  start=$(date +%s.%N)
  go build -trimpath -tags "$2" -ldflags "$3" -o "$tmp/bin/$1" "$4"
  end=$(date +%s.%N)
  awk -v n="$1" -v s="$start" -v e="$end" 'BEGIN { printf "build.sh: built %-6s in %6.1f s\n", n, e - s }' >&2
}

echo "build.sh: building into $out with $(go version)" >&2
build btcd "" "" github.com/btcsuite/btcd
build btcctl "" "" github.com/btcsuite/btcd/cmd/btcctl
build lnd "$lnd_tags" "$lnd_ldflags" github.com/lightningnetwork/lnd/cmd/lnd
build lncli "$lnd_tags" "$lnd_ldflags" github.com/lightningnetwork/lnd/cmd/lncli

rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT
echo "$out/bin"
