package model

import (
	"context"
	"fmt"

	"mxtop/analyzers"
	"mxtop/sources"
)

// RunServe runs the sources and analyzers without a screen and serves
// /metrics and /report.json on addr until ctx ends.
func RunServe(ctx context.Context, o Options, ls LiveSettings, addr string) error {
	feeds, err := StartLive(ctx, o, ls)
	if err != nil {
		return err
	}
	sh := &Shared{Eng: analyzers.NewEngine(o.MaxDest), States: map[string]sources.SourceState{}}
	in := &ingest{eng: sh.Eng, states: sh.States, reload: feeds.Reload, ports: feeds.Ports}
	stop := make(chan struct{})
	errc := make(chan error, 1)
	go func() { errc <- Serve(addr, sh, stop) }()
	defer close(stop)
	// Each event is applied under the lock a scrape takes.
	apply := func(f func()) {
		sh.Lock()
		f()
		sh.Unlock()
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-errc:
			return fmt.Errorf("serving %s: %w", addr, err)
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
	}
}
