package analyzers

import (
	"fmt"
	"strings"
	"testing"

	"mxtop/sources"
)

// refusedMsg is one message's lines: its submission (sub, with %s for
// the queue id, or "" for none), qmgr's from= and a deferral for our
// IP's reputation.
func refusedMsg(i int, sub, from string) []string {
	qid := fmt.Sprintf("5B%08X", i)
	var out []string
	if sub != "" {
		out = append(out, fmt.Sprintf("%s mx "+sub, stamp(i), qid))
	}
	return append(out,
		fmt.Sprintf("%s mx postfix/qmgr[900]: %s: from=<%s>, size=2100, nrcpt=1 (queue active)", stamp(i), qid, from),
		fmt.Sprintf("%s mx postfix/smtp[77]: %s: to=<u%d@mail.example.net>, relay=mx1.mail.example.net[198.51.100.7]:25, delay=2, delays=0.1/0/1/0.9, dsn=4.7.0, status=deferred (host mx1.mail.example.net[198.51.100.7] said: 421 4.7.0 [TSS04] Messages from 203.0.113.9 temporarily deferred due to unexpected volume or user complaints (in reply to MAIL FROM command))", stamp(i), qid, i))
}

func blocklistHint(t *testing.T, lines []string) Hint {
	t.Helper()
	b := hintIDs(feed(lines...).Hints(true))["blocklist"]
	if len(b) != 1 {
		t.Fatalf("want one blocklist hint, got %+v", b)
	}
	return b[0]
}

// Mail refused for our IP's reputation that one SASL login submitted,
// from many client addresses: the hint names the login and says to lock
// it before anything else.
func TestBlocklistNamesTheLoginThatSubmittedRefusedMail(t *testing.T) {
	var lines []string
	for i := 0; i < 12; i++ {
		sub := fmt.Sprintf("postfix/submission/smtpd[31]: %%s: client=unknown[192.0.2.%d], sasl_method=LOGIN, sasl_username=ann@example.com", 10+i%4)
		lines = append(lines, refusedMsg(i, sub, "ann@example.com")...)
	}
	// Another user's one refused message changes nothing.
	lines = append(lines, refusedMsg(40, "postfix/smtpd[32]: %s: client=pc.example.com[192.0.2.99], sasl_method=PLAIN, sasl_username=bob", "bob@example.com")...)
	h := blocklistHint(t, lines)
	ev := strings.Join(h.Evidence, "\n")
	if !strings.Contains(ev, "12 of the 13") || !strings.Contains(ev, `SASL login "ann@example.com"`) || !strings.Contains(ev, "4 client addresses") {
		t.Errorf("evidence should name the login, its share and its client addresses, got:\n%s", ev)
	}
	if len(h.Steps) == 0 || !strings.Contains(h.Steps[0].Text, "lock") || !strings.Contains(h.Steps[0].Text, `"ann@example.com"`) || !strings.Contains(h.Steps[0].Text, "delisting only after") || h.Steps[0].Command {
		t.Errorf("the first step should be to lock the login, in words, got %+v", h.Steps)
	}
}

// Mail submitted on this host through sendmail (pickup): a local program,
// a web form or CMS script as often as not.
func TestBlocklistNamesLocalSubmission(t *testing.T) {
	var lines []string
	for i := 0; i < 5; i++ {
		lines = append(lines, refusedMsg(i, "postfix/pickup[12]: %s: uid=33 from=<www-data>", "www-data@web.example.com")...)
	}
	h := blocklistHint(t, lines)
	if !strings.Contains(strings.Join(h.Evidence, "\n"), "through sendmail") || !strings.Contains(h.Steps[0].Text, "script") {
		t.Errorf("want local submission named and the script to find first, got %q / %+v", h.Evidence, h.Steps)
	}
}

// Refused mail whose submission the log does not hold is named by its
// envelope sender; the null sender is this host's own bounces.
func TestBlocklistNamesSenderAndBounces(t *testing.T) {
	var lines []string
	for i := 0; i < 4; i++ {
		lines = append(lines, refusedMsg(i, "", "promo@example.org")...)
	}
	h := blocklistHint(t, lines)
	if !strings.Contains(strings.Join(h.Evidence, "\n"), `envelope sender "promo@example.org"`) || !strings.Contains(h.Steps[0].Text, "mynetworks") {
		t.Errorf("want the sender named and relaying checked first, got %q / %+v", h.Evidence, h.Steps)
	}
	// The sender may be this site's own newsletter: its queued mail is
	// deleted only if the site does not mean to send it.
	if step := h.Steps[0].Text; !strings.Contains(step, "if it is not mail this site means to send") || !strings.Contains(step, "keep it queued") {
		t.Errorf("the step deletes mail the site may mean to send: %s", step)
	}

	lines = nil
	for i := 0; i < 4; i++ {
		lines = append(lines, refusedMsg(i, "", "")...)
	}
	h = blocklistHint(t, lines)
	if !strings.Contains(strings.Join(h.Evidence, "\n"), "null sender") || !strings.Contains(h.Steps[0].Text, "backscatter") {
		t.Errorf("want bounces named as backscatter, got %q / %+v", h.Evidence, h.Steps)
	}
}

