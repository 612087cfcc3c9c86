package sourcestest_test

import (
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"mxtop/sources"
	"mxtop/sources/sourcestest"
)

var _ sources.Exec = (*sourcestest.FakeExec)(nil)

func TestFakeExec(t *testing.T) {
	ctx := context.Background()
	boom := errors.New("boom")
	f := &sourcestest.FakeExec{Outputs: map[string]string{"postqueue -j": "{}\n"}, Errors: map[string]error{"postconf -n": boom}}
	if out, err := f.Output(ctx, "postqueue", "-j"); err != nil || string(out) != "{}\n" {
		t.Fatalf("recorded: %q %v", out, err)
	}
	if _, err := f.Output(ctx, "postconf", "-n"); !errors.Is(err, boom) {
		t.Fatalf("recorded error: %v", err)
	}
	if _, err := f.Output(ctx, "journalctl"); !errors.Is(err, sources.ErrNotFound) {
		t.Fatalf("missing command: %v", err)
	}
	r, err := f.Stream(ctx, false, "postqueue", "-j")
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(r); string(b) != "{}\n" {
		t.Fatalf("stream %q", b)
	}
	if len(f.Calls) != 4 || f.Calls[2] != "journalctl" {
		t.Fatalf("calls %q", f.Calls)
	}
	slow := &sourcestest.FakeExec{Delay: time.Hour}
	short, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	if _, err := slow.Output(short, "postqueue", "-j"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("delay: %v", err)
	}
}
