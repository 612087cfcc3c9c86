package sources

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"mxtop/sources/sourcestest"
)

func labQueueTime() time.Time { return time.Unix(1795864388, 0).Add(3 * time.Minute) }

func TestDecodeQueueJSONLab(t *testing.T) {
	f, err := os.Open("../testdata/lab/postqueue-j.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	snap, err := DecodeQueueJSON(f, labQueueTime(), "postqueue -j")
	if err != nil {
		t.Fatal(err)
	}
	if snap.Queues["deferred"].Messages != 56 || snap.Queues["hold"].Messages != 1 || snap.Total() != 57 {
		t.Fatalf("queues %+v", snap.Queues)
	}
	// The held message is counted by its domain, apart from the deferred.
	if len(snap.Held) != 1 || snap.Held[0] != (DomainCount{"greylist.example", 1}) {
		t.Fatalf("held %+v", snap.Held)
	}
	// qshape deferred: TOTAL 56, ratelimited.example 37, all in the first bucket.
	if snap.Domains[0].Domain != "ratelimited.example" || snap.Domains[0].Recipients != 37 || snap.Domains[0].Buckets[0] != 37 {
		t.Fatalf("top domain %+v", snap.Domains[0])
	}
	if c := snap.Domains[0].TopClass(); c != ClassConnLimit {
		t.Fatalf("ratelimited top class %v", c)
	}
	sum := 0
	for _, d := range snap.Domains {
		sum += d.Recipients
	}
	if sum != 56 {
		t.Fatalf("deferred recipients %d, want 56 as qshape", sum)
	}
	byName := map[string]DomainQueue{}
	for _, d := range snap.Domains {
		byName[d.Domain] = d
	}
	if byName["timeout.example"].TopClass() != ClassConnectTimeout || byName["greylist.example"].TopClass() != ClassGreylist {
		t.Fatalf("classes: timeout %v greylist %v", byName["timeout.example"].TopClass(), byName["greylist.example"].TopClass())
	}
	if snap.Queues["deferred"].Oldest.Unix() != 1795864388 {
		t.Fatalf("oldest %v", snap.Queues["deferred"].Oldest)
	}
}

func TestDecodeQueueJSONUnknownKeysAndAges(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	in := fmt.Sprintf(`{"queue_name":"deferred","queue_id":"A","arrival_time":%d,"message_size":10,"new_key_311":{"x":[1,2]},"recipients":[{"orig_address":"a@x","address":"a@X.example","delay_reason":"connect to mx[1.2.3.4]:25: Connection refused","bounce_reason":""}]}
{"queue_name":"deferred","queue_id":"B","arrival_time":%d,"message_size":20,"recipients":[{"address":"b@x.example"},{"address":"c@x.example"}]}
{"queue_name":"active","queue_id":"C","arrival_time":%d,"message_size":5,"recipients":[{"address":"d@y.example"}]}
`, now.Add(-7*time.Minute).Unix(), now.Add(-2000*time.Minute).Unix(), now.Unix())
	snap, err := DecodeQueueJSON(strings.NewReader(in), now, "t")
	if err != nil {
		t.Fatal(err)
	}
	d := snap.Domains[0]
	if d.Domain != "x.example" || d.Recipients != 3 || d.Buckets[1] != 1 || d.Buckets[NumAgeBuckets-1] != 2 {
		t.Fatalf("domain %+v", d)
	}
	if snap.Queues["active"].Messages != 1 || snap.Queues["deferred"].Bytes != 30 || snap.Queues["deferred"].Recipients != 3 {
		t.Fatalf("queues %+v", snap.Queues)
	}
}

func TestDecodeQueueTextLab(t *testing.T) {
	f, err := os.Open("../testdata/lab/postqueue-p.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	now := time.Date(2026, 11, 28, 11, 16, 0, 0, time.UTC)
	snap, err := DecodeQueueText(f, now, time.UTC, "postqueue -p")
	if err != nil {
		t.Fatal(err)
	}
	if snap.Queues["deferred"].Messages != 56 || snap.Queues["hold"].Messages != 1 {
		t.Fatalf("queues %+v", snap.Queues)
	}
	if len(snap.Held) != 1 || snap.Held[0].Domain != "greylist.example" {
		t.Fatalf("held %+v", snap.Held)
	}
	if snap.Domains[0].Domain != "ratelimited.example" || snap.Domains[0].Recipients != 37 || snap.Domains[0].TopClass() != ClassConnLimit {
		t.Fatalf("top %+v", snap.Domains[0])
	}
}

func TestQueueReaderFallbacksAndErrors(t *testing.T) {
	pq, _ := os.ReadFile("../testdata/lab/postqueue-p.txt")
	old := &sourcestest.FakeExec{
		Outputs: map[string]string{"postqueue -p": string(pq)},
		Errors:  map[string]error{"postqueue -j": errors.New("postqueue -j: postqueue: invalid option -- 'j'")},
	}
	q := &QueueReader{Exec: old}
	snap, err := q.Read(context.Background())
	if err != nil || snap.Command != "postqueue -p" || snap.Queues["deferred"].Messages != 56 {
		t.Fatalf("legacy fallback: %v %+v", err, snap.Queues)
	}

	_, err = (&QueueReader{Exec: &sourcestest.FakeExec{}}).Read(context.Background())
	if err == nil || !strings.Contains(err.Error(), "postqueue not found") {
		t.Fatalf("missing: %v", err)
	}

	refused := &sourcestest.FakeExec{Errors: map[string]error{"postqueue -j": errors.New("postqueue -j: postqueue: fatal: User bob(1000) is not allowed to view the mail queue")}}
	_, err = (&QueueReader{Exec: refused}).Read(context.Background())
	if err == nil || !strings.Contains(err.Error(), "authorized_mailq_users") {
		t.Fatalf("refused: %v", err)
	}

	hang := &sourcestest.FakeExec{Delay: time.Hour, Outputs: map[string]string{"postqueue -j": "{}"}}
	start := time.Now()
	_, err = (&QueueReader{Exec: hang, Timeout: 100 * time.Millisecond}).Read(context.Background())
	if err == nil || !strings.Contains(err.Error(), "timed out") || time.Since(start) > 2*time.Second {
		t.Fatalf("hang: %v after %v", err, time.Since(start))
	}
}

func TestRunQueueReportsState(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan QueueEvent)
	go RunQueue(ctx, &QueueReader{Exec: &sourcestest.FakeExec{}}, time.Hour, out)
	ev := <-out
	if ev.Snapshot != nil || ev.State.Health != HealthUnavailable || !strings.Contains(ev.State.String(), "unavailable: postqueue not found") {
		t.Fatalf("event %+v", ev)
	}
	cancel()
	for range out {
	}
}

// A real postqueue hanging is killed by the timeout.
func TestQueueReaderKillsHangingCommand(t *testing.T) {
	dir := t.TempDir()
	script := dir + "/postqueue"
	os.WriteFile(script, []byte("#!/bin/sh\nsleep 30\n"), 0o755)
	t.Setenv("PATH", dir+":"+os.Getenv("PATH"))
	start := time.Now()
	_, err := (&QueueReader{Exec: OSExec{}, Timeout: 200 * time.Millisecond}).Read(context.Background())
	if err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Fatalf("err %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("took %v", d)
	}
}

// BenchmarkDecodeQueue100k decodes a generated 100,000-message postqueue -j
// stream over 2,000 domains; one iteration is the whole queue.
func BenchmarkDecodeQueue100k(b *testing.B) {
	var sb strings.Builder
	now := time.Unix(1_800_000_000, 0)
	for i := 0; i < 100000; i++ {
		fmt.Fprintf(&sb, `{"queue_name": "deferred", "queue_id": "%010X", "arrival_time": %d, "message_size": %d, "forced_expire": false, "sender": "app@example.com", "recipients": [{"address": "user%d@d%d.example", "delay_reason": "host mx.d%d.example[192.0.2.%d] refused to talk to me: 421 4.7.0 Error: too many connections from 198.51.100.1"}]}`+"\n",
			i, now.Unix()-int64(i%90000), 1000+i%5000, i, i%2000, i%2000, i%250)
	}
	data := sb.String()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		snap, err := DecodeQueueJSON(strings.NewReader(data), now, "bench")
		if err != nil || snap.Queues["deferred"].Messages != 100000 {
			b.Fatal(err)
		}
	}
}