// Refused mail spread over many senders names none of them, and
// neither do too few messages.
func TestBlocklistNamesNoSubmitterWithoutOne(t *testing.T) {
	var lines []string
	for i := 0; i < 8; i++ {
		lines = append(lines, refusedMsg(i, "", fmt.Sprintf("user%d@example.com", i))...)
	}
	first := blocklistHint(t, lines).Steps[0].Text
	if strings.Contains(first, "lock") || strings.Contains(first, "user0") {
		t.Errorf("no one sender dominates: the steps should not name one, got %q", first)
	}
	few := append(refusedMsg(1, "", "a@example.com"), refusedMsg(2, "", "a@example.com")...)
	if ev := strings.Join(blocklistHint(t, few).Evidence, "\n"); strings.Contains(ev, "a@example.com") {
		t.Errorf("two messages are too few to name their sender, got %q", ev)
	}
}

// sendmail refusing a user that authorized_submit_users leaves out is as
// often a block put there against scripts abused to send spam as a
// mistake: the advice must not be only to let that user submit again.
func TestSubmitRefusalKeepsAnAbuseBlock(t *testing.T) {
	e := feed(stamp(1) + " mx postfix/sendmail[8563]: fatal: User www-data(33) is not allowed to submit mail")
	hs := hintIDs(e.Hints(true))[sources.HintConfigError]
	if len(hs) != 1 {
		t.Fatalf("want one config_error hint, got %+v", hintIDs(e.Hints(true)))
	}
	text := strings.Join(texts(hs[0].Steps), "\n")
	if !strings.Contains(text, "authorized_submit_users") || !strings.Contains(text, "script") || !strings.Contains(text, "spam") {
		t.Errorf("the advice should tell a deliberate block against abused scripts from a mistake, got:\n%s", text)
	}
}

// A deferred queue that one sender fills is a flood as often as a
// backlog: the hint names the sender and says to find out whether its
// mail is wanted before anything is tuned. A queue of many senders names
// none.
func TestQueueBacklogNamesTheSenderThatFillsIt(t *testing.T) {
	snap := func(senders ...sources.SenderCount) *sources.QueueSnapshot {
		return &sources.QueueSnapshot{Queues: map[string]sources.QueueCount{"deferred": {Messages: 3000}}, Senders: senders}
	}
	e := feed(deliv(1, "a.example", "sent", "250 ok"))
	e.SetQueue(snap(sources.SenderCount{Sender: "ann@example.net", Messages: 2600}, sources.SenderCount{Sender: "bob@example.net", Messages: 400}))
	qb := hintIDs(e.Hints(true))["queue_backlog"]
	if len(qb) != 1 {
		t.Fatalf("want a queue_backlog hint, got %+v", qb)
	}
	ev, steps := strings.Join(qb[0].Evidence, "\n"), texts(qb[0].Steps)
	if !strings.Contains(ev, `"ann@example.net"`) || !strings.Contains(ev, "2600 of the 3000") {
		t.Errorf("evidence should name the sender and its share, got:\n%s", ev)
	}
	if len(steps) == 0 || !strings.Contains(steps[0], `"ann@example.net"`) || !strings.Contains(steps[0], "before") {
		t.Errorf("the first step should be about that sender's mail, got %q", steps)
	}

	e = feed(deliv(1, "a.example", "sent", "250 ok"))
	e.SetQueue(snap(sources.SenderCount{Sender: "", Messages: 2000}, sources.SenderCount{Sender: "bob@example.net", Messages: 1000}))
	if ev := strings.Join(hintIDs(e.Hints(true))["queue_backlog"][0].Evidence, "\n"); !strings.Contains(ev, "null sender") {
		t.Errorf("bounces filling the queue should be named as such, got:\n%s", ev)
	}

	e = feed(deliv(1, "a.example", "sent", "250 ok"))
	e.SetQueue(snap(sources.SenderCount{Sender: "ann@example.net", Messages: 1000}, sources.SenderCount{Sender: "bob@example.net", Messages: 1000}, sources.SenderCount{Sender: "cat@example.net", Messages: 1000}))
	if ev := strings.Join(hintIDs(e.Hints(true))["queue_backlog"][0].Evidence, "\n"); strings.Contains(ev, "example.net") {
		t.Errorf("no sender fills the queue: none should be named, got:\n%s", ev)
	}
}

