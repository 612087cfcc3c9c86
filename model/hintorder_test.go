package model

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"mxtop/analyzers"
	"mxtop/sources"
)

// Two comparable problems keep their places from frame to frame: hints of
// equal rank are ordered by id and subject, not by the order a map gave
// them in, so the top hint does not swap while nothing new arrives.
func TestEqualHintsKeepTheirOrder(t *testing.T) {
	now := time.Date(2026, 11, 28, 4, 58, 0, 0, time.UTC)
	eng := analyzers.NewEngine(0)
	p := &sources.Parser{Year: 2026, Loc: time.UTC}
	for i := range 40 {
		for _, dom := range []string{"b.example", "a.example", "c.example"} {
			var r sources.Record
			p.Parse(fmt.Sprintf("%s mx postfix/smtp[%d]: %05XA: to=<u%d@%s>, relay=mx.%s[192.0.2.20]:25, delay=0.2, delays=0/0/0.2/0, dsn=4.7.0, status=deferred (host mx.%s[192.0.2.20] refused to talk to me: 421 4.7.0 Error: too many connections from 192.0.2.1)",
				now.Add(time.Duration(i-40)*5*time.Second).Format(time.RFC3339), 100+i, i, i, dom, dom, dom), &r)
			eng.Feed(&r)
		}
	}
	clock := now
	m := New(eng, Feeds{}, Settings{Clock: func() time.Time { return clock }})
	var first []hintKey
	for frame := range 8 {
		clock = clock.Add(time.Second)
		m.Update(scheduledTick{m.tickGen, clock})
		m.rebuild()
		got := []hintKey{}
		for _, h := range m.Data().Hints {
			got = append(got, hintKey{h.ID, h.Subject})
		}
		if frame == 0 {
			first = got
			var subjects []string
			for _, k := range got {
				if k.id == "destination_concurrency" {
					subjects = append(subjects, k.subject)
				}
			}
			if !slices.Equal(subjects, []string{"a.example", "b.example", "c.example"}) {
				t.Fatalf("equal refusals ranked %v, not by name", subjects)
			}
		} else if !slices.Equal(got, first) {
			t.Fatalf("frame %d: hints %v, frame 0: %v", frame, got, first)
		}
	}
}