// A saved listing that is not one (a directory, a log, binary) is an
// error naming it, not an empty queue reported as read; an empty file or
// mailq's "Mail queue is empty" is an empty queue.
func TestDecodeQueueRefusesWhatIsNoListing(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	dir, err := os.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	if _, err := DecodeQueue(dir, now, "queue.d"); err == nil || !strings.Contains(err.Error(), "queue.d") {
		t.Errorf("a directory: err %v", err)
	}
	for name, text := range map[string]string{
		"a log":  "Nov 28 10:00:00 h postfix/qmgr[1]: ABCDEF1234: removed\n",
		"binary": "\x00\x01\x02\xff\xfe\n\x7f\x80\n",
	} {
		if _, err := DecodeQueue(strings.NewReader(text), now, "q.txt"); err == nil || err.Error() != "q.txt: neither postqueue -j nor postqueue -p output" {
			t.Errorf("%s: err %v", name, err)
		}
	}
	long := "-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------\n" + strings.Repeat("x", 2<<20) + "\n"
	if _, err := DecodeQueue(strings.NewReader(long), now, "q.txt"); err == nil || !strings.HasPrefix(err.Error(), "q.txt: ") {
		t.Errorf("a line past the bound: err %v", err)
	}
	for _, text := range []string{"", "\n", "Mail queue is empty\n"} {
		q, err := DecodeQueue(strings.NewReader(text), now, "q.txt")
		if err != nil || len(q.Domains) != 0 {
			t.Errorf("%q: %v, %+v", text, err, q)
		}
	}
}

