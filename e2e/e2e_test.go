// Package e2e runs mxtop against a real Postfix on loopback: it configures
// the lab (lab.sh), makes it log real limits, and checks what the report
// and the TUI show. It reconfigures /etc/postfix (and restores it), so it
// runs only with MXTOP_E2E=1, as root; there a missing prerequisite is a
// failure, not a skip.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

const logFile = "/var/log/mxtop-e2e.log"

// need skips (or, under MXTOP_E2E=1, fails) when the lab cannot run.
func need(t *testing.T) {
	t.Helper()
	strict := os.Getenv("MXTOP_E2E") == "1"
	stop := t.Skipf
	if strict {
		stop = t.Fatalf
	}
	if !strict {
		stop("end-to-end tests reconfigure /etc/postfix: set MXTOP_E2E=1 (as root, on Debian) to run them")
	}
	if os.Geteuid() != 0 {
		stop("end-to-end tests need root to configure and start Postfix")
	}
	for _, tool := range []string{"tmux", "ss"} {
		if _, err := exec.LookPath(tool); err != nil {
			stop("%s not installed: %v", tool, err)
		}
	}
}

func run(t *testing.T, timeout time.Duration, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out.String())
	}
	return out.String()
}

func buildMxtop(t *testing.T) string {
	bin := filepath.Join(t.TempDir(), "mxtop")
	run(t, 3*time.Minute, "go", "build", "-o", bin, "..")
	return bin
}

type tmux struct {
	t    *testing.T
	name string
}

func (x *tmux) screen() string {
	out, err := exec.Command("tmux", "capture-pane", "-p", "-t", x.name).Output()
	if err != nil {
		return ""
	}
	return string(out)
}

func (x *tmux) keys(k ...string) {
	args := append([]string{"send-keys", "-t", x.name}, k...)
	if err := exec.Command("tmux", args...).Run(); err != nil {
		x.t.Fatalf("tmux send-keys: %v", err)
	}
}

