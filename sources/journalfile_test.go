package sources

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
	"github.com/pierrec/lz4/v4"
	"github.com/ulikunitz/xz"

	"mxtop/sources/sourcestest"
)

// journalRemote finds systemd-journal-remote and journalctl, skipping the
// test without them (failing under CI, which installs them).
func journalRemote(t testing.TB) string {
	t.Helper()
	_, errJ := exec.LookPath("journalctl")
	for _, p := range []string{"/lib/systemd/systemd-journal-remote", "/usr/lib/systemd/systemd-journal-remote"} {
		if _, err := os.Stat(p); err == nil && errJ == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("journalctl or systemd-journal-remote missing (apt-get install systemd-journal-remote)")
	}
	t.Skip("journalctl or systemd-journal-remote missing (apt-get install systemd-journal-remote)")
	return ""
}

// writeJournal has systemd-journal-remote write the export entries into
// path, with env (SYSTEMD_JOURNAL_COMPACT=0 ...) and extra flags.
func writeJournal(t testing.TB, path string, export []byte, env []string, flags ...string) {
	t.Helper()
	remote := journalRemote(t)
	in := filepath.Join(t.TempDir(), "export.txt")
	if err := os.WriteFile(in, export, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(remote, append(append([]string{"--output=" + path}, flags...), in)...)
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("systemd-journal-remote: %v\n%s", err, out)
	}
}

// mailExport builds n export entries as journald stores syslog messages,
// one every 10 ms from base (µs), with the monotonic clock following the
// realtime one so that journalctl's merge order is the realtime order.
// Besides Postfix's mail entries it holds the cases the reader must get
// right: a non-mail entry (skipped), Postfix under another facility
// (kept), another mail daemon (kept), a message with a newline and one with binary bytes, one longer
// than journald's compression threshold, a pid only in _PID.
func mailExport(n int, base int64, host string) []byte {
	var b bytes.Buffer
	long := strings.Repeat("reject detail 0123456789 ", 40)
	for i := range n {
		rt := base + int64(i)*10000
		ident, fac, pid := "postfix/smtp", "2", strconv.Itoa(1000+i%7)
		msg := fmt.Sprintf("%08X: to=<user%d@example.com>, relay=mx.example.com[192.0.2.7]:25, delay=0.5, dsn=2.0.0, status=sent (250 ok)", i, i)
		switch i % 10 {
		case 1:
			ident, fac, msg = "sshd", "4", "Accepted publickey for root from 192.0.2.9 port 50000"
		case 2:
			ident, fac, msg = "postfix-out/qmgr", "16", fmt.Sprintf("%08X: removed", i)
		case 3:
			msg = fmt.Sprintf("warning: hostname x%d does not resolve\nNov 28 10:00:00 mx postfix/smtp[1]: FORGED: status=sent", i)
		case 4:
			msg = fmt.Sprintf("%08X: reject: RCPT from x[192.0.2.%d]: 554 5.7.1 %s\x00\x01\xff end", i, i%250, long)
		case 5:
			pid = ""
		case 6: // mail facility, not Postfix: journalctl's match keeps it
			ident = "opendkim"
		}
		fields := []string{
			"__REALTIME_TIMESTAMP", strconv.FormatInt(rt, 10), "__MONOTONIC_TIMESTAMP", strconv.FormatInt(rt-base+1000000, 10),
			"_BOOT_ID", "6b4b6a3c1b6e4f0e9d2a1c0b9a8f7e6d", "_TRANSPORT", "syslog", "PRIORITY", "6",
			"SYSLOG_FACILITY", fac, "SYSLOG_IDENTIFIER", ident,
		}
		if pid != "" {
			fields = append(fields, "SYSLOG_PID", pid)
		}
		fields = append(fields, "_PID", strconv.Itoa(2000+i%5), "MESSAGE", msg, "_COMM", "smtp",
			"_CMDLINE", "smtp -n smtp -t unix -u -c "+strings.Repeat("-o x=y ", 80), "_HOSTNAME", host)
		exportEntry(&b, fields...)
	}
	return b.Bytes()
}

