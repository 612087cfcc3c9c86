package model

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"mxtop/analyzers"
	"mxtop/sources"
)

// busyEngine tracks 5000 destinations with errors, as during a large
// incident.
func busyEngine(b *testing.B) *analyzers.Engine {
	eng := analyzers.NewEngine(5000)
	eng.SetConfig(DemoConfig())
	p := &sources.Parser{Year: 2026, Loc: time.UTC}
	t0 := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	var r sources.Record
	for i := 0; i < 20000; i++ {
		ts := t0.Add(time.Duration(i) * 50 * time.Millisecond).Format("Jan _2 15:04:05")
		status, reason := "sent", "250 2.0.0 Ok"
		if i%3 == 0 {
			status, reason = "deferred", "host mx said: 421 4.7.0 Error: too many connections from 198.51.100.1"
		}
		p.Parse(fmt.Sprintf("%s mx postfix/smtp[%d]: %010X: to=<u@d%d.example>, relay=mx.d%d.example[192.0.2.%d]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=4.7.0, status=%s (%s)",
			ts, 1000+i%40, i, i%5000, i%5000, i%250, status, reason), &r)
		eng.Feed(&r)
	}
	if eng.Dest.Len() != 5000 {
		b.Fatalf("%d destinations", eng.Dest.Len())
	}
	return eng
}

// BenchmarkFrame is one redraw with 5,000 destinations tracked: freezing
// the data (BuildData, hints included) and rendering it at 120x40.
func BenchmarkFrame(b *testing.B) {
	m := busyModel(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.rebuild()
		_ = m.Render()
	}
}

// BenchmarkView is View() alone on frozen data.
func BenchmarkView(b *testing.B) {
	m := busyModel(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.frameValid = false // View alone, without the frame cache
		_ = m.View()
	}
}

func busyModel(b *testing.B) *Model {
	eng := busyEngine(b)
	m := New(eng, Feeds{}, Settings{Color: true, Clock: func() time.Time { return eng.Now }})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	return m
}
