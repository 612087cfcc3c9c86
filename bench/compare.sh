#!/usr/bin/env bash
# compare.sh [LINES] [RUNS]: generates one realistic maillog (bench/genlog,
# default 1,000,000 lines), then times mxtop report, pflogsumm (when
# installed), grep -c and a bare Go line reader on it, alternating, RUNS
# times each (default 5), and prints medians, ratios and peak RSS
# (/usr/bin/time). Everything runs on this machine, on local files.
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${1:-1000000}
RUNS=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log=$work/maillog
[ -x /usr/bin/time ] || { echo "compare.sh: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }
go build -o "$work/mxtop" .
go build -o "$work/linecount" ./bench/linecount
go run ./bench/genlog -n "$LINES" -seed 1 -o "$log"
echo "log: $LINES lines, $(( $(stat -c %s "$log") / 1048576 )) MiB; $(nproc) cores; $(date -u +%Y-%m-%d)"

declare -A cmds=(
	[mxtop]="$work/mxtop report --log $log --format json --postconf testdata/lab/postconf-n.txt --master testdata/lab/postconf-M.txt"
	[grep]="grep -c status=deferred $log"
	[go-lines]="$work/linecount $log"
)
order=(mxtop grep go-lines)
if command -v pflogsumm >/dev/null; then
	cmds[pflogsumm]="pflogsumm $log"
	order+=(pflogsumm)
fi
cat "$log" >/dev/null # warm the page cache
# bash's own clock, to the millisecond: a date(1) before and after would
# add its own start to each time (some 10 ms on a small virtual machine).
TIMEFORMAT=%3R
for ((r = 1; r <= RUNS; r++)); do
	for name in "${order[@]}"; do
		t=$({ time /usr/bin/time -f "%M" -o "$work/t" ${cmds[$name]} >/dev/null 2>&1; } 2>&1)
		echo "$t $(cat "$work/t")" >>"$work/$name.runs"
	done
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf "%-10s %10s %12s %14s\n" tool "median s" "lines/s" "peak RSS MiB"
declare -A med
for name in "${order[@]}"; do
	med[$name]=$(cut -d' ' -f1 "$work/$name.runs" | median)
	rss=$(cut -d' ' -f2 "$work/$name.runs" | sort -n | tail -1)
	printf "%-10s %10.3f %12.0f %14.1f\n" "$name" "${med[$name]}" "$(echo "$LINES / ${med[$name]}" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
done
printf "mxtop takes %.1fx the bare line reader's time, %.1fx grep -c's" "$(echo "${med[mxtop]} / ${med[go-lines]}" | bc -l)" "$(echo "${med[mxtop]} / ${med[grep]}" | bc -l)"
if [ -n "${med[pflogsumm]:-}" ]; then
	printf "; %.1fx faster than pflogsumm" "$(echo "${med[pflogsumm]} / ${med[mxtop]}" | bc -l)"
fi
echo
