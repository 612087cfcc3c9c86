#!/usr/bin/env bash
# live.sh [SECONDS] [RATE...]: the TUI's cost on a live log. For each RATE
# (lines/s; default: 0 200 2000, 0 being an idle log) it starts mxtop in
# tmux (120x40, 4 Hz) following a file that grows by RATE lines/s from a
# generated maillog for SECONDS (default 60), then prints the CPU seconds
# it used per minute of wall time (from /proc/PID/stat, which a loaded
# machine does not inflate much the way it does wall time), that as a
# share of one core, its peak RSS and the first-frame time. MXTOP_BIN runs
# another build; MXTOP_FLAGS adds flags.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-60}
shift || true
RATES=("$@")
[ ${#RATES[@]} -gt 0 ] || RATES=(0 200 2000)
work=$(mktemp -d)
sess=mxtop-live-$$
trap 'tmux kill-session -t "$sess" 2>/dev/null || true; rm -rf "$work"' EXIT
bin=${MXTOP_BIN:-}
if [ -z "$bin" ]; then
	go build -o "$work/mxtop" .
	bin=$work/mxtop
fi
max=0
for r in "${RATES[@]}"; do [ "$r" -gt "$max" ] && max=$r; done
go run ./bench/genlog -n $((SECS * max + 1000)) -seed 3 -o "$work/source.log"
hz=$(getconf CLK_TCK)
for RATE in "${RATES[@]}"; do
	: >"$work/mail.log"
	start=$(date +%s%N)
	tmux new -d -s "$sess" -x 120 -y 40 "$bin --log $work/mail.log --no-color ${MXTOP_FLAGS:-}"
	for _ in $(seq 1 200); do
		tmux capture-pane -p -t "$sess" | grep -q "1 Destinations" && break
		sleep 0.01
	done
	first=$(( ($(date +%s%N) - start) / 1000000 ))
	pid=$(pgrep -f "^$bin --log $work/mail.log" | head -1 || true)
	if [ -z "$pid" ]; then
		echo "live.sh: mxtop is not running" >&2
		exit 1
	fi
	ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
	sleep 2 # past the start-up
	c0=$(ticks)
	t0=$(date +%s%N)
	peak=0
	for ((s = 0; s < SECS; s++)); do
		if [ "$RATE" -gt 0 ]; then
			sed -n "$((s * RATE + 1)),$(((s + 1) * RATE))p" "$work/source.log" >>"$work/mail.log"
		fi
		rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
		[ -n "$rss" ] || { echo "live.sh: mxtop ended at $RATE lines/s after $s s" >&2; exit 1; }
		[ "$rss" -gt "$peak" ] && peak=$rss
		sleep 1
	done
	c1=$(ticks)
	t1=$(date +%s%N)
	tmux kill-session -t "$sess"
	perMin=$(echo "($c1 - $c0) / $hz / (($t1 - $t0) / 60000000000)" | bc -l)
	printf "live: %5d lines/s for %d s: %.2f CPU s per minute (%.2f%% of one core), peak RSS %.1f MiB, first frame %d ms\n" \
		"$RATE" "$SECS" "$perMin" "$(echo "$perMin / 60 * 100" | bc -l)" "$(echo "$peak / 1024" | bc -l)" "$first"
done