// Mail in the active queue waits as much as deferred mail (a destination
// that clogs the active queue holds it there): mailq marks it with '*'
// after the queue id and shows the reason of its last try when it has one.
// Its recipients count in the per-domain table with the deferred ones, and
// its reasons with theirs; postqueue -j's active entries alike.
func TestActiveEntriesCountAsQueued(t *testing.T) {
	now := time.Date(2026, 11, 28, 11, 16, 0, 0, time.UTC)
	text := `-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------
4B1C32A0F4*    2310 Sat Nov 28 11:14:11  alice@example.net
                  (connect to mx.example.org[203.0.113.5]:25: Connection timed out)
                                         bob@example.org
                                         carol@example.org

5D2E43B1A2*    1820 Sat Nov 28 11:15:40  alice@example.net
                                         dave@example.org

6E3F54C2B3     1820 Sat Nov 28 09:40:03  alice@example.net
                  (connect to mx.example.org[203.0.113.5]:25: Connection timed out)
                                         erin@example.org

7F4065D3C4!    1820 Sat Nov 28 09:40:03  alice@example.net
                                         frank@example.com

-- 7 Kbytes in 4 Requests.
`
	at := func(hhmmss string) int64 {
		t, _ := time.Parse("15:04:05", hhmmss)
		return time.Date(2026, 11, 28, t.Hour(), t.Minute(), t.Second(), 0, time.UTC).Unix()
	}
	reason := "connect to mx.example.org[203.0.113.5]:25: Connection timed out"
	jsonl := fmt.Sprintf(`{"queue_name":"active","queue_id":"4B1C32A0F4","arrival_time":%d,"message_size":2310,"recipients":[{"address":"bob@example.org","delay_reason":%q},{"address":"carol@example.org","delay_reason":%q}]}
{"queue_name":"active","queue_id":"5D2E43B1A2","arrival_time":%d,"message_size":1820,"recipients":[{"address":"dave@example.org"}]}
{"queue_name":"deferred","queue_id":"6E3F54C2B3","arrival_time":%d,"message_size":1820,"recipients":[{"address":"erin@example.org","delay_reason":%q}]}
{"queue_name":"hold","queue_id":"7F4065D3C4","arrival_time":%d,"message_size":1820,"recipients":[{"address":"frank@example.com"}]}
`, at("11:14:11"), reason, reason, at("11:15:40"), at("09:40:03"), reason, at("09:40:03"))
	text2, err := DecodeQueueText(strings.NewReader(text), now, time.UTC, "q.txt")
	if err != nil {
		t.Fatal(err)
	}
	json2, err := DecodeQueueJSON(strings.NewReader(jsonl), now, "q.json")
	if err != nil {
		t.Fatal(err)
	}
	for name, snap := range map[string]QueueSnapshot{"postqueue -p": text2, "postqueue -j": json2} {
		if a := snap.Queues["active"]; a.Messages != 2 || a.Recipients != 3 {
			t.Errorf("%s: active queue %+v, want 2 messages, 3 recipients", name, a)
		}
		if len(snap.Domains) != 1 {
			t.Fatalf("%s: domains %+v, want example.org alone", name, snap.Domains)
		}
		d := snap.Domains[0]
		if d.Domain != "example.org" || d.Recipients != 4 {
			t.Errorf("%s: %s has %d queued recipients, want example.org with 4 (3 active, 1 deferred)", name, d.Domain, d.Recipients)
		}
		if d.Classes[ClassConnectTimeout] != 3 || d.TopClass() != ClassConnectTimeout || d.Samples[ClassConnectTimeout] != reason {
			t.Errorf("%s: reasons %v, sample %q: want the 3 timeouts, active ones included", name, d.Classes, d.Samples[ClassConnectTimeout])
		}
		// Ages: the active ones 2 and 0 minutes old, the deferred one 95.
		if d.Buckets[0] != 3 || d.Buckets[5] != 1 {
			t.Errorf("%s: ages %v", name, d.Buckets)
		}
		if len(snap.Held) != 1 || snap.Held[0] != (DomainCount{"example.com", 1}) {
			t.Errorf("%s: held %+v", name, snap.Held)
		}
	}
}

