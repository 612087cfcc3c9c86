#!/usr/bin/env bash
# Regenerates incident.log.gz, the log `mxtop --demo` replays: bench/genlog
# (the project's deterministic maillog generator) with a 421 storm at
# gmail.com and outlook.com, and a Postfix upgrade (reload to 3.11.1 with
# its compatibility warnings) two minutes before the storm.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
(cd ../.. && go run ./bench/genlog -n 24000 -seed 11 -rate 30 -incident-at 0.3 -incident-len 0.6 \
	-incident-domains gmail.com,outlook.com -o "$tmp")
start=$(grep -m1 -n "refused to talk to me: 421" "$tmp" | cut -d: -f1)
at=$((start - 3600))
stamp=$(sed -n "${at}p" "$tmp" | cut -c1-15)
awk -v at="$at" -v stamp="$stamp" 'NR == at {
	print stamp " mx1 postfix/master[1187]: reload -- version 3.11.1, configuration /etc/postfix"
	print stamp " mx1 postfix/postfix-script[30111]: warning: Postfix is using backwards-compatible default settings"
	print stamp " mx1 postfix/smtp[30112]: using backwards-compatible default setting smtp_tls_security_level=(empty)"
	print stamp " mx1 postfix/smtp[30112]: using backwards-compatible default setting smtp_tlsrpt_skip_reused_handshakes=yes"
} { print }' "$tmp" | gzip -9n > incident.log.gz
