package sources

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// binaryTestLines are Postfix lines a binary file may hold among its
// other bytes (a journal file's uncompressed MESSAGE data objects): read
// as lines, they would be judged.
const binaryTestLines = "Dec  3 10:00:01 mx1 postfix/smtpd[311]: warning: unknown[203.0.113.9]: SASL LOGIN authentication failed: UGFzc3dvcmQ6\n" +
	"Dec  3 10:00:02 mx1 postfix/smtp[312]: 4C2A13E0F1: to=<ann@example.org>, relay=mx.example.org[192.0.2.5]:25, delay=2, delays=0.1/0/1/0.9, dsn=4.7.0, status=deferred (host mx.example.org[192.0.2.5] refused to talk to me: 421 4.7.0 Try again later)\n"

// A systemd journal file or other binary data given as a log is refused
// with what it is, by the replay, the follow and stdin alike, instead of
// being cut into lines at its newline bytes; a text log that begins with
// the NULs a copytruncate rotation leaves (the writer went on at its old
// offset) is read.
func TestBinaryLogRefused(t *testing.T) {
	dir := t.TempDir()
	journalDir := filepath.Join(dir, "fedcba9876543210fedcba9876543210")
	os.Mkdir(journalDir, 0o700)
	journal, err := os.ReadFile("testdata/journal/regular.journal")
	if err != nil {
		t.Fatal(err)
	}
	journal = append(journal, binaryTestLines...)
	elf := append([]byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x3e\x00\x01\x00\x00\x00"), binaryTestLines...)
	holed := append(make([]byte, 8192), binaryTestLines...)
	files := map[string][]byte{
		filepath.Join(journalDir, "system.journal"): journal,
		filepath.Join(dir, "smtpd"):                 elf,
		filepath.Join(dir, "mail.log"):              holed,
	}
	for p, b := range files {
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		path string
		want []string // in the error; none: read
	}{
		{filepath.Join(journalDir, "system.journal"), []string{"systemd journal file", "--journal-dir " + journalDir}},
		{filepath.Join(dir, "smtpd"), []string{"binary"}},
		{filepath.Join(dir, "mail.log"), nil},
	} {
		recs, _, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{tc.path}, Block: true})
		if tc.want == nil {
			if err != nil || len(recs) != 2 {
				t.Errorf("%s: %d records, %v; want the 2 lines after the NULs", filepath.Base(tc.path), len(recs), err)
			}
			continue
		}
		if err == nil || len(recs) > 0 {
			t.Errorf("%s: replayed as text: %d records, error %v", filepath.Base(tc.path), len(recs), err)
		} else {
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%s: %q lacks %q", filepath.Base(tc.path), err, w)
				}
			}
		}
		h := startFollow(t, tc.path, true)
		waitFor(t, "the follow's state", 5*time.Second, func() bool { return h.hasState(HealthUnavailable, tc.want[0]) })
		if h.hasState(HealthOK, "") || h.count() > 0 {
			t.Errorf("%s: followed as text (%d records)", filepath.Base(tc.path), h.count())
		}
	}
	rc, err := OpenLogReader("stdin", bytes.NewReader(journal))
	if err == nil {
		rc.Close()
		t.Fatal("a journal file on standard input was read as text")
	}
	if !strings.Contains(err.Error(), "--journal-dir") {
		t.Errorf("stdin: %v", err)
	}
}
