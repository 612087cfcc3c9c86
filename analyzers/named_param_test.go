package analyzers

import (
	"strings"
	"testing"

	"mxtop/sources"
)

// A fatal line that names the parameter it refused ("bad string length
// 0 < 1: NAME = VALUE", mail_conf_str.c; "bad numerical configuration:
// NAME = VALUE", mail_conf_int.c; "bad parameter value: 'NAME = VALUE'",
// smtpd.c; "parameter NAME: bad parameter value", mail_params.c) gets
// advice about that parameter, not about others: a table's configuration file ("FILE: bad string length
// ...", cfg_parser.c) names a parameter of that file, which postconf does
// not know, and a name that is no parameter's gets no command.
func TestConfigFatalNamesItsParameter(t *testing.T) {
	for _, c := range []struct {
		line      string
		want, not []string
	}{
		{"Nov 28 10:00:00 mx postfix/postfix-script[15]: fatal: bad string length 0 < 1: myorigin = ",
			[]string{"postconf myorigin"}, []string{"myhostname", "mydomain"}},
		{"Nov 28 10:00:00 mx postfix/pickup[15]: fatal: bad string length (0 < 1): mail_owner = ",
			[]string{"postconf mail_owner"}, []string{"myhostname", "mydomain"}},
		{"Nov 28 10:00:00 mx postfix/postfix-script[15]: fatal: bad string length 0 < 1: myhostname = ",
			[]string{"postconf myhostname", "fully qualified"}, []string{"mydomain to"}},
		{"Nov 28 10:00:00 mx postfix/postfix-script[15]: fatal: bad string length 0 < 1: mydomain = ",
			[]string{"postconf mydomain"}, nil},
		{"postmap: fatal: /etc/postfix/mysql-virtual.cf: bad string length 0 < 1: dbname = ",
			nil, []string{"postconf dbname", "myhostname", "mydomain"}},
		{"Nov 28 10:00:00 mx postfix/postfix-script[15]: fatal: bad string length 0 < 1: my$(id)origin = ",
			nil, []string{"postconf my", "postconf id", "myhostname", "mydomain"}},
		{"Nov 28 10:00:00 mx postfix/postscreen[14]: fatal: bad numerical configuration: smtpd_client_connection_count_limit = 25mydomain = example.org",
			[]string{"postconf smtpd_client_connection_count_limit"}, []string{"postconf mydomain"}},
		{"Nov 28 10:00:00 mx postfix/smtpd[14]: fatal: bad boolean configuration: smtpd_tls_auth_only = yes # TLS only",
			[]string{"postconf smtpd_tls_auth_only"}, nil},
		{"Nov 28 10:00:00 mx postfix/smtpd[14]: fatal: bad parameter value: 'smtpd_forbid_bare_newline = sometimes'",
			[]string{"postconf smtpd_forbid_bare_newline"}, []string{"myhostname", "mydomain"}},
		{"Nov 28 10:00:00 mx postfix/sendmail[16]: fatal: file /etc/postfix/main.cf: parameter myhostname: bad parameter value: host..example",
			[]string{"postconf myhostname", "fully qualified"}, []string{"mydomain"}},
		{"Nov 28 10:00:00 mx postfix/sendmail[16]: fatal: file /etc/postfix/main.cf: parameter mydomain: bad parameter value: example..org",
			[]string{"postconf mydomain"}, nil},
		{"Nov 28 10:00:00 mx postfix/local[17]: warning: bad parameter value syntax for command_execution_directory: $home/${",
			nil, []string{"myhostname", "mydomain"}},
	} {
		var h *Hint
		for _, x := range feed(c.line).Hints(true) {
			if x.ID == sources.HintConfigError {
				h = &x
			}
		}
		if h == nil {
			t.Errorf("%s: no %s hint", c.line, sources.HintConfigError)
			continue
		}
		text := strings.Join(h.Actions, "\n") + "\n" + strings.Join(h.Evidence, "\n")
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %q in\n%s", c.line, w, text)
			}
		}
		for _, n := range c.not {
			if strings.Contains(text, n) {
				t.Errorf("%s: %q in\n%s", c.line, n, text)
			}
		}
	}
}