// journalFileLines reads dir with the file reader.
func journalFileLines(t testing.TB, dir, since string) ([]string, []SourceState) {
	t.Helper()
	files, skipped, err := openJournalFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeJournalFiles(files)
	if len(skipped) > 0 {
		t.Fatalf("files left out: %v", skipped)
	}
	us, ok := journalSinceMicros(since, time.Now())
	if !ok {
		t.Fatalf("since %q", since)
	}
	return drain(t, func(ch chan<- chunk) error { return produceJournalFiles(context.Background(), files, us, ch) })
}

// journalctlLines reads dir through journalctl's export, as a follow does.
func journalctlLines(t testing.TB, dir string) []string {
	t.Helper()
	q := JournalQuery{Dir: dir, FromStart: true, Identifiers: journalIdentifiers(context.Background(), OSExec{}, dir, CommandTimeout)}
	out, err := exec.Command("journalctl", JournalArgs(q)...).Output()
	if err != nil {
		t.Fatalf("journalctl: %v", err)
	}
	lines, _ := drain(t, func(ch chan<- chunk) error {
		return produceExport(context.Background(), bytes.NewReader(out), ch, false)
	})
	return lines
}

func drain(t testing.TB, produce func(chan<- chunk) error) ([]string, []SourceState) {
	t.Helper()
	ch := make(chan chunk, 64)
	errc := make(chan error, 1)
	go func() { errc <- produce(ch); close(ch) }()
	var lines []string
	var states []SourceState
	for c := range ch {
		if c.state != nil {
			states = append(states, *c.state)
		}
		start := 0
		for _, end := range c.ends {
			lines = append(lines, c.text[start:end])
			start = end + 1
		}
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	return lines, states
}

func sameLines(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d lines, want %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Fatalf("line %d:\nfiles      %q\njournalctl %q", i, got[i], want[i])
		}
	}
}

// compressedObjects counts the DATA objects of a file stored compressed,
// by flag, walking the objects one after another.
func compressedObjects(t *testing.T, path string) (flags uint32, byFlag map[byte]int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	byFlag = map[byte]int{}
	hs := binary.LittleEndian.Uint64(b[88:])
	tail := binary.LittleEndian.Uint64(b[136:])
	for off := hs; off <= tail && off+16 <= uint64(len(b)); {
		size := binary.LittleEndian.Uint64(b[off+8:])
		if size < 16 {
			break
		}
		if b[off] == jObjData && b[off+1] != 0 {
			byFlag[b[off+1]]++
		}
		off += (size + 7) &^ 7
	}
	return binary.LittleEndian.Uint32(b[12:]), byFlag
}

