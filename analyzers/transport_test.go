package analyzers

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"mxtop/sources"
)

// throttledEngine is an engine whose big.example refuses for too many
// connections, its transport_maps set to tm.
func throttledEngine(tm string) *Engine {
	e := feed(repeat(5, func(i int) string { return deliv(i, "big.example", "deferred", tooMany) })...)
	params, _ := sources.ParseParams(strings.NewReader("transport_maps = " + tm + "\n"))
	e.SetConfig(&sources.Config{Params: params, Explicit: params})
	return e
}

// concurrencyHint is the destination_concurrency hint about domain.
func concurrencyHint(t *testing.T, e *Engine, domain string) Hint {
	t.Helper()
	for _, h := range e.Hints(true) {
		if h.ID == "destination_concurrency" && h.Subject == domain {
			return h
		}
	}
	t.Fatalf("no destination_concurrency hint for %s", domain)
	return Hint{}
}

// tableCommand is the one action that writes to the table file.
func tableCommand(t *testing.T, acts []string, file string) string {
	t.Helper()
	var found []string
	for _, a := range acts {
		if strings.Contains(a, ">> "+ShellQuote(file)) {
			found = append(found, a)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d actions write to %s: %q", len(found), file, acts)
	}
	return found[0]
}

// postmap keeps the first line of a key (any case, any quoting) and warns
// about the rest: a line appended for a domain the table has already would
// change nothing. The suggested command appends only when the table lacks
// the domain, and otherwise prints its line, so the admin edits it (keeping
// its next hop) instead. Run with sh on tables in a temporary directory.
func TestTransportLineNotAppendedTwice(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	for _, c := range []struct {
		name, table string
		line        string // the line printed for the admin to edit; "" when appended
	}{
		{"no table yet", "", ""},
		{"other domains", "# routes\nother.example\tsmtp:[192.0.2.1]\n", ""},
		{"a comment names it", "#big.example\tsmtp:[192.0.2.1]\n", ""},
		{"a longer name", "big.example.net\tsmtp:\nsub.big.example\tsmtp:\n", ""},
		{"no newline at the end", "other.example\tsmtp:", ""},
		{"routed to a relay", "other.example\tsmtp:\nbig.example\tsmtp:[relay.example.net]:587\n", "2:big.example\tsmtp:[relay.example.net]:587"},
		{"another case", "Big.Example smtp:[192.0.2.7]\n", "1:Big.Example smtp:[192.0.2.7]"},
		{"slow already", "big.example\tslow:\n", "1:big.example\tslow:"},
		{"value on a continuation line", "big.example\n\tsmtp:[192.0.2.7]\n", "1:big.example"},
		{"quoted key", "\"big.example\"\tsmtp:\n", "1:\"big.example\"\tsmtp:"},
	} {
		for _, typ := range []string{"hash", "texthash"} {
			dir := filepath.Join(t.TempDir(), "it's.d")
			os.Mkdir(dir, 0o755)
			file := filepath.Join(dir, "transport")
			if c.table != "" {
				os.WriteFile(file, []byte(c.table), 0o644)
			}
			e := throttledEngine(typ + ":" + file)
			h := concurrencyHint(t, e, "big.example")
			for _, acts := range [][]string{h.Actions, texts(e.ThrottleSnippet("big.example", true))} {
				cmd := tableCommand(t, acts, file)
				if c.table != "" {
					os.WriteFile(file, []byte(c.table), 0o644)
				} else {
					os.Remove(file)
				}
				out, err := exec.Command(sh, "-c", cmd).CombinedOutput()
				if err != nil {
					t.Errorf("%s, %s: %v: %s\n%s", c.name, typ, err, out, cmd)
					continue
				}
				got, _ := os.ReadFile(file)
				want := c.table
				if c.line == "" {
					if want != "" && !strings.HasSuffix(want, "\n") {
						want += "\n"
					}
					want += "big.example\tslow:\n"
				}
				if string(got) != want {
					t.Errorf("%s, %s: the table became\n%s\nwant\n%s\n(%s)", c.name, typ, got, want, cmd)
				}
				if c.line != "" && (!strings.Contains(string(out), c.line+"\n") || !strings.Contains(string(out), "slow:")) {
					t.Errorf("%s, %s: the output does not show the line to edit and how: %q", c.name, typ, out)
				}
			}
			if !strings.Contains(strings.Join(h.Cautions, "\n"), "first line") {
				t.Errorf("%s, %s: no caution about a line the table has already: %q", c.name, typ, h.Cautions)
			}
		}
	}
}

// With a real postmap, the table the commands leave has the slow route
// for a new domain and no duplicate for one it had (postmap -c on a
// configuration directory of its own, never the system's).
func TestTransportCommandsWithPostmap(t *testing.T) {
	if testing.Short() {
		t.Skip("postmap takes seconds here")
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	postmap, err := exec.LookPath("postmap")
	if err != nil {
		if _, err = os.Stat("/usr/sbin/postmap"); err != nil {
			t.Skip("no postmap")
		}
		postmap = "/usr/sbin/postmap"
	}
	for _, c := range []struct{ table, want string }{
		{"other.example\tsmtp:\n", "slow:"},
		{"BIG.example\tsmtp:[relay.example.net]\n", "smtp:[relay.example.net]"},
	} {
		dir := t.TempDir()
		// A name of its own: without one postmap looks this host up.
		os.WriteFile(filepath.Join(dir, "main.cf"), []byte("myhostname = mx.example.net\n"), 0o644)
		file := filepath.Join(dir, "transport")
		os.WriteFile(file, []byte(c.table), 0o644)
		table := "hash:" + file
		e := throttledEngine(table)
		h := concurrencyHint(t, e, "big.example")
		cmd := tableCommand(t, h.Actions, file)
		if !strings.Contains(strings.Join(h.Actions, "\n"), shellCmd("postmap", table)) {
			t.Fatalf("no postmap after the table's change: %q", h.Actions)
		}
		if out, err := exec.Command(sh, "-c", cmd).CombinedOutput(); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		out, err := exec.Command(postmap, "-c", dir, table).CombinedOutput()
		if err != nil || strings.Contains(string(out), "duplicate") {
			t.Errorf("postmap: %v: %s", err, out)
		}
		got, _ := exec.Command(postmap, "-c", dir, "-q", "big.example", table).Output()
		if strings.TrimSpace(string(got)) != c.want {
			t.Errorf("%q: big.example routes to %q, want %q", c.table, got, c.want)
		}
	}
}

// Postfix looks the domain up in every table transport_maps lists, in
// order, and the first line found wins: the suggested command looks in
// all of them, prints the line that is there (to be edited where it is,
// keeping its next hop) and adds one to the first table only when none
// has the domain. A line added to the first table while the second
// routes the domain to a relay would send its mail past the relay.
func TestTransportCommandLooksInEveryTable(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	for _, c := range []struct {
		name, sep, t1, t2 string
		shown             string // the line printed, "" when the line is added to the first table
	}{
		{"in the second", ", ", "other.example\tsmtp:\n", "big.example\tsmtp:[10.0.0.5]:25\n", "big.example\tsmtp:[10.0.0.5]:25"},
		{"in the second, blanks", " ", "other.example\tsmtp:\n", "Big.Example smtp:[10.0.0.5]\n", "Big.Example smtp:[10.0.0.5]"},
		{"in neither", ",", "other.example\tsmtp:\n", "more.example\tsmtp:[10.0.0.5]\n", ""},
	} {
		for _, typ := range []string{"hash", "texthash"} {
			dir := t.TempDir()
			t1, t2 := filepath.Join(dir, "transport"), filepath.Join(dir, "transport.local")
			e := throttledEngine(typ + ":" + t1 + c.sep + typ + ":" + t2)
			h := concurrencyHint(t, e, "big.example")
			for _, acts := range [][]string{h.Actions, texts(e.ThrottleSnippet("big.example", true))} {
				os.WriteFile(t1, []byte(c.t1), 0o644)
				os.WriteFile(t2, []byte(c.t2), 0o644)
				cmd := tableCommand(t, acts, t1)
				out, err := exec.Command(sh, "-c", cmd).CombinedOutput()
				if err != nil {
					t.Fatalf("%s, %s: %v: %s\n%s", c.name, typ, err, out, cmd)
				}
				got1, _ := os.ReadFile(t1)
				got2, _ := os.ReadFile(t2)
				want1 := c.t1
				if c.shown == "" {
					want1 += "big.example\tslow:\n"
				}
				if string(got1) != want1 || string(got2) != c.t2 {
					t.Errorf("%s, %s: the tables became\n%q\n%q\n(%s)", c.name, typ, got1, got2, cmd)
				}
				if c.shown != "" && (!strings.Contains(string(out), t2) || !strings.Contains(string(out), c.shown+"\n")) {
					t.Errorf("%s, %s: the output does not show the line in %s: %q", c.name, typ, t2, out)
				}
			}
			if !strings.Contains(strings.Join(h.Cautions, "\n"), t2) {
				t.Errorf("%s, %s: no caution names the second table: %q", c.name, typ, h.Cautions)
			}
		}
	}
}

// A table mxtop cannot read anywhere in transport_maps (a regexp or pcre
// table matches the whole address before any domain line, wherever it is
// listed; an LDAP or SQL one may hold the domain's line) may route the
// domain: no line is added and no change is applied, and a sentence says
// why and what to do.
func TestTransportRouteNotAddedBesideAnUnreadTable(t *testing.T) {
	for _, c := range []struct{ tm, unread string }{
		{"hash:/etc/postfix/transport, pcre:/etc/postfix/transport.pcre", "pcre:/etc/postfix/transport.pcre"},
		{"hash:/etc/postfix/transport regexp:/etc/postfix/transport.regexp", "regexp:/etc/postfix/transport.regexp"},
		{"texthash:/etc/postfix/transport, ldap:/etc/postfix/ldap-transport.cf", "ldap:/etc/postfix/ldap-transport.cf"},
		{"hash:/etc/postfix/transport, proxy:mysql:/etc/postfix/mysql-transport.cf", "proxy:mysql:/etc/postfix/mysql-transport.cf"},
	} {
		e := throttledEngine(c.tm)
		// master.cf read: the changes to apply are made when a table can
		// take the line.
		e.Config.Services, _ = sources.ParseMaster(strings.NewReader("smtp unix - - n - - smtp\n"), 100)
		h := concurrencyHint(t, e, "big.example")
		for _, acts := range [][]string{h.Actions, texts(e.ThrottleSnippet("big.example", true))} {
			all := strings.Join(acts, "\n")
			if strings.Contains(all, "printf") || strings.Contains(all, "postmap -c") || strings.Contains(all, "postmap hash") {
				t.Errorf("%s: a command adds the route: %q", c.tm, acts)
			}
			if !strings.Contains(all, c.unread) || !strings.Contains(all, "big.example slow:") {
				t.Errorf("%s: no sentence names %s and the route: %q", c.tm, c.unread, acts)
			}
		}
		for _, ch := range h.Changes {
			if ch.Map != "" {
				t.Errorf("%s: a change to apply edits %s", c.tm, ch.Map)
			}
		}
	}
}
