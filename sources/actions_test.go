package sources_test

import (
	"context"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"mxtop/sources"
	"mxtop/sources/sourcestest"
)

// queueJSON is a postqueue -j listing: two deferred and one held message
// for throttled.example (one also to other.example), one to another
// domain, hostile entries a sender could have shaped, and a message
// listed again (moved from deferred to active while postqueue read).
const queueJSON = `{"queue_name":"deferred","queue_id":"4F1A2B3C4D","recipients":[{"address":"a@throttled.example","delay_reason":"421 too many"}]}
{"queue_name":"deferred","queue_id":"4F1A2B3C4E","recipients":[{"address":"b@Throttled.Example"},{"address":"c@other.example"}]}
{"queue_name":"hold","queue_id":"4F1A2B3C4F","recipients":[{"address":"d@throttled.example"}]}
{"queue_name":"deferred","queue_id":"5A5A5A5A5A","recipients":[{"address":"e@other.example"}]}
{"queue_name":"deferred","queue_id":"X;rm -rf /","recipients":[{"address":"f@throttled.example"}]}
{"queue_name":"deferred","queue_id":"6B6B6B6B6B","recipients":[{"address":"g@throttled.example'; touch /tmp/pwned; echo '"}]}
{"queue_name":"active","queue_id":"7C7C7C7C7C","recipients":[{"address":"h@throttled.example"}]}
{"queue_name":"active","queue_id":"4F1A2B3C4D","recipients":[{"address":"a@throttled.example"}]}
`

func TestPlanQueueActionSelectsByQueueAndDomain(t *testing.T) {
	cases := []struct {
		act  sources.QueueAction
		ids  []string
		cmds []string
	}{
		{sources.ActHold, []string{"4F1A2B3C4D", "4F1A2B3C4E", "7C7C7C7C7C"}, []string{"postsuper -h -"}},
		{sources.ActRelease, []string{"4F1A2B3C4F"}, []string{"postsuper -H -"}},
		{sources.ActRequeue, []string{"4F1A2B3C4D", "4F1A2B3C4E", "4F1A2B3C4F", "7C7C7C7C7C"}, []string{"postsuper -r -"}},
		{sources.ActDelete, []string{"4F1A2B3C4D", "4F1A2B3C4E", "4F1A2B3C4F", "7C7C7C7C7C"}, []string{"postsuper -d -"}},
		{sources.ActDeliver, []string{"4F1A2B3C4D", "4F1A2B3C4E"}, []string{"postqueue -i 4F1A2B3C4D", "postqueue -i 4F1A2B3C4E"}},
	}
	for _, c := range cases {
		t.Run(c.act.String(), func(t *testing.T) {
			f := &sourcestest.FakeExec{Outputs: map[string]string{"postqueue -j": queueJSON}}
			p, err := sources.PlanQueueAction(context.Background(), f, "", c.act, "throttled.example")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(p.IDs, c.ids) {
				t.Errorf("ids %q, want %q", p.IDs, c.ids)
			}
			var got []string
			for _, cmd := range p.Cmds {
				got = append(got, strings.TrimSpace(cmd.Name+" "+strings.Join(cmd.Args, " ")))
				if cmd.Name == "postsuper" && !reflect.DeepEqual(cmd.Stdin, c.ids) {
					t.Errorf("stdin %q, want the ids %q", cmd.Stdin, c.ids)
				}
			}
			if !reflect.DeepEqual(got, c.cmds) {
				t.Errorf("commands %q, want %q", got, c.cmds)
			}
			if len(f.Calls) != 1 {
				t.Errorf("planning ran %q: it must only read the queue", f.Calls)
			}
		})
	}
}

// A domain or queue id chosen by a sender never reaches a command: the
// commands carry only well-formed queue ids, and they are exec'd, not
// handed to a shell.
func TestQueueCommandsNeverCarryHostileText(t *testing.T) {
	f := &sourcestest.FakeExec{Outputs: map[string]string{"postqueue -j": queueJSON}}
	for _, dom := range []string{"throttled.example'; touch /tmp/pwned; echo '", "throttled.example"} {
		for _, act := range []sources.QueueAction{sources.ActDeliver, sources.ActHold, sources.ActRelease, sources.ActRequeue, sources.ActDelete} {
			p, err := sources.PlanQueueAction(context.Background(), f, "", act, dom)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range p.Cmds {
				words := append(append([]string{c.Name}, c.Args...), c.Stdin...)
				for _, w := range words {
					if strings.ContainsAny(w, " ;'|&$`") || strings.Contains(w, "pwned") {
						t.Errorf("%s %q: hostile word %q in %q", act, dom, w, words)
					}
				}
			}
			if strings.Contains(dom, "pwned") && act == sources.ActHold && len(p.IDs) != 1 {
				t.Errorf("the hostile domain's own message should be selected by id alone: %q", p.IDs)
			}
		}
	}
	if sources.ValidQueueID("X;rm -rf /") || sources.ValidQueueID("") || !sources.ValidQueueID("4Fk7Zq1abcDE") {
		t.Error("ValidQueueID")
	}
}