// The file reader and journalctl's export give byte-identical lines for
// the same journal, in every layout journald writes: compact or not,
// keyed hash or not, compressed values.
func TestJournalFileMatchesJournalctl(t *testing.T) {
	const n = 300
	export := mailExport(n, 1795864388000000, "mx1")
	for _, tc := range []struct {
		name    string
		env     []string
		flags   uint32 // header incompatible flags that must be set
		noFlags uint32 // and must not
	}{
		{"compact keyed", []string{"SYSTEMD_JOURNAL_COMPACT=1", "SYSTEMD_JOURNAL_KEYED_HASH=1"}, jIncompatCompact | jIncompatKeyedHash, 0},
		{"regular keyed", []string{"SYSTEMD_JOURNAL_COMPACT=0", "SYSTEMD_JOURNAL_KEYED_HASH=1"}, jIncompatKeyedHash, jIncompatCompact},
		{"compact jenkins", []string{"SYSTEMD_JOURNAL_COMPACT=1", "SYSTEMD_JOURNAL_KEYED_HASH=0"}, jIncompatCompact, jIncompatKeyedHash},
		{"regular jenkins", []string{"SYSTEMD_JOURNAL_COMPACT=0", "SYSTEMD_JOURNAL_KEYED_HASH=0"}, 0, jIncompatCompact | jIncompatKeyedHash},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "system.journal")
			writeJournal(t, path, export, tc.env)
			flags, compressed := compressedObjects(t, path)
			if flags&tc.flags != tc.flags || flags&tc.noFlags != 0 {
				t.Fatalf("header flags %#x, want %#x set and %#x clear", flags, tc.flags, tc.noFlags)
			}
			if compressed[jObjCompressedZstd] == 0 {
				t.Fatalf("no zstd-compressed value in the file: %v", compressed)
			}
			got, states := journalFileLines(t, dir, "")
			sameLines(t, got, journalctlLines(t, dir))
			if len(got) != n-n/10 {
				t.Errorf("%d lines, want %d (every entry but the sshd ones)", len(got), n-n/10)
			}
			if len(states) > 0 {
				t.Errorf("states %+v", states)
			}
			for _, l := range got {
				if strings.Contains(l, "sshd") || strings.ContainsAny(l, "\n\x00") {
					t.Fatalf("line %q", l)
				}
			}
			if !strings.Contains(got[1], " mx1 postfix-out/qmgr[1002]: 00000002: removed") || !strings.Contains(got[4], " postfix/smtp[2000]: 00000005: to=") {
				t.Errorf("lines %q", got[:5])
			}
		})
	}
}