// "from=," is a sender address a web page dropped as an HTML tag, not
// the null sender: refused mail with it is not called this host's
// bounces.
func TestLostSenderIsNoNullSender(t *testing.T) {
	var lines []string
	for i := 0; i < 4; i++ {
		l := refusedMsg(i, "", "")
		l[0] = strings.Replace(l[0], "from=<>,", "from=,", 1)
		lines = append(lines, l...)
	}
	h := blocklistHint(t, lines)
	all := strings.Join(h.Evidence, "\n")
	for _, s := range h.Steps {
		all += "\n" + s.Text
	}
	if strings.Contains(all, "null sender") || strings.Contains(all, "these are this host's bounces") {
		t.Errorf("a lost sender was read as the null sender:\n%s", all)
	}
}

// Every refused delivery whose message's submission the log holds is
// counted, the first refusal's too, though its message was queued before
// anything was refused; so are the messages of a burst all queued before
// the first refusal.
func TestBlocklistCountsTheFirstRefusedMessage(t *testing.T) {
	var lines []string
	for i := 0; i < 4; i++ {
		lines = append(lines, refusedMsg(i, "postfix/smtpd[31]: %s: client=web.example.com[10.0.0.7]", "news@shop.example.com")...)
	}
	if ev := strings.Join(blocklistHint(t, lines).Evidence, "\n"); !strings.Contains(ev, `4 of the 4 refused deliveries`) {
		t.Errorf("want all 4 refused deliveries counted, got:\n%s", ev)
	}

	var queued, refused []string
	for i := 0; i < 3; i++ {
		l := refusedMsg(i, "", "news@shop.example.com")
		queued, refused = append(queued, l[0]), append(refused, l[1])
	}
	if ev := strings.Join(blocklistHint(t, append(queued, refused...)).Evidence, "\n"); !strings.Contains(ev, `3 of the 3 refused deliveries`) || !strings.Contains(ev, `"news@shop.example.com"`) {
		t.Errorf("want the 3 messages queued before the first refusal counted, got:\n%s", ev)
	}
}

// On a gateway, strangers' mail taken from Internet clients without a
// login is relayed on: its refusals are no submitter's of this site, and
// its forged senders are not named as one, nor do they crowd this site's
// submitters out of the table.
func TestBlocklistLeavesStrangersRelayedMailOut(t *testing.T) {
	stranger := "postfix/smtpd[31]: %s: client=mail.stranger.example[198.51.100.20]"
	var lines []string
	for i := 0; i < 10; i++ {
		lines = append(lines, refusedMsg(i, stranger, "forged@victim.example")...)
	}
	for i := 20; i < 23; i++ {
		lines = append(lines, refusedMsg(i, "postfix/submission/smtpd[32]: %s: client=pc.example.com[192.0.2.99], sasl_method=PLAIN, sasl_username=bob", "bob@example.com")...)
	}
	ev := strings.Join(blocklistHint(t, lines).Evidence, "\n")
	if strings.Contains(ev, "forged@victim.example") || !strings.Contains(ev, `3 of the 3 refused deliveries`) || !strings.Contains(ev, `SASL login "bob"`) {
		t.Errorf("want only the login's refused mail counted and the login named, got:\n%s", ev)
	}

	// Strangers' mail alone names no one.
	if ev := strings.Join(blocklistHint(t, lines[:30]).Evidence, "\n"); strings.Contains(ev, "forged@victim.example") || strings.Contains(ev, "refused deliveries whose submission") {
		t.Errorf("strangers' relayed mail should name no submitter, got:\n%s", ev)
	}

	// More strangers' senders than the table holds, then a login's.
	lines = nil
	for i := 0; i < maxSubmitters+100; i++ {
		lines = append(lines, refusedMsg(i, stranger, fmt.Sprintf("s%d@victim.example", i))...)
	}
	for i := 0; i < 3; i++ {
		lines = append(lines, refusedMsg(5000+i, "postfix/submission/smtpd[32]: %s: client=pc.example.com[192.0.2.99], sasl_method=PLAIN, sasl_username=bob", "bob@example.com")...)
	}
	if ev := strings.Join(blocklistHint(t, lines).Evidence, "\n"); !strings.Contains(ev, `SASL login "bob"`) {
		t.Errorf("strangers' senders should not fill the submitters' table, got:\n%s", ev)
	}
}

