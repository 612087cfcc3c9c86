package ui

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"mxtop/analyzers"
)

// stubs stand in for the programs of the commands below: each passes on
// what it reads and prints its name and arguments, so that sh shows how it
// read a command without running Postfix's tools.
const stubs = `pass() { while IFS= read -r l; do printf '%s\n' "$l"; done; }
for f in postconf postqueue jq xargs du; do eval "$f() { pass; printf '<%s>' $f \"\$@\"; echo; }"; done
`

// shellReads is what sh makes of script: its stubs' output, or the error.
func shellReads(t *testing.T, script string) string {
	t.Helper()
	out, err := exec.Command("sh", "-c", stubs+script).CombinedOutput()
	if err != nil {
		return string(out) + err.Error()
	}
	return string(out)
}

// longWordCommands are commands with a shell word longer than a line of
// an 80- or 60-column screen: quoted values of postconf, a jq filter, a
// double-quoted command substitution, a path, characters two cells wide.
var longWordCommands = []string{
	"postconf -e 'smtpd_client_event_limit_exceptions = $mynetworks, 192.0.2.7'",
	"postconf -M 'slow/unix=slow unix - - n - 5 smtp -o syslog_name=postfix/slow -o smtp_connect_timeout=10s -o smtp_helo_timeout=30s'",
	"postqueue -j | jq -r " + analyzers.ShellQuote(`select(any(.recipients[]; .address | ascii_downcase | endswith("@mail-relay-eu-west-1.notifications.example.com"))) | .queue_id`) + " | xargs -r -n 1 postqueue -i",
	"postconf -P " + analyzers.ShellQuote("submission/inet/smtpd_recipient_restrictions = permit_sasl_authenticated, reject_unauth_destination, check_policy_service unix:private/it's-policy"),
	`du -s "$(postconf -h queue_directory)/deferred/$(postconf -h mail_owner | xargs -n 1)-and-a-long-suffix-of-its-own"`,
	"postconf -e smtp_tls_policy_maps=hash:/etc/postfix/a/very/long/path/to/the/tls/policy/table/of/this/host/tls_policy",
	"postconf -e 'smtpd_banner = $myhostname ESMTP メールサーバー（東京データセンター）へようこそ — Größe egal'",
}

// A command is wrapped only where sh joins the lines again into the same
// command: a word longer than a line was broken inside its quotes with a
// "↪ " mark, and the lines copied off the screen made sh wait for the
// closing quote, or gave postconf a value with a line break and "↪" in it.
func TestCommandWrapSplitsLongWordsAsShellJoinsThem(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	for _, cmd := range longWordCommands {
		want := shellReads(t, cmd)
		var variants []string
		widths := map[string]int{}
		for w := 8; w <= 100; w++ {
			lines := cmdWrap(cmd, w)
			for i, l := range lines {
				if n := ansi.StringWidth(l); n > w {
					t.Fatalf("width %d: %q is %d cells", w, l, n)
				}
				if strings.Contains(l, "↪") {
					t.Fatalf("width %d: a display mark in the command: %q", w, l)
				}
				if i < len(lines)-1 && !strings.HasSuffix(l, `\`) {
					t.Fatalf("width %d: %q goes on with no line continuation", w, l)
				}
				if strings.HasPrefix(l, " ") {
					t.Fatalf("width %d: %q opens with a blank, which a copy may lose", w, l)
				}
			}
			if v := strings.Join(lines, "\n"); widths[v] == 0 {
				widths[v] = w
				variants = append(variants, v)
			}
		}
		// One sh for all the widths' lines; on a difference, one per
		// width to name it.
		const sep = "echo ---\n"
		if shellReads(t, "{ "+strings.Join(variants, "\n}\n"+sep+"{ ")+"\n}\n") == strings.Repeat(want+"---\n", len(variants)-1)+want {
			continue
		}
		for _, v := range variants {
			if got := shellReads(t, v); got != want {
				t.Fatalf("width %d: sh reads\n%s\nnot\n%s\nfrom:\n%s", widths[v], got, want, v)
			}
		}
		t.Fatalf("%s: sh reads the lines of all widths together otherwise", cmd)
	}
}

// blockCopy is what a block (rectangle) selection of the command shown
// after "$ " copies: its lines from the command's column to the frame's
// border, trailing blanks trimmed, as far as a line goes on with "\".
func blockCopy(t *testing.T, screen string) string {
	t.Helper()
	rows := strings.Split(screen, "\n")
	for i, r := range rows {
		at := strings.Index(r, "$ ")
		if at < 0 {
			continue
		}
		col := ansi.StringWidth(r[:at]) + 2
		var out []string
		for _, r := range rows[i:] {
			l := strings.TrimRight(strings.TrimSuffix(strings.TrimRight(ansi.Cut(r, col, ansi.StringWidth(r)), " "), "│"), " ")
			out = append(out, l)
			if !strings.HasSuffix(l, `\`) {
				break
			}
		}
		return strings.Join(out, "\n")
	}
	t.Fatalf("no command on the screen:\n%s", screen)
	return ""
}

// An open hint's command, copied off an 80x24 or a 60x16 screen with the
// hints zoomed, is the command: a word longer than the pane broke inside
// its quotes and pasted as another command.
func TestOpenHintCommandCopiesAsTheCommand(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	for _, cmd := range longWordCommands {
		want := shellReads(t, cmd)
		h := analyzers.Hint{ID: "conn_limit", Severity: analyzers.SevWarning, Title: "Inbound: a client is refused",
			Steps: []analyzers.Action{{Text: cmd, Command: true}}, Actions: []string{cmd}}
		d := &Data{Now: t0, Hints: []analyzers.Hint{h}}
		for _, size := range [][2]int{{80, 24}, {60, 16}} {
			v := NewViewState(size[0], size[1])
			v.Focus, v.Zoom = paneHints, true
			press(v.Pane(paneHints), &Ctx{Data: d, Styles: NewStyles(false), Query: &Query{}}, "enter")
			screen := ansi.Strip(Render(d, &v, NewStyles(false), DefaultKeys()))
			copied := blockCopy(t, screen)
			if got := shellReads(t, copied); got != want {
				t.Errorf("%dx%d: the copied command is read as\n%s\nnot\n%s\nscreen:\n%s", size[0], size[1], got, want, screen)
			}
		}
	}
}
