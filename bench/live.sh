#!/usr/bin/env bash
# live.sh [SECONDS] [RATE...]: the TUI's cost on a live log. For each RATE
# (lines/s; default: 0 200 2000, 0 being an idle log) it starts mxtop in
# tmux (120x40, 4 Hz) following a file that grows by RATE lines/s from a
# generated maillog for SECONDS (default 60), then prints the CPU seconds
# it used per minute of wall time (from /proc/PID/stat, which a loaded
# machine does not inflate much the way it does wall time), that as a
# share of one core, its peak RSS and the first-frame time.
#
# Each rate runs twice: without a local Postfix (postconf reads the
# machine's configuration, postqueue finds no mail system) and with one,
# when mxtop also samples the master's processes, sockets and queue. For
# the second, as root, it starts a private Postfix instance: a copy of
# /etc/postfix in a temporary directory with its own queue and data
# directories, inet_interfaces=loopback-only, smtpd on 127.0.0.1:10025
# (LIVE_SMTP_PORT) only, no chroot and defer_transports=smtp (30 messages
# sent to it wait in its deferred queue), started with `postfix -c DIR
# start` and stopped on exit; mxtop reads it with --config-dir.
# /etc/postfix is only read. It needs root, tmux and bc;
# LIVE_POSTFIX="without" (or "with") runs one half. A Postfix master
# already running on the machine makes the "without" runs meaningless,
# and the script says so. MXTOP_BIN runs another build; MXTOP_FLAGS adds
# flags. Two builds compared side by side (two runs at once, each with
# its own LIVE_SMTP_PORT) see the same load on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-60}
shift || true
RATES=("$@")
[ ${#RATES[@]} -gt 0 ] || RATES=(0 200 2000)
work=$(mktemp -d)
sess=mxtop-live-$$
pf=$work/postfix
port=${LIVE_SMTP_PORT:-10025}
pfstop() {
	if [ -f "$pf/etc/main.cf" ]; then
		postfix -c "$pf/etc" stop >/dev/null 2>&1 || true
		# The master takes a moment to go; its pid file says when.
		for _ in $(seq 1 50); do
			[ -s "$pf/spool/pid/master.pid" ] && kill -0 "$(tr -d ' ' <"$pf/spool/pid/master.pid")" 2>/dev/null || break
			sleep 0.1
		done
	fi
}
trap 'tmux kill-session -t "$sess" 2>/dev/null || true; pfstop; rm -rf "$work"' EXIT
bin=${MXTOP_BIN:-}
if [ -z "$bin" ]; then
	go build -o "$work/mxtop" .
	bin=$work/mxtop
fi
max=0
for r in "${RATES[@]}"; do [ "$r" -gt "$max" ] && max=$r; done
go run ./bench/genlog -n $((SECS * max + 1000)) -seed 3 -o "$work/source.log"

# pfstart starts the private Postfix instance (see above).
pfstart() {
	chmod 755 "$work" # the daemons run as postfix and walk down to the queue
	mkdir -p "$pf/spool" "$pf/lib"
	cp -a /etc/postfix "$pf/etc"
	# A package installed without a configuration ("No configuration" in
	# Debian's debconf) has no main.cf: Postfix's defaults then.
	[ -f "$pf/etc/main.cf" ] || : >"$pf/etc/main.cf"
	chown postfix "$pf/lib"
	postconf -c "$pf/etc" -e "inet_interfaces = loopback-only" "inet_protocols = ipv4" \
		"queue_directory = $pf/spool" "data_directory = $pf/lib" "syslog_name = postfix-bench" \
		"maillog_file_prefixes = $pf" "maillog_file = $pf/maillog" "multi_instance_enable = no" \
		"defer_transports = smtp"
	# smtpd on 127.0.0.1:$port alone; no service chrooted (the copy has
	# none of the files a chroot needs).
	sed -i -E -e "s/^smtp( +)inet( +[-ny]){3}( +[-0-9?]+){2} +smtpd/127.0.0.1:$port inet n - n - - smtpd/" \
		-e 's/^([a-z0-9.:-]+ +(unix|unix-dgram|inet|fifo|pass) +[-ny] +[-ny] +)y/\1n/' "$pf/etc/master.cf"
	postfix -c "$pf/etc" start >/dev/null 2>&1 || { echo "live.sh: the private Postfix did not start (see $pf/maillog)" >&2; return 1; }
	for _ in $(seq 1 50); do
		ss -ltn | grep -q "127.0.0.1:$port " && break
		sleep 0.1
	done
	mpid=$(tr -d ' ' <"$pf/spool/pid/master.pid")
	if ss -ltnp | grep "pid=$mpid," | grep -v "127.0.0.1:$port " | grep -q .; then
		echo "live.sh: the private Postfix listens beyond 127.0.0.1:$port:" >&2
		ss -ltnp | grep "pid=$mpid," >&2
		return 1
	fi
	for i in $(seq 1 30); do
		printf "Subject: live.sh %d\n\nqueued\n" "$i" | sendmail -C "$pf/etc" -f bench@localhost "user$i@example.net"
	done
	# Let the queue settle (all 30 deferred) before measuring: the moving
	# queue of the first seconds is not the idle steady state.
	for _ in $(seq 1 300); do
		[ "$(postqueue -c "$pf/etc" -j 2>/dev/null | grep -c '"queue_name": *"deferred"')" -ge 30 ] && break
		sleep 0.1
	done
	echo "private Postfix $(postconf -c "$pf/etc" -h mail_version): master pid $mpid, listening on $(ss -ltnp | grep "pid=$mpid," | awk '{print $4}' | paste -sd' ')"
}
hz=$(getconf CLK_TCK)
run() { # run LABEL FLAGS...
	label=$1
	shift
	for RATE in "${RATES[@]}"; do
		: >"$work/mail.log"
		start=$(date +%s%N)
		tmux new -d -s "$sess" -x 120 -y 40 "$bin --log $work/mail.log --no-color $* ${MXTOP_FLAGS:-}"
		for _ in $(seq 1 200); do
			tmux capture-pane -p -t "$sess" | grep -q "1 Destinations" && break
			sleep 0.01
		done
		first=$((($(date +%s%N) - start) / 1000000))
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
		printf "live %-15s %5d lines/s for %d s: %.2f CPU s per minute (%.2f%% of one core), peak RSS %.1f MiB, first frame %d ms\n" \
			"$label:" "$RATE" "$SECS" "$perMin" "$(echo "$perMin / 60 * 100" | bc -l)" "$(echo "$peak / 1024" | bc -l)" "$first"
	done
}

for mode in ${LIVE_POSTFIX:-without with}; do
	case $mode in
	without)
		if ps -C master -o stat= | grep -qv Z; then
			echo "live.sh: a Postfix master is running: the runs without Postfix are not without" >&2
		fi
		run "without Postfix"
		;;
	with)
		if [ "$(id -u)" -ne 0 ]; then
			echo "live.sh: starting a private Postfix needs root: no runs with Postfix" >&2
			continue
		fi
		pfstart
		run "with Postfix" --config-dir "$pf/etc"
		pfstop
		;;
	esac
done