// postqueue -j leaves delay_reason out for a recipient not tried yet: that
// recipient has no reason, whatever the message before it had.
func TestQueueJSONReasonStaysWithItsRecipient(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	in := fmt.Sprintf(`{"queue_name":"deferred","queue_id":"A","arrival_time":%d,"message_size":10,"recipients":[{"address":"a@x.example","delay_reason":"connect to mx.x.example[192.0.2.1]:25: Connection refused"}]}
{"queue_name":"deferred","queue_id":"B","arrival_time":%d,"message_size":10,"recipients":[{"address":"b@y.example"}]}
`, now.Unix(), now.Unix())
	snap, err := DecodeQueueJSON(strings.NewReader(in), now, "t")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range snap.Domains {
		if d.Domain == "y.example" && d.TopClass() != ClassNone {
			t.Errorf("y.example's recipient took a reason it does not have: %v", d.Classes)
		}
	}
}

// The queued (deferred and active) messages are counted per envelope
// sender, most first, in both listings; held mail is not queued for
// delivery, and mailq's MAILER-DAEMON is the null sender.
func TestQueueCountsMessagesPerSender(t *testing.T) {
	now := time.Date(2026, 11, 28, 11, 16, 0, 0, time.UTC)
	text := `-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------
4B1C32A0F4*    2310 Sat Nov 28 11:14:11  ann@example.net
                                         bob@example.org

5D2E43B1A2     1820 Sat Nov 28 11:15:40  ann@example.net
                  (connect to mx.example.org[203.0.113.5]:25: Connection timed out)
                                         dave@example.org
                                         erin@example.org

6E3F54C2B3     1820 Sat Nov 28 09:40:03  MAILER-DAEMON
                  (connect to mx.example.org[203.0.113.5]:25: Connection timed out)
                                         erin@example.org

7F4065D3C4!    1820 Sat Nov 28 09:40:03  carl@example.com
                                         frank@example.com

-- 7 Kbytes in 4 Requests.
`
	jsonl := `{"queue_name":"active","queue_id":"4B1C32A0F4","arrival_time":1,"message_size":2310,"sender":"ann@example.net","recipients":[{"address":"bob@example.org"}]}
{"queue_name":"deferred","queue_id":"5D2E43B1A2","arrival_time":1,"message_size":1820,"sender":"ann@example.net","recipients":[{"address":"dave@example.org"},{"address":"erin@example.org"}]}
{"queue_name":"deferred","queue_id":"6E3F54C2B3","arrival_time":1,"message_size":1820,"sender":"","recipients":[{"address":"erin@example.org"}]}
{"queue_name":"hold","queue_id":"7F4065D3C4","arrival_time":1,"message_size":1820,"sender":"carl@example.com","recipients":[{"address":"frank@example.com"}]}
`
	fromText, err := DecodeQueueText(strings.NewReader(text), now, time.UTC, "q.txt")
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, err := DecodeQueueJSON(strings.NewReader(jsonl), now, "q.json")
	if err != nil {
		t.Fatal(err)
	}
	want := []SenderCount{{"ann@example.net", 2}, {"", 1}}
	for name, snap := range map[string]QueueSnapshot{"postqueue -p": fromText, "postqueue -j": fromJSON} {
		if !slices.Equal(snap.Senders, want) {
			t.Errorf("%s: senders %+v, want %+v", name, snap.Senders, want)
		}
	}
}