// Several files (archived, active, per user) merge in realtime order.
func TestJournalFileMerge(t *testing.T) {
	dir := t.TempDir()
	base := int64(1795864388000000)
	// Interleaved: each file holds every third 10 ms step, shifted.
	writeJournal(t, filepath.Join(dir, "system@0f6b5c8e2d4a4b7c9e1f3a5b7c9d1e2f-0000000000000001-0006614e35e7f000.journal"), mailExport(300, base, "mx1"), nil)
	writeJournal(t, filepath.Join(dir, "system.journal"), mailExport(300, base+3333, "mx2"), []string{"SYSTEMD_JOURNAL_COMPACT=0"})
	writeJournal(t, filepath.Join(dir, "user-1000.journal"), mailExport(300, base+6666, "mx3"), nil)
	got, _ := journalFileLines(t, dir, "")
	sameLines(t, got, journalctlLines(t, dir))
	if len(got) != 810 {
		t.Fatalf("%d lines, want 810", len(got))
	}
	for i := 1; i < len(got); i++ {
		if got[i][:27] < got[i-1][:27] {
			t.Fatalf("out of order at %d: %q after %q", i, got[i], got[i-1])
		}
	}
	if !strings.Contains(got[0], " mx1 ") || !strings.Contains(got[1], " mx2 ") || !strings.Contains(got[2], " mx3 ") {
		t.Errorf("not interleaved: %q", got[:3])
	}
	// A copy of a file, in a machine-ID subdirectory as journalctl
	// --directory reads them, adds nothing: its entries show once.
	sub := filepath.Join(dir, "4b0c7d1e9f2a4c6e8a0b2d4f6a8c0e1d")
	os.Mkdir(sub, 0o700)
	b, err := os.ReadFile(filepath.Join(dir, "system.journal"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(sub, "system@0f6b5c8e2d4a4b7c9e1f3a5b7c9d1e2f-0000000000000002-0006614e35e7f000.journal~"), b, 0o600)
	again, _ := journalFileLines(t, dir, "")
	sameLines(t, again, journalctlLines(t, dir))
	sameLines(t, again, got)
	// --since skips what is older, in every file.
	since := time.UnixMicro(base + 2e6).UTC()
	later, _ := journalFileLines(t, dir, since.Local().Format("2006-01-02 15:04:05"))
	var want []string
	for _, l := range got {
		if l[:26] >= since.Format("2006-01-02T15:04:05.000000") {
			want = append(want, l)
		}
	}
	if len(later) == 0 || len(later) >= len(got) {
		t.Fatalf("since kept %d of %d", len(later), len(got))
	}
	sameLines(t, later, want)
}

// A journal whose values are LZ4-compressed (systemd 229 to 245 wrote
// them so) reads as journalctl reads it. journal-remote here writes zstd
// only, so the test rewrites an uncompressed file's MESSAGE values in
// place: an 8-byte size and an LZ4 block, the object shortened.
func TestJournalFileLZ4(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "system.journal")
	writeJournal(t, path, mailExport(200, 1795864388000000, "mx1"), nil, "--compress=no")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := rewriteLZ4(t, b); n < 10 {
		t.Fatalf("%d values rewritten", n)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	got, states := journalFileLines(t, dir, "")
	want := journalctlLines(t, dir)
	sameLines(t, got, want)
	if len(got) != 180 || len(states) > 0 {
		t.Fatalf("%d lines, states %+v", len(got), states)
	}
	if !strings.Contains(got[3], "reject detail 0123456789 reject") {
		t.Errorf("long message %q", got[3])
	}
}

// rewriteLZ4 stores the DATA objects of the journal file b LZ4-compressed
// in place, as systemd 229 to 245 wrote them: an 8-byte size and an LZ4
// block, the object shortened; zstd values are decompressed first. It
// returns how many MESSAGE values it rewrote.
func rewriteLZ4(tb testing.TB, b []byte) int {
	tb.Helper()
	return rewriteValues(tb, b, jObjCompressedLZ4, jIncompatLZ4, func(p []byte) []byte {
		dst := make([]byte, 8+lz4.CompressBlockBound(len(p)))
		binary.LittleEndian.PutUint64(dst, uint64(len(p)))
		var c lz4.Compressor
		m, err := c.CompressBlock(p, dst[8:])
		if err != nil {
			tb.Fatal(err)
		}
		if m == 0 {
			return nil
		}
		return dst[:8+m]
	})
}

// rewriteValues stores each DATA object of the journal file b that enc
// makes shorter as enc's output, flagged objFlag, the object shortened,
// and sets incompat in the header; zstd values are decompressed first. It
// returns how many MESSAGE values it rewrote.
func rewriteValues(tb testing.TB, b []byte, objFlag byte, incompat uint32, enc func([]byte) []byte) int {
	tb.Helper()
	start := uint64(jDataPayload)
	if binary.LittleEndian.Uint32(b[12:])&jIncompatCompact != 0 {
		start += 8
	}
	zd, _ := zstd.NewReader(nil)
	defer zd.Close()
	hs := binary.LittleEndian.Uint64(b[88:])
	tail := binary.LittleEndian.Uint64(b[136:])
	messages := 0
	for off := hs; off <= tail && off+16 <= uint64(len(b)); {
		size := binary.LittleEndian.Uint64(b[off+8:])
		if size < 16 {
			tb.Fatal("bad object walk")
		}
		if b[off] == jObjData && size > start {
			p := bytes.Clone(b[off+start : off+size])
			if b[off+1] == jObjCompressedZstd {
				var err error
				if p, err = zd.DecodeAll(p, nil); err != nil {
					tb.Fatal(err)
				}
			}
			if z := enc(p); len(z) > 0 && start+uint64(len(z)) < size {
				copy(b[off+start:], z)
				b[off+1] = objFlag
				binary.LittleEndian.PutUint64(b[off+8:], start+uint64(len(z)))
				if bytes.HasPrefix(p, []byte("MESSAGE=")) {
					messages++
				}
			}
		}
		off += (size + 7) &^ 7
	}
	binary.LittleEndian.PutUint32(b[12:], binary.LittleEndian.Uint32(b[12:])|incompat)
	return messages
}

// A journal whose values are XZ-compressed (systemd before 229, and later
// ones built or configured so) reads as journalctl reads it. journal-remote
// here writes zstd only, so the test rewrites an uncompressed file's
// values with xz set as systemd's compress_blob_xz sets liblzma: one LZMA2
// block, a 1 MiB dictionary, fast mode, no check.
func TestJournalFileXZ(t *testing.T) {
	xzCmd, err := exec.LookPath("xz")
	if err != nil {
		t.Skip("xz missing (apt-get install xz-utils)")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "system.journal")
	writeJournal(t, path, mailExport(200, 1795864388000000, "mx1"), nil, "--compress=no")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := rewriteValues(t, b, jObjCompressedXZ, jIncompatXZ, func(p []byte) []byte {
		if len(p) < 512 { // systemd's threshold: shorter values stay plain
			return nil
		}
		cmd := exec.Command(xzCmd, "--format=xz", "--check=none", "--lzma2=dict=1MiB,lc=3,lp=0,pb=2,mode=fast,nice=128,mf=hc3,depth=4", "-c")
		cmd.Stdin = bytes.NewReader(p)
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		return out
	})
	if n < 10 {
		t.Fatalf("%d values rewritten", n)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	got, states := journalFileLines(t, dir, "")
	want := journalctlLines(t, dir)
	sameLines(t, got, want)
	if len(got) != 180 || len(states) > 0 {
		t.Fatalf("%d lines, states %+v", len(got), states)
	}
	if !strings.Contains(got[3], "reject detail 0123456789 reject") {
		t.Errorf("long message %q", got[3])
	}
}

// An XZ value whose header asks for a 4 GiB dictionary (a damaged or
// hostile file) is decoded with systemd's 1 MiB one, not allocated as asked.
func TestJournalXZValueDictionaryBounded(t *testing.T) {
	msg := []byte("MESSAGE=" + strings.Repeat("reject detail 0123456789 ", 100))
	var z bytes.Buffer
	zw, err := xz.WriterConfig{DictCap: 1 << 20, NoCheckSum: true}.NewWriter(&z)
	if err != nil {
		t.Fatal(err)
	}
	zw.Write(msg)
	zw.Close()
	v := z.Bytes()
	props := bytes.Index(v[12:12+(int(v[12])+1)*4], []byte{0x21, 0x01})
	if props < 0 {
		t.Fatal("no LZMA2 filter in the block header")
	}
	v[12+props+2] = 40 // the largest dictionary the format can ask for
	var r journalFileReader
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got, err := r.decompress(jObjCompressedXZ, v)
	runtime.ReadMemStats(&after)
	if err != nil || !bytes.Equal(got, msg) {
		t.Fatalf("err %v, %d bytes, want %d", err, len(got), len(msg))
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 8<<20 {
		t.Fatalf("decoding one value allocated %d bytes", n)
	}
	for _, bad := range [][]byte{v[:10], v[:14], append(bytes.Clone(v[:12]), 0), v[:len(v)/2]} {
		if _, err := r.decompress(jObjCompressedXZ, bad); err == nil {
			t.Errorf("%x: no error", bad)
		}
	}
}

// A file this reader does not know (a future flag) is left to journalctl,
// whole.
func TestJournalFileUnsupported(t *testing.T) {
	b := make([]byte, 4096)
	copy(b, "LPKSHHRH")
	binary.LittleEndian.PutUint64(b[88:], 272)
	for _, flag := range []uint32{1 << 5, jIncompatXZ | 1<<6} {
		binary.LittleEndian.PutUint32(b[12:], flag)
		if _, err := parseJournalFile("x", b); err == nil || !strings.Contains(err.Error(), "incompatible flags") {
			t.Errorf("flag %#x: %v", flag, err)
		}
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "system.journal"), b, 0o600)
	if _, _, err := openJournalFiles(dir); err == nil {
		t.Fatal("a journal with an unknown flag opened")
	}
	if _, _, err := openJournalFiles(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no journal files") {
		t.Fatalf("empty dir: %v", err)
	}
}

// A file cut anywhere (a copy taken while journald wrote, a full disk)
// gives the entries before the cut and no more, and never panics.
func TestJournalFileTruncated(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "system.journal")
	writeJournal(t, path, mailExport(60, 1795864388000000, "mx1"), nil)
	full, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parseJournalFile(path, full)
	if err != nil {
		t.Fatal(err)
	}
	all := readAll(f)
	if len(all) != 54 {
		t.Fatalf("%d lines", len(all))
	}
	end := binary.LittleEndian.Uint64(full[136:])
	end += binary.LittleEndian.Uint64(full[end+8:])
	prev := 0
	for cut := 0; cut <= int(end); cut += 97 {
		f, err := parseJournalFile(path, full[:cut])
		if err != nil {
			if cut >= 1024 {
				t.Fatalf("cut at %d: %v", cut, err)
			}
			continue
		}
		got := readAll(f)
		if len(got) < prev {
			t.Fatalf("cut at %d: %d lines, %d at a shorter cut", cut, len(got), prev)
		}
		prev = len(got)
		for i, l := range got {
			if l != all[i] {
				t.Fatalf("cut at %d, line %d: %q, want %q", cut, i, l, all[i])
			}
		}
	}
	if prev < len(all)-1 {
		t.Fatalf("cut near the end: %d lines of %d", prev, len(all))
	}
}

func readAll(f *journalFile) []string {
	r := newJournalFileReader([]*journalFile{f}, 0)
	var lines []string
	var b []byte
	for {
		var ok bool
		b, ok = r.next(b[:0])
		if !ok {
			return lines
		}
		lines = append(lines, string(b))
	}
}

// The seed files read as journalctl reads them.
func TestJournalFileSeeds(t *testing.T) {
	if _, err := exec.LookPath("journalctl"); err != nil {
		t.Skip("journalctl missing")
	}
	for _, name := range []string{"compact.journal", "regular.journal"} {
		b, err := os.ReadFile(filepath.Join("testdata/journal", name))
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, name), b, 0o600)
		got, _ := journalFileLines(t, dir, "")
		sameLines(t, got, journalctlLines(t, dir))
		if len(got) != 7 {
			t.Errorf("%s: %d lines", name, len(got))
		}
		// The LZ4 seed of the fuzz test.
		if rewriteLZ4(t, b) == 0 {
			t.Fatalf("%s: no message rewritten", name)
		}
		os.WriteFile(filepath.Join(dir, name), b, 0o600)
		lz, _ := journalFileLines(t, dir, "")
		sameLines(t, lz, got)
		sameLines(t, lz, journalctlLines(t, dir))
	}
}

