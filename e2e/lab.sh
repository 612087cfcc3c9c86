#!/usr/bin/env bash
# lab.sh up|load|down: the loopback-only Postfix the end-to-end tests run
# against. up installs Postfix when missing (Debian), saves the host's
# config once, installs conf/ and starts Postfix; load injects mail and
# floods the inbound ports (every process bounded by timeout); down stops
# Postfix, empties the queue and restores the saved config.
# Traffic goes to 127.0.0.0/8 only.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LOG=/var/log/mxtop-e2e.log
PORTS="127.0.0.1:25 127.0.0.1:2524 127.0.0.1:2525 127.0.0.1:2526 127.0.0.1:2527 127.0.0.1:2529 127.0.0.1:2530"
export DEBIAN_FRONTEND=noninteractive

need_root() { [ "$(id -u)" = 0 ] || { echo "lab.sh: must run as root" >&2; exit 3; }; }
running() { postfix status >/dev/null 2>&1; }

up() {
	need_root
	if ! command -v postfix >/dev/null || ! command -v smtp-source >/dev/null; then
		command -v apt-get >/dev/null || { echo "lab.sh: no postfix and no apt-get" >&2; exit 3; }
		echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
		timeout 300 apt-get install -y -q --no-install-recommends postfix >/dev/null ||
			{ timeout 300 apt-get update -q >/dev/null && timeout 300 apt-get install -y -q --no-install-recommends postfix >/dev/null; }
	fi
	# Save the host's config once; remember a file that was not there.
	for f in main.cf master.cf; do
		[ -e /etc/postfix/$f.pre-mxtop-e2e ] || [ -e /etc/postfix/$f.pre-mxtop-e2e.absent ] || {
			if [ -f /etc/postfix/$f ] && ! grep -q 'mxtop end-to-end' /etc/postfix/$f; then
				cp -p /etc/postfix/$f /etc/postfix/$f.pre-mxtop-e2e
			elif [ ! -e /etc/postfix/$f ]; then
				touch /etc/postfix/$f.pre-mxtop-e2e.absent
			fi
		}
	done
	install -m 0644 "$HERE/conf/main.cf" /etc/postfix/main.cf
	install -m 0644 "$HERE/conf/master.cf" /etc/postfix/master.cf
	install -m 0644 "$HERE/conf/e2e_transport" /etc/postfix/e2e_transport
	install -m 0644 "$HERE/conf/e2e_greylist" /etc/postfix/e2e_greylist
	touch "$LOG"
	postfix check
	if running; then
		postfix stop >/dev/null 2>&1 || true
	fi
	rm -f "$(postconf -h data_directory)/postscreen_cache.db"
	postfix start >/dev/null 2>&1
	for _ in $(seq 1 40); do
		listening=$(ss -ltnH 2>/dev/null | awk '{print $4}')
		missing=""
		for p in $PORTS; do grep -qxF "$p" <<<"$listening" || missing="$missing $p"; done
		[ -z "$missing" ] && break
		sleep 0.25
	done
	[ -z "$missing" ] || { echo "lab.sh: not listening:$missing" >&2; exit 1; }
	if ss -ltnH | awk '{print $4}' | grep -E ':(25|252[4-9]|2530)$' | grep -vqE '^127\.'; then
		echo "lab.sh: a lab port listens outside 127/8" >&2
		exit 1
	fi
	echo "lab.sh: postfix $(postconf -h mail_version) up; log $LOG"
}

inject() { # domain count sessions
	timeout 60 smtp-source -A -N -s "$3" -m "$2" -M loadgen.e2e.example.test -f loadgen@e2e.example.test \
		-t "user@$1" -S "e2e load to $1" 127.0.0.1:2525 >/dev/null 2>&1 || true
}

flood() { # port tag procs smtp-source-args...
	local port=$1 tag=$2 procs=$3
	shift 3
	for i in $(seq 1 "$procs"); do
		timeout 40 smtp-source -A -s 1 "$@" -M "$tag$i.e2e.example.test" -f flood@e2e.example.test \
			-t postmaster@e2e.example.test "127.0.0.1:$port" >/dev/null 2>&1 &
	done
}

load() {
	running || { echo "lab.sh: postfix is not running" >&2; exit 1; }
	inject throttled.example 40 10
	inject ratelimited.example 12 10
	inject greylist.example 2 1
	inject ok.example 4 2
	inject refused.example 2 1
	inject notls.example 2 1
	flood 25 flood 20 -d -m 3 -w 2
	flood 2524 psa 20 -d -m 3 -w 2
	sleep 4
	flood 2524 psb 15 -m 2
	wait
	echo "lab.sh: load done"
}

down() {
	need_root
	if running; then
		postsuper -d ALL >/dev/null 2>&1 || true
		postfix stop >/dev/null 2>&1 || true
		for _ in $(seq 1 40); do running || break; sleep 0.25; done
	fi
	for f in main.cf master.cf; do
		if [ -e /etc/postfix/$f.pre-mxtop-e2e ]; then
			mv -f /etc/postfix/$f.pre-mxtop-e2e /etc/postfix/$f
		elif [ -e /etc/postfix/$f.pre-mxtop-e2e.absent ]; then
			rm -f /etc/postfix/$f /etc/postfix/$f.pre-mxtop-e2e.absent
		fi
	done
	rm -f /etc/postfix/e2e_transport /etc/postfix/e2e_greylist
	pkill -f 'smtp-source .*e2e.example.test' 2>/dev/null || true
	! running || { echo "lab.sh: postfix still running" >&2; exit 1; }
	echo "lab.sh: down"
}

case "${1:-}" in
up) up ;;
load) load ;;
down) down ;;
*)
	echo "usage: lab.sh up|load|down" >&2
	exit 2
	;;
esac