func TestPlanQueueActionWithConfigDirAndErrors(t *testing.T) {
	f := &sourcestest.FakeExec{Outputs: map[string]string{"postqueue -c /etc/postfix-out -j": queueJSON}}
	p, err := sources.PlanQueueAction(context.Background(), f, "/etc/postfix-out", sources.ActHold, "throttled.example.")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Cmds) != 1 || strings.Join(p.Cmds[0].Args, " ") != "-c /etc/postfix-out -h -" || p.Shared != 1 {
		t.Errorf("plan %+v", p)
	}
	if _, err := sources.PlanQueueAction(context.Background(), &sourcestest.FakeExec{}, "", sources.ActHold, "x.example"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("no postqueue: %v", err)
	}
	bad := &sourcestest.FakeExec{Outputs: map[string]string{"postqueue -j": "{not json"}}
	if _, err := sources.PlanQueueAction(context.Background(), bad, "", sources.ActHold, "x.example"); err == nil {
		t.Error("bad JSON: no error")
	}
	if _, err := sources.PlanQueueAction(context.Background(), f, "", sources.QueueAction(99), "x.example"); err == nil {
		t.Error("unknown action: no error")
	}
}

func TestCommandText(t *testing.T) {
	c := sources.Command{Name: "postsuper", Args: []string{"-c", "/etc/post fix", "-h", "-"}, Stdin: []string{"AAA", "BBB", "CCC"}}
	if got, want := c.String(), `printf '%s\n' AAA BBB CCC | postsuper -c '/etc/post fix' -h -`; got != want {
		t.Errorf("String %q, want %q", got, want)
	}
	if got := c.Text(2, func(s string) string { return "<" + s + ">" }); got != `printf '%s\n' <AAA> <BBB> … (1 more) | <postsuper> <-c> </etc/post fix> <-h> <->` {
		t.Errorf("Text %q", got)
	}
}

func TestRunCommandsFeedsStdinAndCollectsFailures(t *testing.T) {
	boom := errors.New("postqueue: fatal: invalid request")
	f := &sourcestest.FakeExec{
		Outputs: map[string]string{"postsuper -h -": "postsuper: Placed on hold: 2 messages\n", "postqueue -i AAA": ""},
		Errors:  map[string]error{"postqueue -i BBB": boom},
	}
	res := sources.RunCommands(context.Background(), f, []sources.Command{
		{Name: "postsuper", Args: []string{"-h", "-"}, Stdin: []string{"AAA", "BBB"}},
		{Name: "postqueue", Args: []string{"-i", "AAA"}},
		{Name: "postqueue", Args: []string{"-i", "BBB"}},
		{Name: "postqueue", Args: []string{"-i", "CCC"}},
	})
	if f.Stdin["postsuper -h -"] != "AAA\nBBB\n" {
		t.Errorf("stdin %q", f.Stdin["postsuper -h -"])
	}
	if res.Ran != 4 || res.Failed != 2 || !errors.Is(res.Err, boom) {
		t.Errorf("result %+v", res)
	}
	if len(res.Output) != 1 || res.Output[0] != "postsuper: Placed on hold: 2 messages" {
		t.Errorf("output %q", res.Output)
	}
}

func TestOSExecRunFeedsStdinAndMergesOutput(t *testing.T) {
	out, err := sources.OSExec{}.Run(context.Background(), []byte("ids\n"), "cat")
	if err != nil || string(out) != "ids\n" {
		t.Fatalf("cat: %q %v", out, err)
	}
	_, err = sources.OSExec{}.Run(context.Background(), nil, "mxtop-no-such-command")
	if !errors.Is(err, sources.ErrNotFound) {
		t.Errorf("missing command: %v", err)
	}
}