// Garbage, damaged or hostile journal files never crash, hang or read
// past their end, and give no more lines than the file has room for.
// Inputs are kilobytes: run with -fuzzminimizetime=100x, or the minimizer
// spends its minute on each new input.
func FuzzJournalFile(f *testing.F) {
	for _, name := range []string{"compact.journal", "regular.journal"} {
		b, err := os.ReadFile(filepath.Join("testdata/journal", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint64(0))
		f.Add(b, uint64(1795864388040000))
		lz := bytes.Clone(b)
		rewriteLZ4(f, lz)
		f.Add(lz, uint64(0))
	}
	f.Fuzz(func(t *testing.T, b []byte, since uint64) {
		jf, err := parseJournalFile("fuzz", b)
		if err != nil {
			return
		}
		r := newJournalFileReader([]*journalFile{jf}, since)
		var line []byte
		for n := 0; ; n++ {
			var ok bool
			line, ok = r.next(line[:0])
			if !ok {
				break
			}
			if n > len(b)/jEntryItems {
				t.Fatalf("%d entries from %d bytes", n, len(b))
			}
			if bytes.IndexByte(line, '\n') >= 0 || len(line) > 3*MaxLineLen+64 {
				t.Fatalf("line %q", line)
			}
		}
		if r.cacheBytes > jCacheBytes+64*jCacheEntries || len(r.cache) > jCacheEntries {
			t.Fatalf("cache %d entries, %d bytes", len(r.cache), r.cacheBytes)
		}
	})
}

// A mapped file cut short while it is read (rotated away and truncated by
// hand, a vacuum gone wrong) makes an error, not a crash.
func TestJournalFileShrunkWhileRead(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "system.journal")
	writeJournal(t, path, mailExport(50, 1795864388000000, "mx1"), nil)
	files, _, err := openJournalFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeJournalFiles(files)
	if err := os.Truncate(path, 4096); err != nil {
		t.Fatal(err)
	}
	ch := make(chan chunk, 64)
	err = produceJournalFiles(context.Background(), files, 0, ch)
	if err == nil || !strings.Contains(err.Error(), "changed while read") {
		t.Fatalf("err %v", err)
	}
}

