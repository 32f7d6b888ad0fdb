#!/usr/bin/env bash
# update-echarts.sh — vendor Apache ECharts so the site serves it from its own
# origin (no CDN).
#
# Usage: tools/update-echarts.sh [VERSION]
#
# VERSION must be an exact version (e.g. 6.1.0); it defaults to the pinned
# ECHARTS_VERSION below. The script runs `npm pack echarts@VERSION` in a
# temporary directory (npm checks the tarball against the registry's
# integrity hash), checks the hash once more itself, and replaces the
# contents of themes/default/static/vendor/echarts/ with:
#
#   echarts.min.js        dist/echarts.min.js (the full UMD build, global `echarts`)
#   langVI.js             i18n/langVI.js (calls echarts.registerLocale('VI', ...))
#   LICENSE               Apache-2.0 licence text of the package
#   NOTICE                the package's NOTICE file (if present)
#   licenses/LICENSE-d3   BSD licence referenced by LICENSE (if present)
#   VERSION               version and the npm tarball's sha512 integrity
#
# The output depends only on the tarball, so running the script twice gives
# byte-identical files. To upgrade: bump ECHARTS_VERSION, run the script,
# run `go test ./internal/chart/`, review the diff of VERSION.
set -euo pipefail

ECHARTS_VERSION="6.1.0"

version="${1:-$ECHARTS_VERSION}"
if [[ ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
	echo "update-echarts: '$version' is not an exact version (want e.g. $ECHARTS_VERSION)" >&2
	exit 2
fi

for tool in npm node tar; do
	command -v "$tool" >/dev/null || {
		echo "update-echarts: $tool not found" >&2
		exit 1
	}
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/themes/default/static/vendor/echarts"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# npm pack prints a JSON array describing the tarball (name, version,
# filename, integrity, ...). --ignore-scripts: never run package scripts.
(cd "$tmp" && npm pack "echarts@$version" --json --ignore-scripts --silent) >"$tmp/pack.json"

read -r got_version filename integrity < <(node -e '
	const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[0];
	console.log(p.version, p.filename, p.integrity);
' "$tmp/pack.json")

if [[ "$got_version" != "$version" ]]; then
	echo "update-echarts: asked for $version, npm packed $got_version" >&2
	exit 1
fi
if [[ "$integrity" != sha512-* ]]; then
	echo "update-echarts: unexpected integrity '$integrity'" >&2
	exit 1
fi

# Recompute the tarball's sha512 and compare with what npm reported.
computed="sha512-$(node -e '
	const h = require("crypto").createHash("sha512");
	h.update(require("fs").readFileSync(process.argv[1]));
	console.log(h.digest("base64"));
' "$tmp/$filename")"
if [[ "$computed" != "$integrity" ]]; then
	echo "update-echarts: integrity mismatch: npm says $integrity, file is $computed" >&2
	exit 1
fi

mkdir "$tmp/x"
tar -xzf "$tmp/$filename" -C "$tmp/x"
pkg="$tmp/x/package"

for f in dist/echarts.min.js i18n/langVI.js LICENSE; do
	if [[ ! -f "$pkg/$f" ]]; then
		echo "update-echarts: $f missing from echarts@$version" >&2
		exit 1
	fi
done
if ! grep -q "registerLocale('VI'" "$pkg/i18n/langVI.js"; then
	echo "update-echarts: i18n/langVI.js does not register locale 'VI'" >&2
	exit 1
fi

# Build the new directory next to the old one, then swap it in.
stage="$tmp/stage"
mkdir -p "$stage"
install -m 0644 "$pkg/dist/echarts.min.js" "$stage/echarts.min.js"
install -m 0644 "$pkg/i18n/langVI.js" "$stage/langVI.js"
install -m 0644 "$pkg/LICENSE" "$stage/LICENSE"
if [[ -f "$pkg/NOTICE" ]]; then
	install -m 0644 "$pkg/NOTICE" "$stage/NOTICE"
fi
if [[ -f "$pkg/licenses/LICENSE-d3" ]]; then
	install -D -m 0644 "$pkg/licenses/LICENSE-d3" "$stage/licenses/LICENSE-d3"
fi
printf 'echarts %s\nintegrity %s\n' "$version" "$integrity" >"$stage/VERSION"

mkdir -p "$dest"
find "$dest" -mindepth 1 -delete
cp -R "$stage/." "$dest/"

echo "update-echarts: echarts $version vendored into ${dest#"$root"/}"
