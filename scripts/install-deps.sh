#!/bin/sh
# Install the Debian packages scout needs to build, test and benchmark.
# Run as root (or with sudo) on Debian 12. Idempotent.
set -eu
PKGS="build-essential pkg-config zlib1g-dev libzstd-dev libexpat1-dev libutf8proc-dev
      libxxhash-dev libsqlite3-dev libcmocka-dev libjansson-dev python3 time"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends $missing
fi
echo "dependencies installed"
