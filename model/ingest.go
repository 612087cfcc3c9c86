package model

import (
	"fmt"
	"os"
	"time"

	"mxtop/analyzers"
	"mxtop/sources"
)

// ingest applies the sources' events to an engine: the one place that does
// it, for the screen and for serve alike.
type ingest struct {
	// clock, when set, bounds the lines' times: one dated more than a
	// day after it moves neither the window nor the rates (Horizon).
	clock  func() time.Time
	eng    *analyzers.Engine
	states map[string]sources.SourceState
	reload chan<- struct{} // asks the config source to re-read
	ports  *PortSet        // remote ports learned from deliveries
	// turnedBad, when set, hears a source that became unhealthy;
	// turnedOK one that became healthy again.
	turnedBad, turnedOK func(sources.SourceState)
	// fault, when a test sets it, runs on each record after the engine
	// fed it, to make analysis panic.
	fault func(*sources.Record)
	each  func(*sources.Record) // after, bound once
	// noPostfix holds the log source's own state while the log, having
	// lines and none from Postfix, is shown degraded.
	noPostfix *sources.SourceState
	// stamped: a line with a timestamp, as log lines have, has come.
	stamped bool
	// hostApart: the log is too old for this host's queue and machine,
	// read now, to describe it (hostApart); their latest readings wait in
	// queueNow and machineNow, out of the engine, until it is current.
	// savedQueue: the queue is a saved listing (--queue), which goes with
	// the log whatever its age.
	hostApart  bool
	savedQueue bool
	// hostLog: the log is this host's own (Feeds.HostLog), or logPath is
	// the file the configuration's maillog_file names.
	hostLog    bool
	logPath    string
	queueNow   *sources.QueueSnapshot
	machineNow *sources.MachineReading
}

// leftOut says whether a source's readings are among those left out
// while hostApart: the machine, and the queue unless it is a saved listing.
func (in *ingest) leftOut(source string) bool {
	return source == "machine" || source == "queue" && !in.savedQueue
}

// setHostApart takes the host's readings out of the engine, or gives it
// the latest again, and says whether that changed.
func (in *ingest) setHostApart(apart bool) bool {
	if apart == in.hostApart {
		return false
	}
	in.hostApart = apart
	if apart {
		q := in.eng.Queue
		in.eng.DropHost()
		if in.savedQueue && q != nil {
			in.eng.SetQueue(q)
		}
		return true
	}
	if in.queueNow != nil {
		in.eng.SetQueue(in.queueNow)
	}
	if in.machineNow != nil {
		in.eng.SetMachine(*in.machineNow)
	}
	in.queueNow, in.machineNow = nil, nil
	return true
}

// markNoPostfix degrades an ok log state when the log has lines and none
// is Postfix's: a file named by mistake (/etc/passwd, dpkg.log) must not
// pass for a quiet mail server.
func markNoPostfix(st sources.SourceState, eng *analyzers.Engine) (sources.SourceState, bool) {
	if eng.Lines == 0 || eng.Tagged > 0 || st.Health != sources.HealthOK {
		return st, false
	}
	st.Health = sources.HealthDegraded
	st.Detail += fmt.Sprintf(": none of its %d lines is from Postfix: is it the mail log? (Debian: /var/log/mail.log, or --journal)", eng.Lines)
	return st, true
}

// noPostfixLiveLines is how many syslog lines a followed log may carry,
// none from Postfix, before it is doubted: a mail.log also carries
// dovecot's, amavis' and opendkim's lines, and a quiet Postfix may write
// none for a while. Lines that are no log lines at all, without a
// timestamp (a passwd file), are doubted at once.
const noPostfixLiveLines = 1000

func (in *ingest) state(s sources.SourceState) {
	old, seen := in.states[s.Source]
	in.states[s.Source] = s
	if in.turnedBad != nil && s.Health != sources.HealthOK && (!seen || old.Health != s.Health) &&
		!(in.hostApart && in.leftOut(s.Source)) {
		in.turnedBad(s)
	}
	if in.turnedOK != nil && s.Health == sources.HealthOK && seen && old.Health != sources.HealthOK {
		in.turnedOK(s)
	}
}

// batch feeds a log batch; a version line asks for the config again.
func (in *ingest) batch(b sources.LogBatch) {
	if b.State != nil {
		in.state(*b.State)
	}
	if !in.stamped && in.noPostfix == nil && in.eng.Tagged == 0 {
		for i := range b.Records {
			if !b.Records[i].Time.IsZero() {
				in.stamped = true
				break
			}
		}
	}
	in.eng.DroppedRecords = b.Dropped
	if in.each == nil {
		in.each = in.after
	}
	each := in.each
	if in.fault == nil && in.ports == nil && in.reload == nil {
		each = nil // after has nothing to do: a report's replay
	}
	// FeedAll recovers a panic on one record: a bug must not end the
	// monitor.
	if in.clock != nil {
		in.eng.Horizon = in.clock().Add(24 * time.Hour)
	}
	in.eng.FeedAll(b.Records, each)
	if in.states == nil {
		return
	}
	switch cur, ok := in.states["log"]; {
	case in.noPostfix != nil && in.eng.Tagged > 0:
		if b.State == nil {
			in.state(*in.noPostfix) // the source's own, unchanged since
		}
		in.noPostfix = nil
	case ok && (in.noPostfix == nil || b.State != nil) && (!in.stamped || in.eng.Lines >= noPostfixLiveLines):
		if marked, yes := markNoPostfix(cur, in.eng); yes {
			in.noPostfix = &cur
			in.state(marked)
		}
	}
}

// after learns from a record the engine has fed.
func (in *ingest) after(r *sources.Record) {
	if in.fault != nil {
		in.fault(r)
	}
	if r.Event == sources.EvDelivery && r.RelayPort > 0 {
		in.ports.Add(r.RelayPort)
	}
	if r.Event == sources.EvVersion && in.reload != nil {
		select {
		case in.reload <- struct{}{}:
		default:
		}
	}
}

func (in *ingest) queue(ev sources.QueueEvent) {
	in.state(ev.State)
	switch {
	case ev.Snapshot == nil:
	case in.hostApart && !in.savedQueue:
		in.queueNow = ev.Snapshot
	default:
		in.eng.SetQueue(ev.Snapshot)
	}
}

func (in *ingest) config(ev sources.ConfigEvent) {
	in.state(ev.State)
	if ev.Config != nil {
		in.eng.SetConfig(ev.Config)
		if !in.hostLog && in.logPath != "" {
			in.hostLog = sameFile(in.logPath, ev.Config.Get("maillog_file"))
		}
	}
}

// sameFile says whether a and b name one existing file.
func sameFile(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

func (in *ingest) machine(ev sources.MachineEvent) {
	in.state(ev.State)
	if in.hostApart {
		in.machineNow = &ev.Reading
		return
	}
	in.eng.SetMachine(ev.Reading)
}