// queueText is a postqueue -p listing of the messages of queueJSON, as
// Postfix before 3.1 lists them (it has no -j): '*' marks active mail,
// '!' held mail, '#' mail marked to expire.
const queueText = `-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------
4F1A2B3C4D      468 Sat Nov 28 11:13:08  ann@example.net
                                                          (421 too many)
                                         a@throttled.example

4F1A2B3C4E#     468 Sat Nov 28 11:13:08  ann@example.net
                                         b@Throttled.Example
                                         c@other.example

4F1A2B3C4F!     468 Sat Nov 28 11:13:08  ann@example.net
                                         d@throttled.example

5A5A5A5A5A      468 Sat Nov 28 11:13:08  a@throttled.example
                                         e@other.example

6B6B6B6B6B      468 Sat Nov 28 11:13:08  ann@example.net
                                         g@throttled.example'; touch /tmp/pwned; echo '

7C7C7C7C7C*#    468 Sat Nov 28 11:13:08  ann@example.net
                                         h@throttled.example

-- 3 Kbytes in 6 Requests.
`

// postqueueWithoutJ is postqueue before 3.1: -j is a usage error, said
// when the stream is read, as a real command's stderr is.
type postqueueWithoutJ struct{ *sourcestest.FakeExec }

func (p postqueueWithoutJ) Stream(ctx context.Context, merge bool, name string, args ...string) (io.ReadCloser, error) {
	if args[len(args)-1] == "-j" {
		p.FakeExec.Calls = append(p.FakeExec.Calls, name+" "+strings.Join(args, " "))
		return io.NopCloser(iotest.ErrReader(errors.New("postqueue -j: postqueue: invalid option -- 'j'"))), nil
	}
	return p.FakeExec.Stream(ctx, merge, name, args...)
}

// On a Postfix without postqueue -j (before 3.1) the actions select the
// messages from postqueue -p: the ids without their marks, the queue by
// the marks, the domain among the recipients only.
func TestPlanQueueActionFromPostqueueP(t *testing.T) {
	cases := []struct {
		act sources.QueueAction
		ids []string
	}{
		{sources.ActHold, []string{"4F1A2B3C4D", "4F1A2B3C4E", "7C7C7C7C7C"}},
		{sources.ActRelease, []string{"4F1A2B3C4F"}},
		{sources.ActDelete, []string{"4F1A2B3C4D", "4F1A2B3C4E", "4F1A2B3C4F", "7C7C7C7C7C"}},
		{sources.ActDeliver, []string{"4F1A2B3C4D", "4F1A2B3C4E"}},
	}
	for _, c := range cases {
		for _, ex := range []sources.Exec{
			&sourcestest.FakeExec{
				Outputs: map[string]string{"postqueue -c /etc/postfix-out -p": queueText},
				Errors:  map[string]error{"postqueue -c /etc/postfix-out -j": errors.New("postqueue -j: postqueue: invalid option -- 'j'")},
			},
			postqueueWithoutJ{&sourcestest.FakeExec{Outputs: map[string]string{"postqueue -c /etc/postfix-out -p": queueText}}},
		} {
			p, err := sources.PlanQueueAction(context.Background(), ex, "/etc/postfix-out", c.act, "throttled.example")
			if err != nil {
				t.Fatalf("%s: %v", c.act, err)
			}
			if !reflect.DeepEqual(p.IDs, c.ids) {
				t.Errorf("%s: ids %q, want %q", c.act, p.IDs, c.ids)
			}
			if p.From != "postqueue -p" || len(p.Cmds) == 0 || p.Cmds[0].Args[0] != "-c" {
				t.Errorf("%s: plan %+v", c.act, p)
			}
			if c.act == sources.ActHold && p.Shared != 1 {
				t.Errorf("hold: %d shared, want 1", p.Shared)
			}
		}
	}
	// A listing cut short is not acted on.
	cut := &sourcestest.FakeExec{
		Outputs: map[string]string{"postqueue -p": queueText[:300]},
		Errors:  map[string]error{"postqueue -j": errors.New("postqueue -j: postqueue: invalid option -- 'j'")},
	}
	if _, err := sources.PlanQueueAction(context.Background(), cut, "", sources.ActDelete, "throttled.example"); err == nil {
		t.Error("a cut listing: no error")
	}
	// Another failure of -j is not taken for an old Postfix.
	refused := &sourcestest.FakeExec{
		Outputs: map[string]string{"postqueue -p": queueText},
		Errors:  map[string]error{"postqueue -j": errors.New("postqueue -j: postqueue: fatal: User bob(1000) is not allowed to view the mail queue")},
	}
	if _, err := sources.PlanQueueAction(context.Background(), refused, "", sources.ActHold, "throttled.example"); err == nil || len(refused.Calls) != 1 {
		t.Errorf("refused: %v, ran %q", err, refused.Calls)
	}
}
