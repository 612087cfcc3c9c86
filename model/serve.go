package model

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"mxtop/analyzers"
	"mxtop/sources"
)

// serveTick is how often serve moves the engine's clock and, when
// something changed, evaluates the hints that scrapes read.
const serveTick = time.Second

// RunServe runs the sources and analyzers without a screen and serves
// /metrics and /report.json as so says until ctx ends.
func RunServe(ctx context.Context, o Options, ls LiveSettings, so ServeOptions) error {
	if err := CheckWebConfig(so.WebConfigFile); err != nil {
		return err
	}
	feeds, err := StartLive(ctx, o, ls)
	if err != nil {
		return err
	}
	eng := analyzers.NewEngine(o.MaxDest)
	eng.Export = analyzers.NewExporterCounts()
	eng.ConfigDir, eng.Container = o.ConfigDir, o.Docker
	eng.SetInstances(o.Instances)
	sh := &Shared{Eng: eng, States: map[string]sources.SourceState{}, Paths: SourcePaths(o)}
	in := &ingest{clock: o.now, eng: sh.Eng, states: sh.States, reload: feeds.Reload, ports: feeds.Ports, fault: o.fault}
	stop := make(chan struct{})
	errc := make(chan error, 1)
	go func() { errc <- Serve(so, sh, stop) }()
	defer close(stop)
	// Each event is applied under the lock a scrape takes.
	apply := func(f func()) {
		sh.Lock()
		f()
		sh.Unlock()
	}
	// Each change of a source's health is told, once: a log serve
	// cannot read is otherwise said only in /report.json, under counters
	// that stay at zero. A source that starts ok is not news.
	told := map[string]sources.Health{}
	tell := func() {
		if so.Note == nil {
			return
		}
		for _, name := range slices.Sorted(maps.Keys(sh.States)) {
			st := sh.States[name]
			was, seen := told[name]
			told[name] = st.Health
			if seen && was == st.Health || !seen && st.Health == sources.HealthOK {
				continue
			}
			so.Note(name + " " + st.Health.String() + ": " + sources.SanitizeLine(st.Detail))
		}
	}
	tick := time.NewTicker(serveTick)
	defer tick.Stop()
	sh.refresh(time.Now())
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-errc:
			if errors.As(err, new(ListenError)) {
				return err // names the address already
			}
			return fmt.Errorf("serving %s: %w", so.Addr, err)
		case now := <-tick.C:
			sh.refresh(now)
		case b, ok := <-feeds.Log:
			if !ok {
				feeds.Log = nil
				continue
			}
			apply(func() { in.batch(b) })
		case ev, ok := <-feeds.Queue:
			if !ok {
				feeds.Queue = nil
				continue
			}
			apply(func() { in.queue(ev) })
		case ev, ok := <-feeds.Config:
			if !ok {
				feeds.Config = nil
				continue
			}
			apply(func() { in.config(ev) })
		case ev, ok := <-feeds.Machine:
			if !ok {
				feeds.Machine = nil
				continue
			}
			apply(func() { in.machine(ev) })
		}
		tell()
	}
}
