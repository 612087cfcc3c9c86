package analyzers

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"mxtop/sources"
)

// Address verification (verify(8)) sends probes as mail from
// address_verify_sender (double-bounce@$myorigin by default); the delivery
// agents log their outcome as status=deliverable or undeliverable, and
// smtpd's "unverified address" refusals quote the failure verify(8)
// cached. probeLog keeps the latest failed probes, one per recipient, so
// that the refusal's hint can show where the probe for the address it
// refused went and what answered.
const (
	probeIDs      = 256 // probe queue ids remembered between qmgr's from= and the delivery, and failed probes kept
	probeFailures = 5   // failed probes shown: those to the refused addresses first, then the latest
)

type probeFailure struct {
	Time           time.Time
	To, Relay, DSN string
	Status, Reason string
}

type probeLog struct {
	ids    map[string]struct{}
	order  [probeIDs]string // ring: the oldest id is dropped first
	next   int
	failed []probeFailure
	// The configured address_verify_sender, read once per configuration:
	// sender runs for every qmgr record.
	cfg      *sources.Config
	cfgRead  bool
	cfgProbe string
}

// configuredProbeSender is address_verify_sender as configured, its
// parameters expanded ($double_bounce_sender, postmaster@$mydomain); ""
// when it is unset or cannot be expanded, and the double-bounce default
// is the probes' sender.
func configuredProbeSender(cfg *sources.Config) string {
	if cfg == nil {
		return ""
	}
	v, ok := cfg.Expanded("address_verify_sender")
	if !ok {
		return ""
	}
	return v
}

// isProbeSender tells verify(8)'s sender: the double-bounce local part
// Postfix uses by default, or configured, address_verify_sender as
// configuredProbeSender reads it.
func isProbeSender(from, configured string) bool {
	local, _, _ := strings.Cut(from, "@")
	if strings.EqualFold(local, "double-bounce") {
		return true
	}
	if configured == "" {
		return false
	}
	if !strings.Contains(configured, "@") {
		return strings.EqualFold(local, configured)
	}
	return strings.EqualFold(from, configured)
}

func (p *probeLog) sender(r *sources.Record, cfg *sources.Config) {
	if r.QueueID == "" || r.From == "" {
		return
	}
	if !p.cfgRead || cfg != p.cfg {
		p.cfg, p.cfgRead, p.cfgProbe = cfg, true, configuredProbeSender(cfg)
	}
	if !isProbeSender(r.From, p.cfgProbe) {
		return
	}
	if p.ids == nil {
		p.ids = make(map[string]struct{}, probeIDs)
	}
	if _, ok := p.ids[r.QueueID]; ok {
		return
	}
	if old := p.order[p.next]; old != "" {
		delete(p.ids, old)
	}
	id := strings.Clone(r.QueueID)
	p.order[p.next] = id
	p.next = (p.next + 1) % probeIDs
	p.ids[id] = struct{}{}
}

// delivery keeps a probe's failed delivery record; deliverable ones and
// every other message's records pass by.
func (p *probeLog) delivery(r *sources.Record) {
	if len(p.ids) == 0 || r.Status == sources.StatusSent || r.To == "" {
		return
	}
	if _, ok := p.ids[r.QueueID]; !ok {
		return
	}
	status := sources.StatusWord(r.Message)
	if status == "" || status == "deliverable" {
		return
	}
	f := probeFailure{Time: r.Time, To: strings.Clone(r.To), Relay: strings.Clone(r.Relay), DSN: strings.Clone(r.DSN),
		Status: strings.Clone(status), Reason: keepText(r.Reason)}
	for i := range p.failed {
		if strings.EqualFold(p.failed[i].To, f.To) {
			p.failed = append(p.failed[:i], p.failed[i+1:]...)
			break
		}
	}
	if len(p.failed) == probeIDs {
		p.failed = p.failed[1:]
	}
	p.failed = append(p.failed, f)
}

// evidence is at most probeFailures failed probes as the hint shows
// them: those to the refused addresses first, then the others, each
// latest first.
func (p *probeLog) evidence(refused []string) []string {
	var out []string
	for _, wanted := range [...]bool{true, false} {
		for i := len(p.failed) - 1; i >= 0 && len(out) < probeFailures; i-- {
			f := &p.failed[i]
			if slices.ContainsFunc(refused, func(a string) bool { return strings.EqualFold(a, f.To) }) == wanted {
				out = append(out, f.line())
			}
		}
	}
	return out
}

// line is one failed probe as its delivery record says it.
func (f *probeFailure) line() string {
	when := ""
	if !f.Time.IsZero() {
		when = " at " + f.Time.UTC().Format("15:04:05")
	}
	return SanitizeLine(fmt.Sprintf("verification probe to <%s>%s: relay=%s, dsn=%s, status=%s (%s)", f.To, when, f.Relay, f.DSN, f.Status, f.Reason))
}