// A client in mynetworks is this site's own, whatever its address: a
// hosting server with a public address that relays its web sites' mail
// without a login is the commonest source of a listing, and its mail is
// filed under its senders; a public client outside mynetworks is a
// stranger's.
func TestBlocklistNamesTheSenderOfAPublicClientInMynetworks(t *testing.T) {
	web := "postfix/smtpd[31]: %s: client=web1.example.com[198.51.100.20]"
	var lines []string
	for i := 0; i < 6; i++ {
		lines = append(lines, refusedMsg(i, web, "wordpress@shop.example.com")...)
	}
	for _, tc := range []struct {
		mynetworks string
		named      bool
	}{
		{"127.0.0.0/8 [::1]/128 198.51.100.0/24", true},
		{"127.0.0.0/8 198.51.100.20", true},
		{"127.0.0.0/8 [::1]/128", false},
	} {
		e := NewEngine(0)
		params, _ := sources.ParseParams(strings.NewReader("mynetworks = " + tc.mynetworks + "\n"))
		e.SetConfig(&sources.Config{Params: params, Explicit: params})
		feedInto(e, lines...)
		b := hintIDs(e.Hints(true))["blocklist"]
		if len(b) != 1 {
			t.Fatalf("mynetworks %s: blocklist hints %+v", tc.mynetworks, b)
		}
		ev := strings.Join(b[0].Evidence, "\n")
		if named := strings.Contains(ev, "wordpress@shop.example.com"); named != tc.named {
			t.Errorf("mynetworks %s: sender named %v, want %v:\n%s", tc.mynetworks, named, tc.named, ev)
		}
	}
}

// Bounces for recipients that do not exist (5.1.1, a null MX's 5.1.0) are
// wrong addresses, nothing a receiver holds against the sender's
// reputation: they do not lift a sender with one listing refusal to the
// one named as its cause. They still name the login behind mail that
// bounces for them (TestRecipientBouncesNameTheLogin).
func TestBlocklistCountsNoUnknownRecipientsAgainstTheSender(t *testing.T) {
	qid := "7C00000001"
	lines := []string{
		fmt.Sprintf("%s mx postfix/qmgr[900]: %s: from=<sender@example.com>, size=2100, nrcpt=4 (queue active)", stamp(0), qid),
		fmt.Sprintf("%s mx postfix/smtp[77]: %s: to=<a@example.org>, relay=none, delay=0.09, delays=0.02/0.05/0.02/0, dsn=5.1.0, status=bounced (Domain example.org does not accept mail (nullMX))", stamp(1), qid),
		fmt.Sprintf("%s mx postfix/smtp[78]: %s: to=<b@mail.example.net>, relay=mx1.mail.example.net[198.51.100.7]:25, delay=0.3, delays=0.02/0.03/0.2/0.03, dsn=5.1.1, status=bounced (host mx1.mail.example.net[198.51.100.7] said: 550 5.1.1 The email account that you tried to reach does not exist (in reply to RCPT TO command))", stamp(1), qid),
		fmt.Sprintf("%s mx postfix/smtp[79]: %s: to=<c@mail.example.net>, relay=mx1.mail.example.net[198.51.100.7]:25, delay=0.3, delays=0.02/0.03/0.2/0.03, dsn=5.1.1, status=bounced (host mx1.mail.example.net[198.51.100.7] said: 550 5.1.1 User unknown (in reply to RCPT TO command))", stamp(1), qid),
		fmt.Sprintf("%s mx postfix/smtp[80]: %s: to=<d@hotmail.example>, relay=mx.hotmail.example[203.0.113.33]:25, delay=0.2, delays=0.02/0.08/0.09/0.03, dsn=5.7.1, status=bounced (host mx.hotmail.example[203.0.113.33] said: 550 5.7.1 Unfortunately, messages from [192.0.2.20] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140). (in reply to MAIL FROM command))", stamp(1), qid),
	}
	h := blocklistHint(t, lines)
	ev := strings.Join(h.Evidence, "\n")
	if strings.Contains(ev, "sender@example.com") || strings.Contains(ev, "refused deliveries whose submission") {
		t.Errorf("only the one listing refusal counts against the sender, below the share that names it, got:\n%s", ev)
	}
	for _, s := range h.Steps {
		if strings.Contains(s.Text, "sender@example.com") {
			t.Errorf("no step should tell to stop the sender, got %q", s.Text)
		}
	}
}
