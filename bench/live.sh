#!/usr/bin/env bash
# live.sh [SECONDS] [RATE]: the TUI's cost on a live log. Starts mxtop in
# tmux (120x40, 4 Hz) following a file that grows by RATE lines/s (default
# 200) from a generated maillog for SECONDS (default 60), then prints the
# CPU share of one core it used, its peak RSS and the first-frame time.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-60}
RATE=${2:-200}
work=$(mktemp -d)
sess=mxtop-live-$$
trap 'tmux kill-session -t "$sess" 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/mxtop" .
go run ./bench/genlog -n $((SECS * RATE + 1000)) -seed 3 -o "$work/source.log"
: >"$work/mail.log"
start=$(date +%s%N)
tmux new -d -s "$sess" -x 120 -y 40 "$work/mxtop --log $work/mail.log --no-color ${MXTOP_FLAGS:-}"
for _ in $(seq 1 100); do
	tmux capture-pane -p -t "$sess" | grep -q "1 Destinations" && break
	sleep 0.01
done
first=$(( ($(date +%s%N) - start) / 1000000 ))
pid=$(pgrep -f "^$work/mxtop --log" | head -1)
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
c0=$(ticks)
t0=$(date +%s%N)
peak=0
for ((s = 0; s < SECS; s++)); do
	sed -n "$((s * RATE + 1)),$(((s + 1) * RATE))p" "$work/source.log" >>"$work/mail.log"
	rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
	[ "$rss" -gt "$peak" ] && peak=$rss
	sleep 1
done
c1=$(ticks)
t1=$(date +%s%N)
cpu=$(echo "($c1 - $c0) / $hz / (($t1 - $t0) / 1000000000) * 100" | bc -l)
printf "live: %d lines/s for %d s: %.2f%% of one core, peak RSS %.1f MiB, first frame %d ms\n" "$RATE" "$SECS" "$cpu" "$(echo "$peak / 1024" | bc -l)" "$first"
