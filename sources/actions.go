package sources

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// QueueAction is what the admin can do from the screen to all queued mail
// for one destination.
type QueueAction int

const (
	ActDeliver QueueAction = iota + 1 // deliver now: postqueue -i per message
	ActHold                           // postsuper -h
	ActRelease                        // postsuper -H
	ActRequeue                        // postsuper -r
	ActDelete                         // postsuper -d
)

var queueActionNames = map[QueueAction]string{
	ActDeliver: "deliver now", ActHold: "hold", ActRelease: "release", ActRequeue: "requeue", ActDelete: "delete",
}

func (a QueueAction) String() string {
	if s, ok := queueActionNames[a]; ok {
		return s
	}
	return fmt.Sprintf("action %d", int(a))
}

// postsuperFlag is the postsuper option of the actions it performs.
var postsuperFlag = map[QueueAction]string{ActHold: "-h", ActRelease: "-H", ActRequeue: "-r", ActDelete: "-d"}

// applies says whether a message in queue is one the action acts on:
// deliver now moves deferred mail only, release only held mail, hold
// anything not held yet.
func (a QueueAction) applies(queue string) bool {
	switch a {
	case ActDeliver:
		return queue == "deferred"
	case ActHold:
		return queue != "hold"
	case ActRelease:
		return queue == "hold"
	}
	return true
}

// Command is one command an action runs: exec'd with its argv, never
// through a shell, with Stdin lines written to its standard input.
type Command struct {
	Name  string
	Args  []string
	Stdin []string
}

// String is the command as one shell line, every word quoted
// (quote is analyzers.ShellQuote, which this package cannot import).
func (c Command) String() string { return c.Text(0, shellWord) }

// Text is the command as a shell line with at most maxIDs stdin lines
// spelled out (0: all), quoting each word with quote.
func (c Command) Text(maxIDs int, quote func(string) string) string {
	var b strings.Builder
	if len(c.Stdin) > 0 {
		b.WriteString("printf '%s\\n'")
		for i, s := range c.Stdin {
			if maxIDs > 0 && i == maxIDs {
				fmt.Fprintf(&b, " … (%d more)", len(c.Stdin)-i)
				break
			}
			b.WriteString(" " + quote(s))
		}
		b.WriteString(" | ")
	}
	b.WriteString(quote(c.Name))
	for _, a := range c.Args {
		b.WriteString(" " + quote(a))
	}
	return b.String()
}

