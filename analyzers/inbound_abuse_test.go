package analyzers

import (
	"fmt"
	"strings"
	"testing"
)

// failedLogin is one smtpd session of the client name[ip] whose only AUTH
// failed, as smtpd logs it: the SASL warning, then the disconnect summary.
func failedLogin(i int, name, ip string) []string {
	return []string{
		fmt.Sprintf("%s mx postfix/smtpd[%d]: connect from %s[%s]", stamp(i), 5100+i, name, ip),
		fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: %s[%s]: SASL LOGIN authentication failed: UGFzc3dvcmQ6, sasl_username=info%d", stamp(i), 5100+i, name, ip, i),
		fmt.Sprintf("%s mx postfix/smtpd[%d]: disconnect from %s[%s] ehlo=1 auth=0/1 quit=1 commands=2/3", stamp(i), 5100+i, name, ip),
	}
}

// refusedMessage is a message smtpd took from name[ip] (its client= line)
// that a content check then refused: header_checks, body_checks, a milter
// at the end of the message, smtpd_end_of_data_restrictions, by turns.
func refusedMessage(i int, name, ip string) []string {
	qid := fmt.Sprintf("7D%08X", i)
	env := "; from=<offers@bulk.example> to=<info@example.org> proto=ESMTP helo=<" + name + ">"
	var refusal string
	switch i % 4 {
	case 0:
		refusal = fmt.Sprintf("postfix/cleanup[%d]: %s: reject: header Subject: You won a prize from %s[%s]%s: 5.7.1 message content rejected", 6200+i, qid, name, ip, env)
	case 1:
		refusal = fmt.Sprintf("postfix/cleanup[%d]: %s: reject: body http://prize.example/claim from %s[%s]%s: 5.7.1 message content rejected", 6200+i, qid, name, ip, env)
	case 2:
		refusal = fmt.Sprintf("postfix/cleanup[%d]: %s: milter-reject: END-OF-MESSAGE from %s[%s]: 5.7.1 Spam message rejected%s", 6200+i, qid, name, ip, env)
	default:
		refusal = fmt.Sprintf("postfix/smtpd[%d]: %s: reject: END-OF-MESSAGE from %s[%s]: 550 5.7.1 Message refused%s", 5300+i, qid, name, ip, env)
	}
	return []string{
		fmt.Sprintf("%s mx postfix/smtpd[%d]: %s: client=%s[%s]", stamp(i), 5300+i, qid, name, ip),
		fmt.Sprintf("%s mx postfix/cleanup[%d]: %s: message-id=<%d.prize@bulk.example>", stamp(i), 6200+i, qid, i),
		stamp(i) + " mx " + refusal,
	}
}

// queuedMessage is a message smtpd took from name[ip] that cleanup
// queued: qmgr takes it in.
func queuedMessage(i int, name, ip, login string) []string {
	qid := fmt.Sprintf("8E%08X", i)
	client := fmt.Sprintf("%s mx postfix/smtpd[%d]: %s: client=%s[%s]", stamp(i), 5500+i, qid, name, ip)
	if login != "" {
		client += ", sasl_method=PLAIN, sasl_username=" + login
	}
	return []string{
		client,
		fmt.Sprintf("%s mx postfix/cleanup[%d]: %s: message-id=<%d.note@partner.example>", stamp(i), 6400+i, qid, i),
		fmt.Sprintf("%s mx postfix/qmgr[900]: %s: from=<news@partner.example>, size=%d, nrcpt=1 (queue active)", stamp(i), qid, 2400+i),
	}
}

// rateRefusal is smtpd refusing name[ip] over its connection rate.
func rateRefusal(i int, name, ip string, count int) string {
	return fmt.Sprintf("%s mx postfix/smtpd[%d]: warning: Connection rate limit exceeded: %d from %s[%s] for service smtp", stamp(i), 5700+i, count, name, ip)
}

// exemption is what in a hint would exempt a client from anvil's limits:
// a change, a command, or a sentence that gives the value to set.
func exemption(h Hint) string {
	if len(h.Changes) > 0 {
		return fmt.Sprintf("changes %v", h.Changes)
	}
	for _, a := range h.Steps {
		if strings.Contains(a.Text, "limit_exceptions =") || strings.Contains(a.Text, "postfix reload") {
			return a.Text
		}
	}
	return ""
}

// A client that failed every login it tried and whose messages smtpd took
// only for header_checks, body_checks, a milter or the end-of-data
// restrictions to refuse them is an abuser, however many client= lines it
// has: exempting it from anvil's limits would lift its AUTH rate limit
// with the rest. The hint says the limit works, says what the log shows,
// and offers no exemption, in the report and in the live window.
func TestAbuserWithRefusedMailIsNotExempted(t *testing.T) {
	const name, ip = "mail.bulk-offers.example", "192.0.2.77"
	var lines []string
	for i := range 30 {
		lines = append(lines, failedLogin(i, "unknown", ip)...)
	}
	for i := range 8 {
		lines = append(lines, refusedMessage(40+i, name, ip)...)
	}
	lines = append(lines, rateRefusal(60, name, ip, 61))
	for _, conf := range []func(*Engine){nil, configured("", "smtp inet n - y - - smtpd\n")} {
		for _, whole := range []bool{true, false} {
			h := inboundHint(t, lines, conf, whole, "smtp")
			acts := strings.Join(h.Actions, "\n")
			if ex := exemption(h); ex != "" || strings.Contains(acts, "exempt it:") {
				t.Errorf("config %v, whole %v: the abuser is offered an exemption (%s):\n%s", conf != nil, whole, ex, acts)
			}
			if !strings.Contains(acts, "the limit is working") {
				t.Errorf("config %v, whole %v: actions do not say the limit works:\n%s", conf != nil, whole, acts)
			}
			ev := strings.Join(h.Evidence, "\n")
			if !strings.Contains(ev, ip+": 8 messages taken and then refused for content; 30 failed logins") || strings.Contains(ev, "sent 8 messages") {
				t.Errorf("config %v, whole %v: evidence does not say what the client did:\n%s", conf != nil, whole, ev)
			}
		}
	}
}

