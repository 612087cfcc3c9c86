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
# freeze's embedded monospace font and falls back to a proportional one
# unless JetBrains Mono (freeze's font) is installed: with the font,
# rsvg-convert renders; without it, freeze runs with an empty PATH and
# renders with its own (its WebAssembly renderer crashes on some kernels).
# freeze itself crashes now and then (a fault in its garbage collector's
# stack scan): each frame is tried three times.
freeze_png() {
	for _ in 1 2 3; do
		if command -v rsvg-convert >/dev/null && fc-list 2>/dev/null | grep "JetBrains Mono" >/dev/null; then
			"$FREEZE" "$@" 2>/dev/null && return 0
		else
			PATH=/nonexistent "$FREEZE" "$@" 2>/dev/null && return 0
		fi
	done
	return 1
}
for f in screenshots/*.ansi; do
	base=${f%.ansi}
	freeze_png "$f" -o "$base.png" --language ansi --window=false --padding 10 --font.size 7 >/dev/null || {
		echo "screenshots.sh: freeze failed on $f; with fonts-jetbrains-mono and librsvg2-bin installed it renders through rsvg-convert" >&2
		exit 1
	}
	if command -v convert >/dev/null && convert -version >/dev/null 2>&1; then
		convert "$base.png" -colors 32 -strip "$base.png"
	fi
	chmod 0644 "$base.png"
done
freeze_png screenshots/demo-120x40.ansi -o screenshots/demo-120x40.svg --language ansi --window=false --padding 10 --font.size 14 >/dev/null
ls -la screenshots