// shellWord quotes a word for a POSIX shell (the same rule as
// analyzers.ShellQuote).
func shellWord(s string) string {
	safe := s != ""
	for i := 0; i < len(s) && safe; i++ {
		c := s[i]
		safe = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("@%+=:,./_-", c) >= 0
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// QueuePlan is what a queue action will do: the messages it selected from
// the queue listing and the commands that act on them.
type QueuePlan struct {
	Action QueueAction
	Domain string
	From   string // the listing read: "postqueue -j", or "postqueue -p" before Postfix 3.1
	IDs    []string
	// Shared counts the selected messages that also have recipients at
	// other domains: holding or deleting a message acts on all of them.
	Shared int
	Cmds   []Command
}

// ValidQueueID accepts a Postfix queue id: short (hex) or long
// (base-52-like) form, letters and digits only. Anything else is never
// passed to a command.
func ValidQueueID(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// MaxPlanIDs bounds one plan; a bigger backlog takes several runs.
const MaxPlanIDs = 100000

type pqIDMessage struct {
	QueueName  string        `json:"queue_name"`
	QueueID    string        `json:"queue_id"`
	Recipients []pqRecipient `json:"recipients"`
}

// PlanQueueAction reads the queue with `postqueue -j` (`postqueue -p` on
// Postfix before 3.1, which has no -j) and builds the commands that apply
// action to every message with a recipient at domain (compared
// case-insensitively). The domain only selects messages: the commands
// carry queue ids, never log text.
func PlanQueueAction(ctx context.Context, ex Exec, configDir string, action QueueAction, domain string) (QueuePlan, error) {
	plan := QueuePlan{Action: action, Domain: domain, From: "postqueue -j"}
	if _, ok := queueActionNames[action]; !ok {
		return plan, fmt.Errorf("unknown queue action %d", int(action))
	}
	domain = strings.ToLower(strings.TrimSuffix(domain, "."))
	if domain == "" {
		return plan, errors.New("no destination")
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	var conf []string
	if configDir != "" {
		conf = []string{"-c", configDir}
	}
	seen := map[string]bool{}
	// take selects one listed message.
	take := func(queue, id string, addrs []string) error {
		if !action.applies(queue) || !ValidQueueID(id) {
			return nil
		}
		ours, others := false, false
		for _, a := range addrs {
			d := strings.ToLower(a)
			if i := strings.LastIndexByte(d, '@'); i >= 0 {
				d = d[i+1:]
			}
			if strings.TrimSuffix(d, ".") == domain {
				ours = true
			} else {
				others = true
			}
		}
		if !ours {
			return nil
		}
		if seen[id] {
			return nil // listed again: moved between queues while postqueue read
		}
		seen[id] = true
		if len(plan.IDs) == MaxPlanIDs {
			return fmt.Errorf("more than %d messages for %s: narrow it down first", MaxPlanIDs, domain)
		}
		plan.IDs = append(plan.IDs, id)
		if others {
			plan.Shared++
		}
		return nil
	}
	err := planFromJSON(ctx, ex, conf, take)
	if isUsageError(err) && len(plan.IDs) == 0 {
		plan.From = "postqueue -p"
		err = planFromText(ctx, ex, conf, take)
	}
	if err != nil {
		return plan, err
	}
	plan.Cmds = queueCommands(action, configDir, plan.IDs)
	return plan, nil
}

// planFromJSON hands take each message `postqueue -j` lists.
func planFromJSON(ctx context.Context, ex Exec, conf []string, take func(queue, id string, addrs []string) error) error {
	rc, err := ex.Stream(ctx, false, "postqueue", append(conf, "-j")...)
	if err != nil {
		return explainQueueError(err)
	}
	defer rc.Close()
	dec := json.NewDecoder(bufio.NewReaderSize(rc, 64*1024))
	var addrs []string
	for {
		var m pqIDMessage
		err := dec.Decode(&m)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading postqueue -j: %w", err)
		}
		addrs = addrs[:0]
		for _, r := range m.Recipients {
			addrs = append(addrs, r.Address)
		}
		if err := take(m.QueueName, m.QueueID, addrs); err != nil {
			return err
		}
	}
}

// planFromText hands take each message `postqueue -p` lists, read as
// the queue reader reads it.
func planFromText(ctx context.Context, ex Exec, conf []string, take func(queue, id string, addrs []string) error) error {
	rc, err := ex.Stream(ctx, false, "postqueue", append(conf, "-p")...)
	if err != nil {
		return explainQueueError(err)
	}
	defer rc.Close()
	var queue, id string
	var addrs []string
	var failed error
	flush := func() {
		if id != "" && failed == nil {
			failed = take(queue, id, addrs)
		}
		id, addrs = "", addrs[:0]
	}
	err = scanMailq(rc, time.Now(), nil, func(i, q, _ string, _ time.Time, _ int64) {
		flush()
		id, queue = i, q
	}, func(addr, _ string) { addrs = append(addrs, addr) })
	flush()
	if err != nil {
		return fmt.Errorf("reading postqueue -p: %w", err)
	}
	return failed
}

// queueCommands are the commands of an action on ids: postsuper reads the
// ids on standard input ("-"), postqueue -i takes one id per run.
func queueCommands(action QueueAction, configDir string, ids []string) []Command {
	if len(ids) == 0 {
		return nil
	}
	var conf []string
	if configDir != "" {
		conf = []string{"-c", configDir}
	}
	if action == ActDeliver {
		cmds := make([]Command, 0, len(ids))
		for _, id := range ids {
			cmds = append(cmds, Command{Name: "postqueue", Args: append(append([]string{}, conf...), "-i", id)})
		}
		return cmds
	}
	return []Command{{Name: "postsuper", Args: append(append([]string{}, conf...), postsuperFlag[action], "-"), Stdin: ids}}
}

// ActionResult is what running a plan did.
type ActionResult struct {
	Ran    int      // commands run
	Failed int      // commands that failed
	Output []string // their output lines, deduplicated: the first and the last ten
	Err    error    // the first failure
}

// RunCommands runs the commands one after another, each with its own
// timeout, and collects what they said. A failure does not stop the rest:
// each queue id stands alone.
func RunCommands(ctx context.Context, ex Exec, cmds []Command) ActionResult {
	var res ActionResult
	seen := map[string]bool{}
	for _, c := range cmds {
		if ctx.Err() != nil {
			if res.Err == nil {
				res.Err = ctx.Err()
			}
			break
		}
		cctx, cancel := context.WithTimeout(ctx, 60*time.Second)
		var stdin []byte
		if len(c.Stdin) > 0 {
			stdin = []byte(strings.Join(c.Stdin, "\n") + "\n")
		}
		out, err := ex.Run(cctx, stdin, c.Name, c.Args...)
		cancel()
		res.Ran++
		if err != nil {
			res.Failed++
			if res.Err == nil {
				res.Err = err
			}
		}
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if l = strings.TrimSpace(l); l != "" && !seen[l] {
				seen[l] = true
				res.Output = append(res.Output, l)
				// postsuper names each id, then sums up: keep both ends.
				if len(res.Output) > 20 {
					res.Output = append(res.Output[:10], res.Output[11:]...)
				}
			}
		}
	}
	return res
}
