package model

import (
	"context"
	"strings"
	"testing"
	"time"

	"mxtop/sources"
	"mxtop/sources/sourcestest"
)

// A report on a log that ended long ago (an old or pasted log) does not
// mix in this host's machine and queue as they are now: they would not
// describe the log's time. A log still being written gets both.
func TestReportReadsTheHostOnlyForARecentLog(t *testing.T) {
	queue := `{"queue_name":"deferred","queue_id":"3F59BC026C","arrival_time":1795950000,"message_size":1000,"sender":"a@lab.example","recipients":[{"address":"b@slow.example","delay_reason":"connect to x: Connection timed out"}]}` + "\n"
	run := func(now time.Time) *ReportRun {
		t.Helper()
		ex := &sourcestest.FakeExec{Outputs: map[string]string{"postqueue -j": queue}}
		o := Options{Logs: []string{"../testdata/lab/postfix-lab.log"}, Exec: ex, Year: 2026, Now: func() time.Time { return now }}
		res, err := RunReport(context.Background(), o, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	state := func(res *ReportRun, source string) sources.SourceState {
		for _, s := range res.States {
			if s.Source == source {
				return s
			}
		}
		return sources.SourceState{}
	}
	old := run(labEnd.Add(48 * time.Hour))
	if old.Engine.Machine != nil || old.Engine.Queue != nil {
		t.Errorf("a log two days old got this host's machine (%v) or queue (%v)", old.Engine.Machine != nil, old.Engine.Queue != nil)
	}
	for _, src := range []string{"machine", "queue"} {
		if s := state(old, src); s.Health != sources.HealthUnavailable || !strings.Contains(s.Detail, "the log ends") {
			t.Errorf("%s state for an old log: %+v", src, s)
		}
	}
	recent := run(labEnd.Add(time.Minute))
	if recent.Engine.Machine == nil || recent.Engine.Queue == nil {
		t.Errorf("a log written a minute ago lacks the machine (%v) or the queue (%v)", recent.Engine.Machine != nil, recent.Engine.Queue != nil)
	}
}
