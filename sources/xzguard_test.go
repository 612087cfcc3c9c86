package sources

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/ulikunitz/xz"
)

// xzLog compresses lines n lines of log with the library's writer, in
// blocks of blockSize bytes (0: one block) and the given check.
func xzLog(t *testing.T, from, n int, blockSize int64, check byte) []byte {
	t.Helper()
	var z bytes.Buffer
	cfg := xz.WriterConfig{BlockSize: blockSize, CheckSum: check, NoCheckSum: check == 0}
	if check == 0 {
		cfg.CheckSum = xz.CRC64
	}
	zw, err := cfg.NewWriter(&z)
	if err != nil {
		t.Fatal(err)
	}
	for i := from; i < from+n; i++ {
		zw.Write([]byte(logLine(i, "ID"+strconv.Itoa(100000+i)+"AB: removed") + "\n"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return z.Bytes()
}

// xzBlockStarts lists where the blocks of the one stream in b start, from
// its index (read from the end, as xz --list does).
func xzBlockStarts(t *testing.T, b []byte) []int {
	t.Helper()
	footer := b[len(b)-12:]
	backward := (int(binary.LittleEndian.Uint32(footer[4:8])) + 1) * 4
	index := b[len(b)-12-backward:]
	varint := func() uint64 {
		var v uint64
		for i := 0; ; i++ {
			c := index[0]
			index = index[1:]
			v |= uint64(c&0x7f) << (7 * i)
			if c&0x80 == 0 {
				return v
			}
		}
	}
	index = index[1:] // the index indicator
	n := varint()
	starts, at := []int{}, 12
	for range n {
		unpadded := int(varint())
		varint() // uncompressed size
		starts = append(starts, at)
		at += (unpadded + 3) &^ 3
	}
	return starts
}

// askDict makes the block header at b[at:] ask for the dictionary whose
// LZMA2 code is d, with its CRC made right again.
func askDict(t *testing.T, b []byte, at int, d byte) {
	t.Helper()
	hdr := b[at : at+(int(b[at])+1)*4]
	i := bytes.Index(hdr, []byte{0x21, 0x01})
	if i < 0 {
		t.Fatalf("no LZMA2 filter in the block header at %d: % x", at, hdr)
	}
	hdr[i+2] = d
	binary.LittleEndian.PutUint32(hdr[len(hdr)-4:], crc32.ChecksumIEEE(hdr[:len(hdr)-4]))
}

// A rotated log whose later block, or later stream, asks for a huge
// dictionary is refused like one whose first block does, before the
// decoder allocates it: a dictionary is allocated per block.
func TestReplayXZDictionaryBoundedInEveryBlock(t *testing.T) {
	multiBlock := xzLog(t, 0, 3000, 16<<10, xz.CRC64)
	starts := xzBlockStarts(t, multiBlock)
	if len(starts) < 3 {
		t.Fatalf("%d blocks, want several", len(starts))
	}
	askDict(t, multiBlock, starts[2], 36) // 1 GiB
	second := xzLog(t, 3000, 10, 0, xz.CRC32)
	askDict(t, second, 12, 36)
	multiStream := append(append(xzLog(t, 0, 10, 0, xz.CRC64), 0, 0, 0, 0), second...)
	for name, b := range map[string][]byte{"third block": multiBlock, "second stream": multiStream} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "mail.log.2.xz")
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, _, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{path}, Block: true})
			runtime.ReadMemStats(&after)
			if err == nil || !strings.Contains(err.Error(), "not a readable xz file: its dictionary of 1024 MiB is past the 64 MiB mxtop allows") {
				t.Errorf("err %v", err)
			}
			if n := after.TotalAlloc - before.TotalAlloc; n > 256<<20 {
				t.Errorf("reading it allocated %d MiB", n>>20)
			}
		})
	}
}

