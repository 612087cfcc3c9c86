#!/usr/bin/env bash
# Regenerates screenshots/: the demo at a fixed point of its incident,
# rendered by View() to .ansi frames (TestScreenshots), then to PNG and SVG
# with freeze (github.com/charmbracelet/freeze). PNGs are reduced to 32
# colours with ImageMagick when it is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
FREEZE=${FREEZE:-$(go env GOPATH)/bin/freeze}
[ -x "$FREEZE" ] || go install github.com/charmbracelet/freeze@v0.2.2
MXTOP_SCREENSHOTS=1 go test ./model -run TestScreenshots -count=1 >/dev/null
# freeze hands its PNG to rsvg-convert when that is on PATH, which lacks
# freeze's embedded monospace font and falls back to a proportional one:
# freeze runs with an empty PATH so that it renders with its own.
for f in screenshots/*.ansi; do
	base=${f%.ansi}
	PATH=/nonexistent "$FREEZE" "$f" -o "$base.png" --language ansi --window=false --padding 10 --font.size 7 >/dev/null
	if command -v convert >/dev/null && convert -version >/dev/null 2>&1; then
		convert "$base.png" -colors 32 -strip "$base.png"
	fi
	chmod 0644 "$base.png"
done
PATH=/nonexistent "$FREEZE" screenshots/demo-120x40.ansi -o screenshots/demo-120x40.svg --language ansi --window=false --padding 10 --font.size 14 >/dev/null
ls -la screenshots
