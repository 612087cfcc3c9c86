#!/usr/bin/env bash
# Drives the demo in tmux as a person would: starts it at 100x30, toggles a
# pane, opens help, takes a snapshot, quits, and checks what the screen
# showed. Exits non-zero on the first failed check.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "tmux-smoke: tmux not installed" >&2; exit 2; }
bin=$(mktemp -d)/mxtop
go build -o "$bin" .
snap=$(mktemp -d)
sess=mxtop-smoke-$$
trap 'tmux kill-session -t "$sess" 2>/dev/null || true' EXIT
tmux new -d -s "$sess" -x 100 -y 30 "$bin --demo --speed 40 --snapshot-dir $snap"
screen() { tmux capture-pane -p -t "$sess"; }
wait_for() { # text, seconds
	for _ in $(seq 1 $(( $2 * 10 ))); do
		screen | grep -q -- "$1" && return 0
		sleep 0.1
	done
	echo "tmux-smoke: '$1' not on screen after $2 s:" >&2
	screen >&2
	return 1
}
wait_for "1 Destinations" 10
wait_for "gmail.com" 30
wait_for "CRIT" 30
tmux send-keys -t "$sess" 2
sleep 0.5
if screen | grep -q "2 Concurrency"; then echo "tmux-smoke: 2 did not hide concurrency" >&2; exit 1; fi
tmux send-keys -t "$sess" '?'
wait_for "toggle destinations" 5
tmux send-keys -t "$sess" x
tmux send-keys -t "$sess" s
wait_for "snapshot written" 5
ls "$snap"/mxtop-demo-*.md >/dev/null
tmux send-keys -t "$sess" q
sleep 0.5
if tmux has-session -t "$sess" 2>/dev/null; then echo "tmux-smoke: q did not quit" >&2; exit 1; fi
echo "tmux-smoke: ok"