func TestJournalSinceMicros(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"2h0m0s":               now.Add(-2 * time.Hour),
		"90m":                  now.Add(-90 * time.Minute),
		"-1h":                  now.Add(-time.Hour),
		"2026-11-27 10:30:00":  time.Date(2026, 11, 27, 10, 30, 0, 0, time.Local),
		"2026-11-27":           time.Date(2026, 11, 27, 0, 0, 0, 0, time.Local),
		"2026-11-27T10:30:00Z": time.Date(2026, 11, 27, 10, 30, 0, 0, time.UTC),
	} {
		got, ok := journalSinceMicros(in, now)
		if !ok || got != uint64(want.UnixMicro()) {
			t.Errorf("%q: %d %v, want %d", in, got, ok, want.UnixMicro())
		}
	}
	// journalctl's own words stay with journalctl.
	for _, in := range []string{"yesterday", "@1700000000", "10:00"} {
		if _, ok := journalSinceMicros(in, now); ok {
			t.Errorf("%q read", in)
		}
	}
}

// A replay reads the files itself and says so; a directory it cannot read
// goes through journalctl, the state saying why; a follow always uses
// journalctl.
func TestJournalReplaySource(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile("testdata/journal/compact.journal")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "system.journal"), b, 0o600)
	fx := &sourcestest.FakeExec{}
	recs, batches, err := collect(t, context.Background(), LogSpec{Kind: LogJournal, Once: true, JournalDir: dir, Exec: fx, Block: true})
	if err != nil || len(recs) != 7 || len(fx.Calls) != 0 {
		t.Fatalf("err %v, %d records, calls %v", err, len(recs), fx.Calls)
	}
	if st := batches[0].State; st == nil || st.Health != HealthOK || !strings.Contains(st.Detail, "journal files (1) "+dir) {
		t.Fatalf("state %+v", st)
	}

	// A file of a newer format: journalctl reads the directory.
	binary.LittleEndian.PutUint32(b[12:], binary.LittleEndian.Uint32(b[12:])|1<<5)
	os.WriteFile(filepath.Join(dir, "system.journal"), b, 0o600)
	var exp bytes.Buffer
	exportEntry(&exp, "__REALTIME_TIMESTAMP", "1795864390000000", "_HOSTNAME", "mx", "SYSLOG_IDENTIFIER", "postfix/qmgr", "_PID", "77", "MESSAGE", "ABCDEF1234: removed")
	fx = &sourcestest.FakeExec{Outputs: map[string]string{"journalctl --field=SYSLOG_IDENTIFIER --directory=" + dir: "postfix/qmgr\n"}}
	fx.Outputs["journalctl "+strings.Join(JournalArgs(JournalQuery{Dir: dir, FromStart: true, Identifiers: []string{"postfix/qmgr"}}), " ")] = exp.String()
	recs, batches, err = collect(t, context.Background(), LogSpec{Kind: LogJournal, Once: true, JournalDir: dir, Exec: fx, Block: true})
	if err != nil || len(recs) != 1 || recs[0].Event != EvRemoved {
		t.Fatalf("err %v, records %+v, calls %v", err, recs, fx.Calls)
	}
	if st := batches[0].State; st == nil || st.Health != HealthOK || !strings.Contains(st.Detail, "through journalctl: "+filepath.Join(dir, "system.journal")+": incompatible flags 0x20") {
		t.Fatalf("state %+v", st)
	}

	// Following: journalctl, even where the files could be read.
	t.Setenv(JournalReaderEnv, "")
	fx = &sourcestest.FakeExec{}
	collect(t, context.Background(), LogSpec{Kind: LogJournal, JournalDir: dir, Exec: fx, Block: true})
	if len(fx.Calls) == 0 || !strings.Contains(fx.Calls[len(fx.Calls)-1], "--follow") {
		t.Fatalf("calls %v", fx.Calls)
	}
}