// postqueue -p ends its listing with "-- N Kbytes in M Requests.": a saved
// listing without it was cut short (a paste, a full disk, head), and is
// said to be so, with what it holds, instead of passing for the queue.
func TestDecodeQueueTextCutShort(t *testing.T) {
	whole, err := os.ReadFile("../testdata/lab/postqueue-p.txt")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 28, 11, 16, 0, 0, time.UTC)
	snap, err := DecodeQueue(bytes.NewReader(whole[:1500]), now, "q.txt")
	if !errors.Is(err, ErrQueueCut) || err.Error() != "q.txt: the listing was cut short: no closing '-- N Kbytes in M Requests.' line" {
		t.Fatalf("cut listing: error %v", err)
	}
	if n := snap.Queues["deferred"].Messages; n == 0 || n >= 56 {
		t.Errorf("cut listing holds %d deferred messages", n)
	}
	for _, ok := range []string{string(whole), "Mail queue is empty\n", ""} {
		if _, err := DecodeQueue(strings.NewReader(ok), now, "q.txt"); err != nil {
			t.Errorf("%.30q: %v", ok, err)
		}
	}
}

// A postqueue -j line with a field of the wrong type (a listing edited by
// hand, another program's JSON) is said in the listing's words, not Go's.
func TestDecodeQueueJSONWrongType(t *testing.T) {
	in := `{"queue_name":"deferred","queue_id":"ABC","arrival_time":"x","message_size":1,"sender":"a@b","recipients":[]}` + "\n"
	_, err := DecodeQueue(strings.NewReader(in), time.Now(), "q.json")
	if err == nil || err.Error() != `reading q.json: message 1: "arrival_time" is a string, not a number: not postqueue -j output` {
		t.Errorf("error %v", err)
	}
}

