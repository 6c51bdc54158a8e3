#!/usr/bin/env bash
# Builds a release binary and installs it with its rules:
#   PREFIX/bin/yakuji                 the program (Swift runtime linked in: it needs only libxml2 at run time)
#   PREFIX/share/yakuji/Rules         the rules it finds there (see "Install" in the README for the search order)
# Usage: Scripts/install.sh [PREFIX]      (default /usr/local; or set PREFIX)
set -euo pipefail
prefix="${1:-${PREFIX:-/usr/local}}"
cd "$(dirname "$0")/.."

swift build -c release --static-swift-stdlib
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)"

install -d "$prefix/bin" "$prefix/share/yakuji"
install -m 0755 "$bin/yakuji" "$prefix/bin/yakuji"
# Replace the rules as a whole, so rules removed upstream do not linger.
staging="$prefix/share/yakuji/.Rules.installing"
rm -rf "$staging"
cp -R Rules "$staging"
rm -rf "$prefix/share/yakuji/Rules"
mv "$staging" "$prefix/share/yakuji/Rules"

"$prefix/bin/yakuji" --version
