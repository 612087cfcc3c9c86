#!/usr/bin/env bash
# Installs this machine's package from dist/ (made by scripts/release.sh),
# checks what an admin gets, and removes it again: the package, and the mxtop
# user and group when they did not exist before. Debian, as root.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
	echo "package-test: $*" >&2
	exit 1
}
[ "$(id -u)" = 0 ] || fail "needs root (dpkg -i)"
command -v dpkg >/dev/null || fail "needs dpkg (Debian or Ubuntu)"
arch=$(dpkg --print-architecture)
debs=(dist/mxtop_*_"$arch".deb)
[ "${#debs[@]}" = 1 ] && [ -f "${debs[0]}" ] || fail "want one dist/mxtop_*_$arch.deb: run scripts/release.sh first"
deb=${debs[0]}
if [ "$(dpkg-query -W -f '${db:Status-Status}' mxtop 2>/dev/null || true)" = installed ]; then
	fail "mxtop is installed already; this test would remove it"
fi

had_user=0
had_group=0
getent passwd mxtop >/dev/null && had_user=1
getent group mxtop >/dev/null && had_group=1
serve_pid=""
work=$(mktemp -d)
cleanup() {
	[ -z "$serve_pid" ] || kill "$serve_pid" 2>/dev/null || true
	rm -rf "$work"
	dpkg --purge mxtop >/dev/null 2>&1 || true
	[ "$had_user" = 1 ] || ! getent passwd mxtop >/dev/null || userdel mxtop
	[ "$had_group" = 1 ] || ! getent group mxtop >/dev/null || groupdel mxtop
}
trap cleanup EXIT

echo "package-test: dpkg -i $deb"
dpkg -i "$deb" >/dev/null

# The binary: static, stamped like the one in dist/, and named after the commit.
[ -x /usr/bin/mxtop ] || fail "/usr/bin/mxtop not installed"
if ldd /usr/bin/mxtop >/dev/null 2>&1; then fail "/usr/bin/mxtop is dynamically linked"; fi
got=$(/usr/bin/mxtop --version)
echo "package-test: $got"
[ "$got" = "$("dist/mxtop-linux-$arch" version)" ] || fail "installed --version differs from dist/mxtop-linux-$arch"
case "$got" in *"(devel)"* | *"revision unknown"*) fail "version not stamped: $got" ;; esac
if git rev-parse HEAD >/dev/null 2>&1; then
	case "$got" in *"revision $(git rev-parse HEAD)"*) ;; *) fail "--version does not name HEAD $(git rev-parse HEAD)" ;; esac
fi

# The user the service runs as.
getent passwd mxtop | grep -q ':/usr/sbin/nologin$' || fail "no system user mxtop with nologin: $(getent passwd mxtop)"

# The manual page (unless dpkg is told to drop manual pages, as in slim images).
if [ ! -e /usr/share/man/man1/mxtop.1.gz ] && grep -qs '^path-exclude[= ]*/usr/share/man' /etc/dpkg/dpkg.cfg.d/*; then
	echo "package-test: dpkg excludes /usr/share/man here; manual page not checked"
elif command -v man >/dev/null; then
	page=$(MANWIDTH=80 man -P cat mxtop 2>&1) || fail "man mxtop: $page"
	# A here-string, not a pipe: head exits after 8 lines, and a writer
	# still writing would die of SIGPIPE, failing the script under pipefail.
	head -n 8 <<<"$page"
	grep -q 'mxtop serve' <<<"$page" || fail "man mxtop does not show mxtop serve"
else
	echo "package-test: man not installed; checked only that the page is there"
	[ -s /usr/share/man/man1/mxtop.1.gz ] || fail "no /usr/share/man/man1/mxtop.1.gz"
fi

# The unit: installed, not enabled, and clean to systemd-analyze.
unit=/lib/systemd/system/mxtop-serve.service
[ -f "$unit" ] || fail "$unit not installed"
[ ! -e /etc/systemd/system/multi-user.target.wants/mxtop-serve.service ] || fail "mxtop-serve.service enabled by the install"
if command -v systemd-analyze >/dev/null; then
	verify=$(systemd-analyze verify "$unit" 2>&1) || fail "systemd-analyze verify: $verify"
	echo "package-test: systemd-analyze verify $unit: ${verify:-no findings}"
else
	echo "package-test: systemd-analyze not installed; unit not verified"
fi

# The unit's command as its user would run it (no systemd here to start it):
# unprivileged, no new privileges, reading a log that only the file mode opens.
port=19155
if ! command -v setpriv >/dev/null || ! command -v curl >/dev/null; then
	echo "package-test: setpriv or curl missing; serve not run"
elif curl -s -o /dev/null "http://127.0.0.1:$port/"; then
	echo "package-test: 127.0.0.1:$port is taken; serve not run"
else
	chmod 755 "$work"
	lab=testdata/lab
	cp "$lab/postfix-lab.log" "$lab/postconf-n.txt" "$lab/postconf-M.txt" "$lab/postqueue-j.jsonl" "$work/"
	chmod 644 "$work"/*
	setpriv --reuid mxtop --regid mxtop --init-groups --no-new-privs \
		/usr/bin/mxtop serve --listen "127.0.0.1:$port" --from-start --log "$work/postfix-lab.log" \
		--postconf "$work/postconf-n.txt" --master "$work/postconf-M.txt" --queue "$work/postqueue-j.jsonl" \
		2>"$work/serve.err" &
	serve_pid=$!
	metrics=""
	for _ in $(seq 50); do
		metrics=$(curl -sf "http://127.0.0.1:$port/metrics") && grep -q 'mxtop_source_up{source="log"} 1' <<<"$metrics" && break
		metrics=""
		sleep 0.2
	done
	[ -n "$metrics" ] || fail "mxtop serve as user mxtop: no healthy log source on /metrics: $(cat "$work/serve.err")"
	grep -q '^postfix_smtp_messages_processed_total' <<<"$metrics" || fail "mxtop serve as user mxtop: no delivery counts"
	echo "package-test: mxtop serve as user mxtop (no new privileges) serves /metrics"
	kill "$serve_pid"
	wait "$serve_pid" 2>/dev/null || true
	serve_pid=""
fi

echo "package-test: dpkg -r mxtop"
dpkg -r mxtop >/dev/null
[ ! -e /usr/bin/mxtop ] && [ ! -e "$unit" ] || fail "dpkg -r left files behind"
echo "package-test: ok"