// waitScreen polls the screen until cond holds or timeout passes.
func (x *tmux) waitScreen(timeout time.Duration, cond func(string) bool) (string, bool) {
	deadline := time.Now().Add(timeout)
	for {
		s := x.screen()
		if cond(s) {
			return s, true
		}
		if time.Now().After(deadline) {
			return s, false
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// firstMatch waits for the first log line containing text and returns when
// it was seen.
func firstMatch(t *testing.T, text string, timeout time.Duration) time.Time {
	if !logged(text, timeout) {
		t.Fatalf("%q not logged within %s", text, timeout)
	}
	return time.Now()
}

// logged waits up to timeout for a log line containing text.
func logged(text string, timeout time.Duration) bool {
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if b, _ := os.ReadFile(logFile); bytes.Contains(b, []byte(text)) {
			return true
		}
	}
	return false
}

type report struct {
	Destinations []struct {
		Domain  string
		Classes map[string]int
	}
	Queue *struct {
		Queues map[string]struct{ Messages int }
	}
	Config *struct {
		Parameters []struct{ Name, Value string }
		Services   []struct {
			Service, Type string
			Running       *int
		}
	}
	Hints []struct {
		ID, Subject, Severity string
		Actions               []string
	}
}

func TestAgainstRealPostfix(t *testing.T) {
	need(t)
	start := time.Now()
	bin := buildMxtop(t)
	run(t, 6*time.Minute, "./lab.sh", "up")
	t.Cleanup(func() {
		out, err := exec.Command("./lab.sh", "down").CombinedOutput()
		if err != nil {
			t.Errorf("lab.sh down: %v\n%s", err, out)
		}
		if out, err := exec.Command("pgrep", "-f", "/usr/lib/postfix/sbin/master").Output(); err == nil && len(out) > 0 {
			t.Errorf("postfix master still running: %s", out)
		}
		t.Logf("end-to-end run took %s", time.Since(start).Round(time.Second))
	})

	// The TUI follows the live log from its end, before any load.
	snapDir := t.TempDir()
	sess := fmt.Sprintf("mxtop-e2e-%d", os.Getpid())
	run(t, 10*time.Second, "tmux", "new", "-d", "-s", sess, "-x", "120", "-y", "40",
		fmt.Sprintf("%s --log %s --snapshot-dir %s --queue-interval 2s", bin, logFile, snapDir))
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", sess).Run() })
	tm := &tmux{t, sess}
	if s, ok := tm.waitScreen(10*time.Second, func(s string) bool { return strings.Contains(s, "following "+logFile) }); !ok {
		t.Fatalf("TUI did not start following the log:\n%s", s)
	}

	// The sink refuses only when the smtp client opens more than two
	// connections to it at once, which a load the queue manager delivers
	// slowly may never do: the load is sent again, at most three times,
	// until the refusal is logged.
	const refusal = "mx.throttled.example Error: too many connections"
	loadDone := make(chan string, 1)
	go func() {
		var out []byte
		for range 3 {
			out, _ = exec.Command("./lab.sh", "load").CombinedOutput()
			if logged(refusal, 15*time.Second) {
				break
			}
		}
		loadDone <- string(out)
	}()

	// (3) The throttled domain shows within 10 s of its first 421.
	first421 := firstMatch(t, refusal, 5*time.Minute)
	s, ok := tm.waitScreen(10*time.Second, func(s string) bool { return strings.Contains(s, "throttled.example") })
	if !ok {
		t.Fatalf("throttled.example not on screen within 10 s of its first 421:\n%s", s)
	}
	t.Logf("throttled.example on screen %s after its first 421", time.Since(first421).Round(10*time.Millisecond))
	<-loadDone
	firstMatch(t, "has reached its process limit", 30*time.Second)

	// The hint with its commands reaches the screen, then a snapshot. On
	// a loaded machine the lab's throttled sink refuses few connections
	// and host hints (the machine is overloaded) rank above its hint,
	// past the hints pane's height: the zoomed pane shows them all.
	throttledHint := func(s string) bool { return strings.Contains(s, "throttled.example refuses") }
	if _, ok := tm.waitScreen(15*time.Second, throttledHint); !ok {
		tm.keys("5", "5", "z") // hide, show and focus, zoom
		s, ok := tm.waitScreen(10*time.Second, throttledHint)
		if !ok {
			t.Fatalf("no destination_concurrency hint on screen, nor in the zoomed hints pane:\n%s", s)
		}
		tm.keys("z") // unzoom
	}
	tm.keys("s")
	if s, ok := tm.waitScreen(10*time.Second, func(s string) bool { return strings.Contains(s, "snapshot written") }); !ok {
		t.Fatalf("no snapshot flash:\n%s", s)
	}
	snaps, _ := filepath.Glob(filepath.Join(snapDir, "mxtop-*.md"))
	if len(snaps) != 1 {
		t.Fatalf("snapshots: %v", snaps)
	}
	md, _ := os.ReadFile(snaps[0])
	for _, want := range []string{"throttled.example", "slow_destination_concurrency_limit", "postfix reload", "## master.cf services"} {
		if !bytes.Contains(md, []byte(want)) {
			t.Errorf("snapshot lacks %q", want)
		}
	}
	if st, err := os.Stat(snaps[0]); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("snapshot mode: %v %v", st, err)
	}

	// (4) The concurrency pane shows the real master's smtpd processes of
	// smtp/inet against maxproc 5.
	tm.keys("2", "2", "z") // hide, show and focus, zoom
	re := regexp.MustCompile(`svc smtp/inet\s+\[[#.]+\]\s+(\d+)/5`)
	var shown int
	// While the processes do not change, the probe repeats its last
	// reading for up to 4 machine intervals (2 s each): a change shows
	// within 10 s, and the wait leaves room beyond that.
	s, ok = tm.waitScreen(20*time.Second, func(s string) bool {
		m := re.FindStringSubmatch(s)
		if m == nil {
			return false
		}
		shown, _ = strconv.Atoi(m[1])
		real := countSmtpd(t)
		return shown == real
	})
	if !ok {
		t.Fatalf("smtp/inet processes on screen %d, ps says %d:\n%s", shown, countSmtpd(t), s)
	}

	// (2) Freeze the queue (everything on hold) so the report and
	// postqueue see the same thing.
	run(t, 30*time.Second, "postsuper", "-h", "ALL")
	time.Sleep(time.Second)
	pq := queueCounts(t)
	out := run(t, time.Minute, bin, "report", "--format", "json", "--log", logFile)
	var rep report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("report JSON: %v\n%s", err, out)
	}
	after := queueCounts(t)
	if rep.Queue == nil {
		t.Fatal("report has no queue")
	}
	for _, q := range []string{"maildrop", "incoming", "active", "deferred", "hold"} {
		got := rep.Queue.Queues[q].Messages
		if got != pq[q] && got != after[q] {
			t.Errorf("queue %s: report %d, postqueue -j %d (then %d)", q, got, pq[q], after[q])
		}
	}
	if pq["hold"] == 0 {
		t.Error("nothing on hold: the queue was empty")
	}
	param := ""
	for _, p := range rep.Config.Parameters {
		if p.Name == "smtp_destination_concurrency_limit" {
			param = p.Value
		}
	}
	if param != "20" {
		t.Errorf("config smtp_destination_concurrency_limit = %q, want 20", param)
	}

	// (1) The throttled destination with conn_limit deferrals, its hint
	// ranked with an action naming it, inbound and process limits.
	found := false
	for _, d := range rep.Destinations {
		if d.Domain == "throttled.example" && d.Classes["conn_limit"] > 0 {
			found = true
		}
	}
	if !found {
		t.Errorf("throttled.example with conn_limit not in the report")
	}
	hint := func(id, subject string) (int, bool) {
		for i, h := range rep.Hints {
			if h.ID == id && h.Subject == subject {
				return i, true
			}
		}
		return 0, false
	}
	if i, ok := hint("destination_concurrency", "throttled.example"); !ok {
		t.Errorf("no destination_concurrency hint for throttled.example: %+v", rep.Hints)
	} else if !strings.Contains(strings.Join(rep.Hints[i].Actions, "\n"), "throttled.example") {
		t.Errorf("its actions do not name it: %v", rep.Hints[i].Actions)
	}
	if _, ok := hint("inbound_limits", "smtp"); !ok {
		t.Errorf("no inbound_limits hint for service smtp")
	}
	if _, ok := hint("process_limit", "smtpd/pass"); !ok {
		t.Errorf("no process_limit hint for smtpd/pass")
	}
	if time.Since(start) > 5*time.Minute {
		t.Errorf("the end-to-end run took %s, over 5 minutes", time.Since(start))
	}
}

// countSmtpd counts the live smtpd processes of service smtp/inet.
func countSmtpd(t *testing.T) int {
	out, _ := exec.Command("pgrep", "-f", "smtpd -n smtp -t inet").Output()
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if l == "" {
			continue
		}
		st, err := os.ReadFile("/proc/" + l + "/stat")
		if err == nil && !strings.Contains(string(st), ") Z ") {
			n++
		}
	}
	return n
}

func queueCounts(t *testing.T) map[string]int {
	out := run(t, 20*time.Second, "postqueue", "-j")
	counts := map[string]int{}
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var m struct {
			QueueName string `json:"queue_name"`
		}
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("postqueue -j: %v", err)
		}
		counts[m.QueueName]++
	}
	return counts
}
