package analyzers

import (
	"strings"
	"testing"

	"mxtop/sources"
)

func tablesConfig(mainCf, masterCf string) *sources.Config {
	params, _ := sources.ParseParams(strings.NewReader(mainCf))
	svcs, _ := sources.ParseMaster(strings.NewReader(masterCf), 100)
	return &sources.Config{Params: params, Explicit: params, Services: svcs}
}

func lookupTableHint(t *testing.T, line string, c *sources.Config) Hint {
	t.Helper()
	e := feed(stamp(1) + line)
	e.SetConfig(c)
	hs := hintIDs(e.Hints(true))["lookup_table_connections"]
	if len(hs) != 1 {
		t.Fatalf("%d lookup_table_connections hints", len(hs))
	}
	return hs[0]
}

const mysqlRefused = " mx postfix/smtpd[411]: warning: connect to mysql server 10.0.0.5: Too many connections"

// main.cf's parameters cannot name themselves ("$proxy_read_maps" in
// proxy_read_maps is a macro loop: postconf and every daemon stop). A
// table in a parameter that proxy_read_maps' default names needs only
// its proxy: prefix; another one is added to the value in force, never
// through a self-reference.
func TestLookupTablesProxyReadMapsNeverNamesItself(t *testing.T) {
	for _, c := range []struct {
		name, mainCf, want, not string
	}{
		{"default covers the table",
			"virtual_mailbox_maps = mysql:/etc/postfix/mysql-mailboxes.cf\n",
			"virtual_mailbox_maps = proxy:mysql:/etc/postfix/mysql-mailboxes.cf", "proxy_read_maps ="},
		{"explicit value in force",
			"smtpd_sender_login_maps = mysql:/etc/postfix/senders.cf\nproxy_read_maps = $virtual_mailbox_maps\n",
			"proxy_read_maps = $virtual_mailbox_maps proxy:mysql:/etc/postfix/senders.cf'", "$proxy_read_maps"},
		{"default not covering, not shown",
			"smtpd_sender_login_maps = mysql:/etc/postfix/senders.cf\n",
			"proxy:mysql:/etc/postfix/senders.cf", "$proxy_read_maps"},
	} {
		h := lookupTableHint(t, mysqlRefused, tablesConfig(c.mainCf, ""))
		acts := strings.Join(h.Actions, "\n")
		if !strings.Contains(acts, c.want) || strings.Contains(acts, c.not) {
			t.Errorf("%s: want %q and not %q in:\n%s", c.name, c.want, c.not, acts)
		}
		for _, a := range h.ActionSteps() {
			if a.Command && strings.Contains(a.Text, "proxy_read_maps =") && !strings.Contains(a.Text, "proxy_read_maps = $virtual_mailbox_maps ") {
				t.Errorf("%s: a command sets proxy_read_maps to a value not built on the one in force: %s", c.name, a.Text)
			}
		}
	}
}

// Tables already read through proxymap run out of connections when
// proxymap's processes, one connection per table each, outnumber what
// the database allows: the advice is proxymap's process limit or the
// database's, not a proxy: prefix already in place.
func TestLookupTablesAlreadyProxiedCapProxymap(t *testing.T) {
	mainCf := "virtual_mailbox_domains = proxy:mysql:/etc/postfix/domains.cf\nvirtual_mailbox_maps = proxy:mysql:/etc/postfix/mailboxes.cf\n"
	h := lookupTableHint(t, " mx postfix/proxymap[2000]: warning: connect to mysql server 10.0.0.5: Too many connections",
		tablesConfig(mainCf, "proxymap unix - - n - - proxymap\n"))
	acts := strings.Join(h.Actions, "\n")
	if strings.Contains(acts, "prefix each") || strings.Contains(acts, "proxy:proxy:") || strings.Contains(acts, "virtual_mailbox_maps =") {
		t.Errorf("the hint repeats a change in place:\n%s", acts)
	}
	// postconf -F names master.cf's maxproc column process_limit, and
	// rejects any other name for it.
	if strings.Contains(acts, "proxymap/unix/maxproc") {
		t.Errorf("the hint names a field postconf -F does not have:\n%s", acts)
	}
	for _, w := range []string{"postconf -F proxymap/unix/process_limit", "'proxymap/unix/process_limit = N'", "max_connections", "2 tables"} {
		if !strings.Contains(acts, w) {
			t.Errorf("the hint does not say %q:\n%s", w, acts)
		}
	}
}