// Files this user may not read make a clear error, not a journalctl run
// that could read no more.
func TestJournalFilePermission(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile("testdata/journal/compact.journal")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "system.journal"), b, 0o600)
	defer func(m func(string) ([]byte, func() error, error)) { mapJournal = m }(mapJournal)
	mapJournal = func(string) ([]byte, func() error, error) { return nil, nil, os.ErrPermission }
	fx := &sourcestest.FakeExec{}
	_, batches, err := collect(t, context.Background(), LogSpec{Kind: LogJournal, Once: true, JournalDir: dir, Exec: fx, Block: true})
	if err == nil || !strings.Contains(err.Error(), dir+": 1 journal files or directories not readable") || len(fx.Calls) != 0 {
		t.Fatalf("err %v, calls %v", err, fx.Calls)
	}
	if st := batches[0].State; st == nil || st.Health != HealthUnavailable {
		t.Fatalf("state %+v", st)
	}
}

// --journal-dir on a directory that is missing, or that holds no journal
// file, or only files that are not journals, fails saying so, without
// running journalctl (which reports no entries and succeeds), whether the
// journal is replayed or followed.
func TestJournalDirWithoutJournals(t *testing.T) {
	empty := t.TempDir()
	garbage := t.TempDir()
	os.WriteFile(filepath.Join(garbage, "system.journal"), bytes.Repeat([]byte{0xa5}, 4096), 0o600)
	file := filepath.Join(t.TempDir(), "system.journal")
	os.WriteFile(file, nil, 0o600)
	for _, c := range []struct {
		dir, want string
		once      bool
	}{
		{"/nonexistent/journal", "/nonexistent/journal: no such directory", true},
		{"/nonexistent/journal", "/nonexistent/journal: no such directory", false},
		{file, file + ": not a directory: name the directory that holds the journal files", true},
		{empty, empty + ": no journal files (*.journal) in it or in its machine-ID subdirectories", true},
		{garbage, garbage + ": no journal files that can be read: " + filepath.Join(garbage, "system.journal") + ": not a journal file", true},
	} {
		fx := &sourcestest.FakeExec{}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, batches, err := collect(t, ctx, LogSpec{Kind: LogJournal, Once: c.once, JournalDir: c.dir, Exec: fx, Block: true})
		cancel()
		if err == nil || err.Error() != c.want || len(fx.Calls) != 0 {
			t.Errorf("%s (once %v): err %v, want %q; %d commands run", c.dir, c.once, err, c.want, len(fx.Calls))
			continue
		}
		if len(batches) == 0 || batches[0].State == nil || batches[0].State.Health != HealthUnavailable || batches[0].State.Detail != c.want {
			t.Errorf("%s: batches %+v", c.dir, batches)
		}
	}
}