// Every well-formed xz file reads whole through the dictionary check:
// many blocks, every check the library writes, streams joined with
// padding, and xz's own output with incompressible (stored) chunks.
func TestReplayXZFramesReadWhole(t *testing.T) {
	var joined []byte
	want := 0
	for i, check := range []byte{0, xz.CRC32, xz.CRC64, xz.SHA256} {
		joined = append(joined, xzLog(t, want, 700, 8<<10, check)...)
		want += 700
		joined = append(joined, make([]byte, 4*i)...)
	}
	files := map[string][]byte{"library": joined}
	if haveXZ(t) {
		var plain bytes.Buffer
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range 2000 {
			// Random hex in the messages leaves LZMA2 chunks it stores
			// uncompressed.
			plain.WriteString(logLine(i, strconv.FormatUint(rng.Uint64(), 16)+strconv.FormatUint(rng.Uint64(), 16)+": removed") + "\n")
		}
		cmd := exec.Command("xz", "--check=sha256", "--block-size=20000", "-0", "-c")
		cmd.Stdin = bytes.NewReader(plain.Bytes())
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		files["xz"] = out
	}
	for name, b := range files {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "mail.log.3.xz")
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			recs, _, err := collect(t, context.Background(), LogSpec{Kind: LogReplay, Paths: []string{path}, Block: true})
			n := want
			if name == "xz" {
				n = 2000
			}
			if err != nil || len(recs) != n {
				t.Fatalf("err %v, %d records, want %d", err, len(recs), n)
			}
		})
	}
}

