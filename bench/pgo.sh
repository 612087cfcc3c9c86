#!/usr/bin/env bash
# pgo.sh [LINES] [RUNS]: rewrites default.pgo, the CPU profile `go build`
# optimises mxtop with (profile-guided optimisation, on by default for a
# main package that has one). The profile is of `mxtop report` on a
# generated maillog (bench/genlog, default 1,000,000 lines), RUNS times
# (default 5) merged: the parser and the analyzers it exercises are what
# every mode (the live view, serve, report) spends its time in. Run it
# after changing the parser or the analyzers, then bench/compare.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${1:-1000000}
RUNS=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/mxtop" .
go run ./bench/genlog -n "$LINES" -seed 1 -o "$work/maillog"
profiles=()
for ((r = 1; r <= RUNS; r++)); do
	"$work/mxtop" report --log "$work/maillog" --format json --postconf testdata/lab/postconf-n.txt \
		--master testdata/lab/postconf-M.txt --cpuprofile "$work/cpu$r.prof" >/dev/null
	profiles+=("$work/cpu$r.prof")
done
go tool pprof -proto "${profiles[@]}" >"$work/merged.pgo" 2>/dev/null
mv "$work/merged.pgo" default.pgo
echo "default.pgo: $(stat -c %s default.pgo) bytes from $RUNS runs on $LINES lines"
