package analyzers

import (
	"strings"
	"testing"
)

// A table whose type postmap does not build (regexp, pcre, cidr,
// texthash; the SQL and LDAP clients' .cf files), alone or behind
// proxy:, is missing its source file: the advice says so and never says
// postmap. An indexed table (hash, lmdb, cdb) missing its .db still
// gets postmap.
func TestMissingTableAdvicePerMapType(t *testing.T) {
	for _, tc := range []struct {
		line    string
		postmap bool
		want    string
	}{
		{"Dec  1 10:00:01 mx postfix/cleanup[100]: warning: regexp:/etc/postfix/header_checks is unavailable. open /etc/postfix/header_checks: No such file or directory", false, "source file"},
		{"Dec  1 10:00:01 mx postfix/cleanup[100]: warning: pcre:/etc/postfix/body_checks.pcre is unavailable. open /etc/postfix/body_checks.pcre: No such file or directory", false, "source file"},
		{"Dec  1 10:00:01 mx postfix/smtpd[100]: warning: cidr:/etc/postfix/client_cidr is unavailable. open /etc/postfix/client_cidr: No such file or directory", false, "source file"},
		{"Dec  1 10:00:01 mx postfix/smtpd[100]: warning: proxy:regexp:/etc/postfix/sender_regexp is unavailable. open /etc/postfix/sender_regexp: No such file or directory", false, "source file"},
		{"Dec  1 10:00:01 mx postfix/smtpd[100]: warning: texthash:/etc/postfix/senders is unavailable. open /etc/postfix/senders: No such file or directory", false, "create the file"},
		{"Dec  1 10:00:01 mx postfix/trivial-rewrite[100]: warning: mysql:/etc/postfix/mysql-virtual.cf is unavailable. open /etc/postfix/mysql-virtual.cf: No such file or directory", false, ".cf file"},
		{"Dec  1 10:00:01 mx postfix/trivial-rewrite[100]: warning: proxy:pgsql:/etc/postfix/pgsql-virtual.cf is unavailable. open /etc/postfix/pgsql-virtual.cf: No such file or directory", false, ".cf file"},
		{"Dec  1 10:00:01 mx postfix/smtpd[100]: warning: ldap:/etc/postfix/ldap-users.cf is unavailable. open /etc/postfix/ldap-users.cf: No such file or directory", false, ".cf file"},
		{"Dec  1 10:00:01 mx postfix/smtpd[100]: warning: sqlite:/etc/postfix/sqlite-users.cf is unavailable. open /etc/postfix/sqlite-users.cf: No such file or directory", false, ".cf file"},
		{"Dec  1 10:00:01 mx postfix/smtpd[100]: warning: hash:/etc/postfix/virtual is unavailable. open database /etc/postfix/virtual.db: No such file or directory", true, "postmap"},
		{"Nov 28 10:00:00 mx postfix/trivial-rewrite[44]: error: open database /etc/postfix/relay_domains.db: No such file or directory", true, "postmap"},
	} {
		h := hintOf(t, feed(tc.line), "lookup_failure")
		all := hintText(h)
		if got := strings.Contains(all, "postmap"); got != tc.postmap {
			t.Errorf("postmap named %v, want %v, for %s:\n%s", got, tc.postmap, tc.line, all)
		}
		if !strings.Contains(all, tc.want) {
			t.Errorf("%q not said for %s:\n%s", tc.want, tc.line, all)
		}
	}
}