// The guard follows the framing of well-formed files to their end (were
// it lost, it would check no later block): many blocks and every check,
// streams joined with padding, and xz's own output, stored chunks of
// incompressible data included.
func TestXZGuardFollowsFraming(t *testing.T) {
	var joined []byte
	for i, check := range []byte{0, xz.CRC32, xz.CRC64, xz.SHA256} {
		joined = append(joined, xzLog(t, 0, 700, 8<<10, check)...)
		joined = append(joined, make([]byte, 4*i)...)
	}
	files := map[string][]byte{"library": joined, "empty": xzLog(t, 0, 0, 0, xz.CRC64)}
	if haveXZ(t) {
		random := make([]byte, 300<<10)
		rng := rand.New(rand.NewPCG(3, 4))
		for i := range random {
			random[i] = byte(rng.Uint32())
		}
		var plain bytes.Buffer
		for i := range 5000 {
			plain.WriteString(logLine(i, "ID"+strconv.Itoa(i)+"AB: removed") + "\n")
		}
		run := func(in []byte, args ...string) []byte {
			cmd := exec.Command("xz", append(args, "-c")...)
			cmd.Stdin = bytes.NewReader(in)
			out, err := cmd.Output()
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		files["xz stored"] = run(random, "--check=sha256", "--block-size=100000", "-0")
		text := run(plain.Bytes(), "-9e", "--check=crc32")
		files["xz streams"] = append(append(append([]byte(nil), text...), 0, 0, 0, 0, 0, 0, 0, 0), run(random[:5000], "--check=none")...)
	}
	for name, b := range files {
		t.Run(name, func(t *testing.T) {
			g := &xzGuard{r: bytes.NewReader(b)}
			g.gather(xzStreamHeader, 12)
			if _, err := io.Copy(io.Discard, g); err != nil {
				t.Fatal(err)
			}
			if g.phase != xzStreamPadding || g.skip != 0 || g.zeros%4 != 0 {
				t.Errorf("phase %d, %d to skip, %d zeros at the end", g.phase, g.skip, g.zeros)
			}
		})
	}
}

// BenchmarkReadXZ measures decompressing a rotated xz log, the dictionary
// check on every block included.
func BenchmarkReadXZ(b *testing.B) {
	var plain bytes.Buffer
	for i := 0; plain.Len() < 16<<20; i++ {
		plain.WriteString(logLine(i, "ID"+strconv.Itoa(100000+i)+"AB: to=<u"+strconv.Itoa(i%977)+"@example.net>, relay=mx.example.net[192.0.2.1]:25, delay=0.4, dsn=2.0.0, status=sent (250 ok)") + "\n")
	}
	var z bytes.Buffer
	zw, _ := xz.WriterConfig{BlockSize: 1 << 20}.NewWriter(&z)
	zw.Write(plain.Bytes())
	zw.Close()
	b.SetBytes(int64(plain.Len()))
	b.ResetTimer()
	for range b.N {
		rc, err := OpenLogReader("mail.log.1.xz", bytes.NewReader(z.Bytes()))
		if err != nil {
			b.Fatal(err)
		}
		if n, err := io.Copy(io.Discard, rc); err != nil || n != int64(plain.Len()) {
			b.Fatal(n, err)
		}
		rc.Close()
	}
}

// FuzzXZGuard: no framing, however damaged, makes the guard panic or
// lets a header it understood past the bound.
func FuzzXZGuard(f *testing.F) {
	var z bytes.Buffer
	zw, _ := xz.WriterConfig{BlockSize: 512}.NewWriter(&z)
	for i := range 40 {
		zw.Write([]byte(logLine(i, "ID"+strconv.Itoa(i)+"AB: removed") + "\n"))
	}
	zw.Close()
	f.Add(z.Bytes())
	f.Add(append(append([]byte(nil), z.Bytes()...), 0, 0, 0, 0))
	f.Fuzz(func(t *testing.T, b []byte) {
		rc, err := OpenLogReader("mail.log.1.xz", bytes.NewReader(b))
		if err == nil {
			io.Copy(io.Discard, rc)
			rc.Close()
		}
		g := &xzGuard{r: bytes.NewReader(b)}
		g.gather(xzStreamHeader, 12)
		io.Copy(io.Discard, g)
	})
}

// Framing the guard cannot follow fails the read, saying where: past it,
// the guard would check no later block.
func TestXZGuardRefusesDamagedFraming(t *testing.T) {
	b := xzLog(t, 0, 3000, 16<<10, xz.CRC64)
	starts := xzBlockStarts(t, b)
	at := starts[1] + (int(b[starts[1]])+1)*4 // the second block's first chunk
	b[at] = 0x05
	rc, err := OpenLogReader("mail.log.1.xz", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	_, err = io.Copy(io.Discard, rc)
	want := "not a readable xz file: its framing is damaged at byte " + strconv.Itoa(at) + ": an LZMA2 chunk of no known kind (0x05)"
	if err == nil || err.Error() != want {
		t.Errorf("err %v, want %s", err, want)
	}
}

// haveXZ says whether xz is there to write files as a host's logrotate
// does; CI installs it, so there its absence fails the test.
func haveXZ(t *testing.T) bool {
	t.Helper()
	if _, err := exec.LookPath("xz"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("xz missing (apt-get install xz-utils)")
		}
		t.Log("xz missing: only the library's files are read")
		return false
	}
	return true
}

// An xz file cut anywhere before the end of its stream footer is an
// error, never a clean end with fewer lines: cut within its first few
// blocks of framing the decoder itself said nothing, and a rotation cut
// short read as an empty, healthy log.
func TestXZCutAnywhereIsAnError(t *testing.T) {
	whole := xzLog(t, 0, 3, 0, xz.CRC32)
	// Fewer than its six magic bytes are no xz file: read as text.
	for n := 6; n < len(whole); n++ {
		rc, err := OpenLogReader("cut.xz", bytes.NewReader(whole[:n]))
		if err != nil {
			continue
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err == nil {
			t.Errorf("cut at byte %d of %d: read to a clean end", n, len(whole))
		}
	}
	rc, err := OpenLogReader("whole.xz", bytes.NewReader(whole))
	if err != nil {
		t.Fatal(err)
	}
	if b, err := io.ReadAll(rc); err != nil || bytes.Count(b, []byte("\n")) != 3 {
		t.Errorf("the whole file: %d lines, %v", bytes.Count(b, []byte("\n")), err)
	}
}
