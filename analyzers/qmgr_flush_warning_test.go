package analyzers

import (
	"strings"
	"testing"
)

// qmgr writes its advice against flushing as two warnings, one message
// cut in two: the queue_backlog hint gives it once, counted once for
// each time qmgr gave it, whether the log holds both lines or one.
func TestQmgrFlushAdviceCountsOnce(t *testing.T) {
	const (
		first  = " mx postfix/qmgr[5]: warning: please avoid flushing the whole queue when you have"
		second = " mx postfix/qmgr[5]: warning: lots of deferred mail, that is bad for performance"
	)
	for _, c := range []struct {
		name  string
		lines []string
		want  string
	}{
		{"both lines twice", []string{stamp(1) + first, stamp(1) + second, stamp(60) + first, stamp(60) + second}, "(2× "},
		{"first line", []string{stamp(1) + first}, "(1× "},
		{"second line", []string{stamp(1) + second}, "(1× "},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := hintOf(t, feed(c.lines...), "queue_backlog")
			var said []string
			for _, ev := range h.Evidence {
				if strings.Contains(ev, "please avoid flushing the whole queue") {
					said = append(said, ev)
				}
			}
			if len(said) != 1 || !strings.Contains(said[0], c.want) {
				t.Errorf("the advice against flushing is said %d times, want once with %q:\n%s", len(said), c.want, strings.Join(h.Evidence, "\n"))
			}
		})
	}
}