// A message counts as mail a client sent here only once it is queued
// (qmgr takes it in): smtpd's client= line comes before cleanup's
// checks. A sender with some of its mail refused is still a sender, and
// counts the messages queued; one whose only messages a milter deferred
// (a temporary 4.7.1) sent nothing, and nothing of it was refused for
// content either.
func TestOnlyQueuedMailMakesASender(t *testing.T) {
	const name, ip = "out.partner.example", "198.51.100.140"
	var lines []string
	for i := range 3 {
		lines = append(lines, queuedMessage(i, name, ip, "")...)
	}
	lines = append(lines, refusedMessage(4, name, ip)...)
	lines = append(lines, refusedMessage(5, name, ip)...)
	for i := range 4 {
		lines = append(lines, rateRefusal(20+i, name, ip, 31+i))
	}
	h := inboundHint(t, lines, configured("", "smtp inet n - y - - smtpd\n"), true, "smtp")
	acts := strings.Join(h.Actions, "\n")
	if ev := strings.Join(h.Evidence, "\n"); !strings.Contains(ev, ip+" sent 3 messages here") {
		t.Errorf("a sender with 3 messages queued and 2 refused:\n%s", ev)
	}
	if !strings.Contains(acts, "smtpd_client_event_limit_exceptions = $mynetworks, "+ip) {
		t.Errorf("a sender with mail queued is not exempted:\n%s", acts)
	}

	// Taken, then deferred by a milter: none queued, none refused for
	// content.
	var deferred []string
	for i := range 4 {
		qid := fmt.Sprintf("9F%08X", i)
		deferred = append(deferred,
			fmt.Sprintf("%s mx postfix/smtpd[%d]: %s: client=%s[%s]", stamp(i), 5800+i, qid, name, ip),
			fmt.Sprintf("%s mx postfix/cleanup[%d]: %s: message-id=<%d.later@partner.example>", stamp(i), 6600+i, qid, i),
			fmt.Sprintf("%s mx postfix/cleanup[%d]: %s: milter-reject: END-OF-MESSAGE from %s[%s]: 4.7.1 Try again later; from=<news@partner.example> to=<info@example.org> proto=ESMTP helo=<%s>", stamp(i), 6600+i, qid, name, ip, name))
	}
	deferred = append(deferred, rateRefusal(20, name, ip, 31))
	h = inboundHint(t, deferred, configured("", "smtp inet n - y - - smtpd\n"), true, "smtp")
	ev := strings.Join(h.Evidence, "\n")
	if len(h.Changes) != 0 || strings.Contains(ev, "sent 4 messages") || strings.Contains(ev, "refused for content") {
		t.Errorf("messages a milter deferred: changes %v, evidence:\n%s", h.Changes, ev)
	}
}

// A client whose failed logins smtpd_client_auth_rate_limit holds back is
// never exempted from anvil's limits, which would lift that one too:
// whatever else it did (a login that worked, mail queued), and wherever
// it is (this site's own network included).
func TestClientHeldBackForLoginsIsNeverExempted(t *testing.T) {
	for _, c := range []struct{ name, ip string }{{"relay.customer.example", "198.51.100.61"}, {"unknown", "10.20.30.40"}} {
		var lines []string
		for i := range 3 {
			lines = append(lines, queuedMessage(i, c.name, c.ip, "shop@example.org")...)
		}
		for i := range 12 {
			lines = append(lines, failedLogin(10+i, c.name, c.ip)...)
		}
		lines = append(lines,
			fmt.Sprintf("%s mx postfix/smtpd[5900]: warning: AUTH command rate limit exceeded: 11 from %s[%s] for service smtp", stamp(30), c.name, c.ip))
		for i := range 4 {
			lines = append(lines, rateRefusal(31+i, c.name, c.ip, 31+i))
		}
		for _, whole := range []bool{true, false} {
			h := inboundHint(t, lines, configured("", "smtp inet n - y - - smtpd\n"), whole, "smtp")
			acts := strings.Join(h.Actions, "\n")
			if ex := exemption(h); ex != "" || strings.Contains(acts, "exempt it:") {
				t.Errorf("%s, whole %v: exempted (%s):\n%s", c.ip, whole, ex, acts)
			}
			if ev := strings.Join(h.Evidence, "\n"); !strings.Contains(ev, "12 failed logins") || !strings.Contains(ev, "smtpd_client_auth_rate_limit") {
				t.Errorf("%s, whole %v: evidence does not name the failed logins the AUTH limit holds back:\n%s", c.ip, whole, ev)
			}
		}
	}
}
