#!/usr/bin/env bash
# journal.sh [ENTRIES] [RUNS]: builds a real journal from a generated
# maillog (bench/genlog, default 200,000 entries, through bench/tojournal
# and systemd-journal-remote), then times mxtop report on the journal
# (--journal-dir) against the same lines from a file, RUNS times each
# (default 3), alternating. The journal is timed twice: "journal" is the
# replay as it runs, reading the journal's files; "journalctl" forces the
# journalctl export path (MXTOP_JOURNAL_READER=journalctl), which follow
# mode uses. It prints the median CPU seconds (user+sys of mxtop and
# journalctl, robust to a loaded machine), wall seconds and entries per
# second of each. Needs systemd-journal-remote and /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200000}
RUNS=${2:-3}
remote=""
for p in /lib/systemd/systemd-journal-remote /usr/lib/systemd/systemd-journal-remote; do
	[ -x "$p" ] && remote=$p
done
[ -n "$remote" ] || { echo "journal.sh: systemd-journal-remote missing (apt-get install systemd-journal-remote)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "journal.sh: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/mxtop" .
go run ./bench/genlog -n "$N" -seed 1 -o "$work/mail.log"
go run ./bench/tojournal -year 2026 <"$work/mail.log" >"$work/export.txt"
mkdir "$work/journal"
"$remote" --output="$work/journal/mail.journal" "$work/export.txt" 2>/dev/null
rm "$work/export.txt"
echo "journal: $N entries, $(du -sm "$work/journal" | cut -f1) MiB in $(ls "$work/journal" | wc -l) files; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
common="report --format json --postconf testdata/lab/postconf-n.txt --master testdata/lab/postconf-M.txt"
declare -A cmds=(
	[journal]="$work/mxtop $common --journal-dir $work/journal"
	[journalctl]="env MXTOP_JOURNAL_READER=journalctl $work/mxtop $common --journal-dir $work/journal"
	[file]="$work/mxtop $common --log $work/mail.log --year 2026"
)
cat "$work/mail.log" "$work"/journal/* >/dev/null # warm the page cache
for ((r = 1; r <= RUNS; r++)); do
	for name in journal journalctl file; do
		/usr/bin/time -f "%U %S %e" -o "$work/t" ${cmds[$name]} >"$work/$name.json"
		awk '{print $1 + $2, $3}' "$work/t" >>"$work/$name.runs"
	done
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf "%-10s %10s %10s %16s %16s\n" path "CPU s" "wall s" "entries/CPU-s" "entries/s wall"
for name in journal journalctl file; do
	cpu=$(cut -d' ' -f1 "$work/$name.runs" | median)
	wall=$(cut -d' ' -f2 "$work/$name.runs" | median)
	printf "%-10s %10.2f %10.2f %16.0f %16.0f\n" "$name" "$cpu" "$wall" "$(echo "$N / $cpu" | bc -l)" "$(echo "$N / $wall" | bc -l)"
done
# All must have counted the same lines.
for name in journal journalctl file; do
	grep -o '"total": [0-9]*' "$work/$name.json" | head -1
done | uniq | wc -l | grep -qx 1 || echo "journal.sh: the journal files, journalctl and the log file gave different line counts" >&2
