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
	stop := make(chan struct{})
	errc := make(chan error, 1)
	go func() { errc <- Serve(addr, sh, stop) }()
	defer close(stop)
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
			sh.Lock()
			if b.State != nil {
				sh.States["log"] = *b.State
			}
			for i := range b.Records {
				sh.Eng.Feed(&b.Records[i])
				if b.Records[i].Event == sources.EvVersion {
					select {
					case feeds.Reload <- struct{}{}:
					default:
					}
				}
				if p := b.Records[i].RelayPort; p > 0 {
					feeds.Ports.Add(p)
				}
			}
			sh.Eng.DroppedRecords = b.Dropped
			sh.Unlock()
		case ev, ok := <-feeds.Queue:
			if !ok {
				feeds.Queue = nil
				continue
			}
			sh.Lock()
			sh.States["queue"] = ev.State
			if ev.Snapshot != nil {
				sh.Eng.SetQueue(ev.Snapshot)
			}
			sh.Unlock()
		case ev, ok := <-feeds.Config:
			if !ok {
				feeds.Config = nil
				continue
			}
			sh.Lock()
			sh.States["config"] = ev.State
			if ev.Config != nil {
				sh.Eng.SetConfig(ev.Config)
			}
			sh.Unlock()
		case ev, ok := <-feeds.Machine:
			if !ok {
				feeds.Machine = nil
				continue
			}
			sh.Lock()
			sh.States["machine"] = ev.State
			sh.Eng.SetMachine(ev.Reading)
			sh.Unlock()
		}
	}
}
