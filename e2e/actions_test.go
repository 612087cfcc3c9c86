package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// queueOf lists the queue of each message with a recipient at domain.
func queueOf(t *testing.T, domain string) map[string]string {
	t.Helper()
	out := run(t, 20*time.Second, "postqueue", "-j")
	ids := map[string]string{}
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var m struct {
			QueueName  string `json:"queue_name"`
			QueueID    string `json:"queue_id"`
			Recipients []struct{ Address string }
		}
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("postqueue -j: %v", err)
		}
		for _, r := range m.Recipients {
			if strings.HasSuffix(strings.ToLower(r.Address), "@"+domain) {
				ids[m.QueueID] = m.QueueName
			}
		}
	}
	return ids
}

func count(ids map[string]string, queue string) int {
	n := 0
	for _, q := range ids {
		if q == queue {
			n++
		}
	}
	return n
}

// The queue actions, driven through the TUI in tmux, move the lab's real
// mail: hold puts every queued message for throttled.example on hold,
// release brings them back, deliver now makes Postfix try each at once;
// each is confirmed with y first, and recorded in the audit log.
func TestQueueActionsAgainstRealPostfix(t *testing.T) {
	need(t)
	bin := buildMxtop(t)
	run(t, 6*time.Minute, "./lab.sh", "up")
	t.Cleanup(func() {
		out, err := exec.Command("./lab.sh", "down").CombinedOutput()
		if err != nil {
			t.Errorf("lab.sh down: %v\n%s", err, out)
		}
	})
	run(t, 3*time.Minute, "./lab.sh", "load")
	const dom = "throttled.example"
	before := queueOf(t, dom)
	if count(before, "deferred") == 0 {
		t.Fatalf("no deferred mail for %s after the load: %v", dom, before)
	}

	snapDir := t.TempDir()
	sess := fmt.Sprintf("actions-e2e-%d", os.Getpid())
	run(t, 10*time.Second, "tmux", "new", "-d", "-s", sess, "-x", "160", "-y", "50",
		fmt.Sprintf("%s --log %s --snapshot-dir %s --queue-interval 2s", bin, logFile, snapDir))
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", sess).Run() })
	tm := &tmux{t, sess}
	if s, ok := tm.waitScreen(15*time.Second, func(s string) bool { return strings.Contains(s, dom) }); !ok {
		t.Fatalf("%s not in the queue pane:\n%s", dom, s)
	}
	// Only its row, the Queue pane focused.
	tm.keys("/")
	tm.keys("-l", dom)
	tm.keys("Enter", "4", "4")

	confirm := func(key, title string) string {
		t.Helper()
		tm.keys(key)
		s, ok := tm.waitScreen(15*time.Second, func(s string) bool { return strings.Contains(s, title) && strings.Contains(s, "y: run") })
		if !ok {
			t.Fatalf("no confirmation %q:\n%s", title, s)
		}
		return s
	}
	done := func(flash string) {
		t.Helper()
		if s, ok := tm.waitScreen(30*time.Second, func(s string) bool { return strings.Contains(s, flash) }); !ok {
			t.Fatalf("no %q after y:\n%s", flash, s)
		}
	}

	// Hold: nothing moves before y; after it, no message for the domain
	// is left outside hold.
	s := confirm("h", "hold ")
	if !strings.Contains(s, "postsuper -h -") {
		t.Errorf("the confirmation does not show the command:\n%s", s)
	}
	time.Sleep(time.Second)
	if q := queueOf(t, dom); count(q, "hold") != 0 {
		t.Fatalf("held before y: %v", q)
	}
	tm.keys("y")
	done("Placed on hold")
	held := queueOf(t, dom)
	if count(held, "hold") == 0 || count(held, "hold") != len(held) {
		t.Fatalf("after hold: %v", held)
	}
	t.Logf("hold: %d messages for %s on hold", count(held, "hold"), dom)

	// Release: all back out of hold.
	confirm("H", "release ")
	tm.keys("y")
	done("Released from hold")
	released := queueOf(t, dom)
	if count(released, "hold") != 0 {
		t.Fatalf("after release: %v", released)
	}
	for id := range held {
		if _, ok := released[id]; !ok {
			t.Logf("%s left the queue after release (delivered)", id)
		}
	}

	// Deliver now: one postqueue -i per deferred message, and Postfix
	// logs a new attempt for each within seconds (its own retry is
	// minutes away: minimal_backoff_time 20 s and the queue run's delay).
	deferred := queueOf(t, dom)
	var ids []string
	for id, q := range deferred {
		if q == "deferred" {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		t.Fatalf("nothing deferred to deliver now: %v", deferred)
	}
	s = confirm("f", "deliver now ")
	if !strings.Contains(s, "postqueue -i ") {
		t.Errorf("the confirmation does not show postqueue -i:\n%s", s)
	}
	logBefore, _ := os.ReadFile(logFile)
	tm.keys("y")
	done("command(s), 0 failed")
	deadline := time.Now().Add(15 * time.Second)
	var missing []string
	for time.Now().Before(deadline) {
		b, _ := os.ReadFile(logFile)
		fresh := string(b[min(len(logBefore), len(b)):])
		missing = missing[:0]
		for _, id := range ids {
			if !strings.Contains(fresh, id+": to=<") {
				missing = append(missing, id)
			}
		}
		if len(missing) == 0 {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if len(missing) > 0 {
		t.Errorf("no delivery attempt logged after deliver now for %v (of %d)", missing, len(ids))
	}

	audit, err := os.ReadFile(filepath.Join(snapDir, "mxtop-audit.log"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(audit), " done "); n != 3 {
		t.Errorf("audit log has %d results, want 3:\n%s", n, audit)
	}
	if st, _ := os.Stat(filepath.Join(snapDir, "mxtop-audit.log")); st.Mode().Perm() != 0o600 {
		t.Errorf("audit log mode %v", st.Mode().Perm())
	}
}

// The destination_concurrency hint for throttled.example, applied through
// the TUI: the diff first, the lab's configuration changed after y, postfix
// check passing, and u putting every file back byte for byte.
func TestApplyHintAgainstRealPostfix(t *testing.T) {
	need(t)
	bin := buildMxtop(t)
	run(t, 6*time.Minute, "./lab.sh", "up")
	t.Cleanup(func() {
		out, err := exec.Command("./lab.sh", "down").CombinedOutput()
		if err != nil {
			t.Errorf("lab.sh down: %v\n%s", err, out)
		}
	})
	files := []string{"/etc/postfix/main.cf", "/etc/postfix/master.cf", "/etc/postfix/e2e_transport"}
	orig := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		orig[f] = b
	}
	snapDir, backups := t.TempDir(), filepath.Join(t.TempDir(), "backups")
	sess := fmt.Sprintf("actions-e2e-apply-%d", os.Getpid())
	run(t, 10*time.Second, "tmux", "new", "-d", "-s", sess, "-x", "160", "-y", "50",
		fmt.Sprintf("%s --log %s --snapshot-dir %s --backup-dir %s --queue-interval 2s", bin, logFile, snapDir, backups))
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", sess).Run() })
	tm := &tmux{t, sess}
	if s, ok := tm.waitScreen(10*time.Second, func(s string) bool { return strings.Contains(s, "following "+logFile) }); !ok {
		t.Fatalf("TUI did not start:\n%s", s)
	}
	loadStart := logSize(t)
	// The sink refuses only when the smtp client opens more than two
	// connections to it at once, which a load that the queue manager
	// delivers slowly may never do: the load is sent again until the
	// sink has refused, at most three times.
	refused := func() bool {
		for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(250 * time.Millisecond) {
			if n, _ := refusals(t, loadStart, logSize(t)); n > 0 {
				return true
			}
		}
		return false
	}
	for range 3 {
		run(t, 3*time.Minute, "./lab.sh", "load")
		if refused() {
			break
		}
	}
	if s, ok := tm.waitScreen(20*time.Second, func(s string) bool { return strings.Contains(s, "throttled.example refuses") }); !ok {
		t.Fatalf("no destination_concurrency hint:\n%s", s)
	}
	// The hints for throttled.example only, the hints pane focused, the
	// concurrency hint selected. ratelimited.example's sink answers a
	// rate limit with the same "too many connections" and can rank first.
	tm.keys("/")
	tm.keys("-l", "throttled.example refuses")
	tm.keys("Enter", "5", "5", "a")
	s, ok := tm.waitScreen(15*time.Second, func(s string) bool { return strings.Contains(s, "y: run") })
	if !ok {
		t.Fatalf("no confirmation after a:\n%s", s)
	}
	for _, want := range []string{"+slow_destination_concurrency_limit = ", "+slow ", "+throttled.example", "check", "reload"} {
		if !strings.Contains(s, want) {
			t.Errorf("the diff lacks %q:\n%s", want, s)
		}
	}
	for _, f := range files {
		if b, _ := os.ReadFile(f); !bytes.Equal(b, orig[f]) {
			t.Fatalf("%s changed before y", f)
		}
	}
	tm.keys("y")
	if s, ok := tm.waitScreen(60*time.Second, func(s string) bool { return strings.Contains(s, "apply: ok") || strings.Contains(s, "apply: failed") }); !ok || !strings.Contains(s, "apply: ok") {
		t.Fatalf("apply:\n%s", s)
	}
	lim := strings.TrimSpace(run(t, 10*time.Second, "postconf", "-h", "slow_destination_concurrency_limit"))
	if lim == "" || lim == "20" {
		t.Errorf("slow_destination_concurrency_limit = %q after apply", lim)
	}
	if out := run(t, 10*time.Second, "postconf", "-M", "slow/unix"); !strings.Contains(out, "smtp") {
		t.Errorf("no slow/unix service: %q", out)
	}
	if tr, _ := os.ReadFile("/etc/postfix/e2e_transport"); !strings.Contains(string(tr), "throttled.example\tslow:[127.0.0.1]:2526") {
		t.Errorf("transport map:\n%s", tr)
	}
	run(t, 30*time.Second, "postfix", "check")
	t.Logf("applied: slow_destination_concurrency_limit = %s", lim)

	// The same load again, after the change, meets fewer refusals from
	// the throttled destination: measured in the log, before and after.
	applied := logSize(t)
	refBefore, triesBefore := refusals(t, loadStart, applied)
	run(t, 3*time.Minute, "./lab.sh", "load")
	time.Sleep(10 * time.Second) // the deliveries of the second load
	refAfter, triesAfter := refusals(t, applied, logSize(t))
	t.Logf("throttled.example refused %d of %d delivery attempts before the change, %d of %d after", refBefore, triesBefore, refAfter, triesAfter)
	if refBefore == 0 || triesAfter == 0 || float64(refAfter)/float64(triesAfter) >= float64(refBefore)/float64(triesBefore) {
		t.Errorf("the share of refused attempts did not fall: %d/%d before the change, %d/%d after", refBefore, triesBefore, refAfter, triesAfter)
	}

	tm.keys("u")
	if s, ok := tm.waitScreen(15*time.Second, func(s string) bool { return strings.Contains(s, "undo the last change applied to /etc/postfix?") }); !ok {
		t.Fatalf("no undo confirmation:\n%s", s)
	}
	tm.keys("y")
	if s, ok := tm.waitScreen(60*time.Second, func(s string) bool { return strings.Contains(s, "undo: ok") || strings.Contains(s, "undo: failed") }); !ok || !strings.Contains(s, "undo: ok") {
		t.Fatalf("undo:\n%s", s)
	}
	for _, f := range files {
		if b, _ := os.ReadFile(f); !bytes.Equal(b, orig[f]) {
			t.Errorf("%s not restored byte for byte", f)
		}
	}
	run(t, 30*time.Second, "postfix", "check")
	audit, _ := os.ReadFile(filepath.Join(snapDir, "mxtop-audit.log"))
	if !strings.Contains(string(audit), "done apply") || !strings.Contains(string(audit), "done undo") {
		t.Errorf("audit log:\n%s", audit)
	}
}

// logSize is the lab log's length in bytes now.
func logSize(t *testing.T) int64 {
	t.Helper()
	fi, err := os.Stat(logFile)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// refusals counts the throttled destination's delivery records and those
// of them refused for too many connections, logged between two offsets of
// the lab log.
func refusals(t *testing.T, from, to int64) (refused, tries int) {
	t.Helper()
	b, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	if to > int64(len(b)) {
		to = int64(len(b))
	}
	for _, line := range strings.Split(string(b[from:to]), "\n") {
		if !strings.Contains(line, "@throttled.example>") || !strings.Contains(line, " status=") {
			continue
		}
		tries++
		if strings.Contains(line, "too many connections") {
			refused++
		}
	}
	return refused, tries
}