// Before Postfix 3.1 postqueue -p is read as it streams, as -j is: a
// listing larger than what a command's output may keep (a queue of some
// 300,000 messages passes 64 MiB) was killed and the queue went unread.
func TestQueueReaderStreamsLegacyListing(t *testing.T) {
	dir := t.TempDir()
	var sb strings.Builder
	sb.WriteString("-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------\n")
	const n = 20000
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "%010X      468 Sat Nov 28 11:13:08  loadgen@lab.example.test\n                  (connect to mx.d%d.example[192.0.2.1]:25: Connection timed out)\n                                         user%d@d%d.example\n\n", i, i%50, i, i%50)
	}
	fmt.Fprintf(&sb, "-- %d Kbytes in %d Requests.\n", n*468/1024, n)
	listing := filepath.Join(dir, "listing")
	if err := os.WriteFile(listing, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	script := "#!/bin/sh\nif [ \"$1\" = -j ]; then echo \"postqueue: invalid option -- 'j'\" >&2; exit 64; fi\nexec /bin/cat " + listing + "\n"
	if err := os.WriteFile(filepath.Join(dir, "postqueue"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+":"+os.Getenv("PATH"))
	defer func(n int) { maxOutput = n }(maxOutput)
	maxOutput = 1 << 20
	if sb.Len() <= maxOutput {
		t.Fatalf("the listing, %d bytes, fits the output bound", sb.Len())
	}
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	snap, err := (&QueueReader{Exec: OSExec{}, Now: func() time.Time { return now }}).Read(context.Background())
	if err != nil || snap.Command != "postqueue -p" || snap.Queues["deferred"].Messages != n || snap.Queues["deferred"].Recipients != n {
		t.Fatalf("err %v, %s, %+v", err, snap.Command, snap.Queues)
	}

	// A postqueue -p that fails says why, as before.
	script = "#!/bin/sh\nif [ \"$1\" = -j ]; then echo \"postqueue: invalid option -- 'j'\" >&2; exit 64; fi\necho 'postqueue: fatal: User bob(1000) is not allowed to view the mail queue' >&2\nexit 69\n"
	if err := os.WriteFile(filepath.Join(dir, "postqueue"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := (&QueueReader{Exec: OSExec{}}).Read(context.Background()); err == nil || !strings.Contains(err.Error(), "authorized_mailq_users") {
		t.Fatalf("refused: %v", err)
	}
}

// Postfix 3.5+ mailq writes '#' after the '*' or '!' mark of a message
// marked for forced expiration (postsuper -e): "ID*#" is active mail,
// "ID!#" held mail and "ID#" deferred mail, as postqueue -j says.
func TestDecodeQueueTextForcedExpireMark(t *testing.T) {
	now := time.Date(2026, 11, 28, 11, 16, 0, 0, time.UTC)
	text := `-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------
1A2B3C4D5E*#     468 Sat Nov 28 11:13:08  ann@example.net
                                         a@active.example

2B3C4D5E6F!#     471 Sat Nov 28 11:13:08  ann@example.net
(host mx.held.example[192.0.2.7] said: 450 4.2.0 Greylisted (in reply to RCPT TO command))
                                         b@held.example

3C4D5E6F7A#     471 Sat Nov 28 11:13:08  ann@example.net
                  (connect to mx.deferred.example[192.0.2.8]:25: Connection timed out)
                                         c@deferred.example

-- 1 Kbytes in 3 Requests.
`
	snap, err := DecodeQueueText(strings.NewReader(text), now, time.UTC, "q.txt")
	if err != nil {
		t.Fatal(err)
	}
	for q, n := range map[string]int{"active": 1, "hold": 1, "deferred": 1} {
		if got := snap.Queues[q].Messages; got != n {
			t.Errorf("%s: %d messages, want %d (queues %+v)", q, got, n, snap.Queues)
		}
	}
	if len(snap.Held) != 1 || snap.Held[0] != (DomainCount{"held.example", 1}) {
		t.Errorf("held %+v, want held.example", snap.Held)
	}
	for _, d := range snap.Domains {
		if d.Domain == "held.example" {
			t.Errorf("held mail among the queued domains: %+v", d)
		}
	}
}

// mailq writes "(reason unavailable)" before recipients that have no entry
// in the defer log (not tried yet): they have no delay reason, as
// postqueue -j leaves delay_reason out for them.
func TestDecodeQueueTextReasonUnavailable(t *testing.T) {
	now := time.Date(2026, 11, 28, 11, 16, 0, 0, time.UTC)
	text := `-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------
4D5E6F7A8B      468 Sat Nov 28 11:13:08  app@example.com
(host mx.gmail.example[192.0.2.5] said: 421 4.7.0 Try again later, closing connection. (in reply to MAIL FROM command))
                                         a@gmail.example
                                                          (reason unavailable)
                                         b@example.org
                                         c@example.org

-- 0 Kbytes in 1 Request.
`
	snap, err := DecodeQueueText(strings.NewReader(text), now, time.UTC, "q.txt")
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, d := range snap.Domains {
		switch d.Domain {
		case "example.org":
			found = true
			if d.Recipients != 2 || d.TopClass() != ClassNone || d.Classes != ([NumClasses]int{}) {
				t.Errorf("example.org: %d recipients, classes %v, samples %q: want 2 without a reason", d.Recipients, d.Classes, d.Samples)
			}
		case "gmail.example":
			if d.TopClass() == ClassNone {
				t.Errorf("gmail.example lost its reason: %v", d.Classes)
			}
		}
	}
	if !found {
		t.Errorf("example.org missing: %+v", snap.Domains)
	}
}
