#!/usr/bin/env bash
# since.sh [GIB] [RUNS]: how soon `mxtop --log BIG --since 1h` draws its
# first frame with data when BIG is a large log (GIB GiB, default 5) whose
# last hour, at its end, holds about 70,000 lines. The bulk of the log
# (bench/genlog, about 20 lines/s over weeks) is made once and kept in
# SINCE_DIR (default /tmp/mxtop-since; 5 GiB needs about 5.5 GB of disk and
# takes a minute or two); each run of the script appends a freshly
# generated hour ending now. Each of RUNS runs (default 7) starts mxtop in
# tmux (120x40) and polls the screen every 10 ms until a log line of the
# window shows; it prints each time from launch and their median.
# MXTOP_BIN runs another build; MXTOP_FLAGS adds flags. Needs tmux and bc.
# Delete SINCE_DIR afterwards to get the disk back.
set -euo pipefail
cd "$(dirname "$0")/.."
GIB=${1:-5}
RUNS=${2:-7}
dir=${SINCE_DIR:-/tmp/mxtop-since}
mkdir -p "$dir"
work=$(mktemp -d)
sess=mxtop-since-$$
trap 'tmux kill-session -t "$sess" 2>/dev/null || true; tmux kill-session -t "$sess-keep" 2>/dev/null || true; rm -rf "$work"' EXIT
bin=${MXTOP_BIN:-}
if [ -z "$bin" ]; then
	go build -o "$work/mxtop" .
	bin=$work/mxtop
fi
go build -o "$work/genlog" ./bench/genlog
rate=20
now=$(date +%s)
log=$dir/big-$GIB.log
# The bulk: genlog writes about 127 bytes a line and, with its random
# pauses, about 2.5% fewer lines a second than -rate; it starts early
# enough to end well before the last hour (a gap of a day or two).
if [ ! -s "$log.bulk-size" ]; then
	n=$((GIB * 1073741824 / 127))
	span=$((n / rate))
	start=$(date -u -d "@$((now - 3600 - span * 110 / 100))" +%Y-%m-%dT%H:%M:%SZ)
	"$work/genlog" -n "$n" -rate "$rate" -seed 7 -start "$start" -o "$log"
	stat -c %s "$log" >"$log.bulk-size"
fi
# The last hour, ending about a minute before now.
truncate -s "$(cat "$log.bulk-size")" "$log"
"$work/genlog" -n $((3600 * rate * 96 / 100)) -rate "$rate" -seed 11 \
	-start "$(date -u -d "@$((now - 3600))" +%Y-%m-%dT%H:%M:%SZ)" >>"$log"
echo "log: $(($(stat -c %s "$log") / 1048576)) MiB, last hour from $(date -u -d "@$((now - 3600))" +%H:%M:%S) UTC; $(nproc) cores"
# A tmux server already running, so launches do not pay for its start.
tmux new -d -s "$sess-keep" -x 20 -y 5 "sleep 3600"
for ((r = 1; r <= RUNS; r++)); do
	start=$(date +%s%N)
	tmux new -d -s "$sess" -x 120 -y 40 "$bin --log $log --since 1h --no-color ${MXTOP_FLAGS:-}"
	ms=-1
	for _ in $(seq 1 1000); do
		if tmux capture-pane -p -t "$sess" | grep -q " mx1 postfix/"; then
			ms=$((($(date +%s%N) - start) / 1000000))
			break
		fi
		sleep 0.01
	done
	tmux kill-session -t "$sess"
	[ "$ms" -ge 0 ] || { echo "since.sh: no data on screen after 10 s" >&2; exit 1; }
	echo "$ms" >>"$work/runs"
	echo "run $r: first frame with data after $ms ms"
	sleep 0.5
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "since: median first frame with data $(median <"$work/runs") ms over $RUNS runs"
