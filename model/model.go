// Package model is mxtop's Bubble Tea model: it takes the sources' events,
// feeds the analyzers, holds the view state, handles keys and snapshots,
// and redraws at most about once per refresh interval, never once per log
// line.
package model

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"mxtop/analyzers"
	"mxtop/sources"
	"mxtop/ui"
)

// Feeds are the channels the sources write to; nil ones are not used.
type Feeds struct {
	Log     <-chan sources.LogBatch
	Queue   <-chan sources.QueueEvent
	Config  <-chan sources.ConfigEvent
	Machine <-chan sources.MachineEvent
	// Reload, when set, asks the config source to re-read (the log showed
	// a reload line).
	Reload chan<- struct{}
	// Ports, when set, learns the remote ports deliveries use.
	Ports *PortSet
	// Started, when set, is called once the first frame showing records
	// has been written to the terminal: the sources that wait for it may
	// start.
	Started func()
	// SavedQueue says Queue brings a saved listing (--queue): it goes
	// with the log, however old, as in the report.
	SavedQueue bool
	// HostLog says the log is this host's own as it is written (found by
	// mxtop, the journal, a container's): a quiet spell in it is the
	// host's state, which its queue and machine always describe.
	// LogPath, for a log named on the command line, makes it the host's
	// own when it is the file the configuration's maillog_file names.
	HostLog bool
	LogPath string
}

// Settings shape the live view.
type Settings struct {
	Refresh     time.Duration // redraw interval; 250 ms by default (4 Hz)
	SnapshotDir string
	Color       bool
	Host        string
	// Clock is the view's notion of now: wall time live, the replay's
	// time in the demo. nil means time.Now.
	Clock func() time.Time
	// Shared, when set, is locked while Update touches the engine, so a
	// metrics scrape can read it (--metrics-listen).
	Shared *Shared
	// Actions decide whether the screen may act on the queue.
	Actions ActionSettings
}

type (
	logMsg struct {
		b  sources.LogBatch
		ok bool
	}
	queueMsg struct {
		ev sources.QueueEvent
		ok bool
	}
	configMsg struct {
		ev sources.ConfigEvent
		ok bool
	}
	machineMsg struct {
		ev sources.MachineEvent
		ok bool
	}
	tickMsg time.Time
	// scheduledTick is a tick from the model's own timer; one of an older
	// schedule (gen) is dropped.
	scheduledTick struct {
		gen int
		t   time.Time
	}
	// startedMsg says the first frame with records has been written.
	startedMsg  struct{}
	snapshotMsg struct {
		id       int // in snapshotWrites
		path     string
		fellBack string // why the chosen directory did not take it
		err      error
	}
)

// Model is the root model.
type Model struct {
	snaps    snapshotWrites
	eng      *analyzers.Engine
	feeds    Feeds
	set      Settings
	keys     ui.KeyMap
	styles   ui.Styles
	view     ui.ViewState
	data     ui.Data
	states   map[string]sources.SourceState
	in       *ingest
	progress *sources.Progress
	query    ui.Query // what the panes ask of BuildData
	// plan is the queue action the confirmation screen asks about.
	plan *sources.QueuePlan
	// confirm is the configuration change or undo it asks about.
	confirm *pendingConfig
	// questions numbers the requests for a confirmation (ask).
	questions int
	// stopRun stops the action or change running, while one does;
	// stopAsked says the admin did, for its record.
	stopRun   context.CancelFunc
	stopAsked bool
	runs      runWrites
	// applied lists the changes applied from this screen, to show their
	// effect.
	applied []appliedChange
	// asked is what a pane's request returned, for the key handler.
	asked tea.Cmd

	events     int       // records since the last rate sample
	rateSince  time.Time // start of the rate sample
	eventsRate float64
	flashUntil time.Time
	// flashHealth is the health of the source state the flash shows; ok
	// when it shows another message. flashSource names that source.
	flashHealth sources.Health
	flashSource string
	quitting    bool
	// frame caches the rendered screen: Bubble Tea asks for View after
	// every message, but the screen changes only on a tick, a key, a
	// resize or a flash.
	frame      string
	frameValid bool
	// An idle screen is not rebuilt 4 times a second: dirty says data
	// arrived since the last rebuild; without it the tick slows to
	// idleRefresh, and the first data speeds it up again.
	dirty     bool
	slowTick  bool
	tickGen   int
	lastBuild time.Time
	// Data is drawn at once, without waiting for the tick, when the
	// screen shows no record yet or was last rebuilt a refresh interval
	// ago (builtWall, by wall, the clock being the replay's in the demo):
	// a --since window shows as soon as its first batch is analysed, and
	// a line after a quiet spell without the tick's delay, while a stream
	// of batches is still rebuilt at most about once per interval.
	wall      func() time.Time
	builtWall time.Time
	fed       int // records analysed
	builtFed  int // fed at the last rebuild
	// starting is set once the sources waiting for the first frame with
	// records have been told when to start.
	starting bool
	// The view's clock is set.Clock, but a log whose backlog ends longer
	// ago than the rate window (a copied or rotated log opened from its
	// start) is shown as of its last line, as the report shows it: on the
	// wall's clock every rate would read zero. The engine's Latest is the
	// newest Postfix line's time, lineWall when lines last arrived (by
	// wall); judged says the backlog's end has been looked at, once;
	// logEnded that the view runs on Latest until a line with a current
	// time.
	lineWall time.Time
	judged   bool
	logEnded bool
}

// idleRefresh is how often an idle screen is rebuilt, for what changes
// with time alone (ages, sliding windows).
const idleRefresh = 5 * time.Second

// New builds the model over an engine and the sources' feeds.
func New(eng *analyzers.Engine, feeds Feeds, set Settings) *Model {
	if set.Refresh <= 0 {
		set.Refresh = 250 * time.Millisecond
	}
	if set.Clock == nil {
		set.Clock = time.Now
	}
	m := &Model{eng: eng, feeds: feeds, set: set, keys: ui.DefaultKeys(), styles: ui.NewStyles(set.Color),
		states: map[string]sources.SourceState{}, rateSince: set.Clock(), view: ui.NewViewState(80, 24), wall: time.Now}
	m.view.ReadOnly = set.Actions.ReadOnly
	// A source that turns unhealthy says why in a flash; the help view
	// keeps the reason. A reworded reason alone does not flash again: a
	// count in it may move every sample.
	m.in = &ingest{clock: set.Clock, eng: eng, states: m.states, reload: feeds.Reload, ports: feeds.Ports,
		turnedBad: m.flashState, turnedOK: m.clearFlashOf, savedQueue: feeds.SavedQueue, hostLog: feeds.HostLog, logPath: feeds.LogPath}
	if set.Shared != nil {
		// The metrics server may already be serving.
		set.Shared.Lock()
		defer set.Shared.Unlock()
		if eng.Export == nil {
			eng.Export = analyzers.NewExporterCounts()
		}
		set.Shared.Eng, set.Shared.States = eng, m.states
	}
	m.rebuild()
	return m
}

func wait[T any](ch <-chan T, wrap func(T, bool) tea.Msg) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		v, ok := <-ch
		return wrap(v, ok)
	}
}

func (m *Model) waitLog() tea.Cmd {
	return wait(m.feeds.Log, func(b sources.LogBatch, ok bool) tea.Msg { return logMsg{b, ok} })
}
func (m *Model) waitQueue() tea.Cmd {
	return wait(m.feeds.Queue, func(e sources.QueueEvent, ok bool) tea.Msg { return queueMsg{e, ok} })
}
func (m *Model) waitConfig() tea.Cmd {
	return wait(m.feeds.Config, func(e sources.ConfigEvent, ok bool) tea.Msg { return configMsg{e, ok} })
}
func (m *Model) waitMachine() tea.Cmd {
	return wait(m.feeds.Machine, func(e sources.MachineEvent, ok bool) tea.Msg { return machineMsg{e, ok} })
}

func (m *Model) tick() tea.Cmd {
	d := m.set.Refresh
	if m.slowTick {
		d = idleRefresh
	}
	gen := m.tickGen
	return tea.Tick(d, func(t time.Time) tea.Msg { return scheduledTick{gen, t} })
}

// touched marks the data changed; a slow tick is replaced by a fast one.
func (m *Model) touched(next tea.Cmd) tea.Cmd {
	m.dirty = true
	if !m.slowTick {
		return next
	}
	m.slowTick = false
	m.tickGen++
	return tea.Batch(next, m.tick())
}

// arrived marks new data and draws it at once when the screen is due:
// it shows no record yet, or was last rebuilt a refresh interval ago.
func (m *Model) arrived(next tea.Cmd) tea.Cmd {
	cmd := m.touched(next)
	if !m.view.Paused && ((m.builtFed == 0 && m.fed > 0) || m.wall().Sub(m.builtWall) >= m.set.Refresh) {
		m.rebuild()
	}
	if m.builtFed > 0 && m.feeds.Started != nil && !m.starting {
		// The renderer writes the frame on its next beat: the sources
		// that run commands wait two beats, not to compete with it for
		// the CPU.
		m.starting = true
		cmd = tea.Batch(cmd, tea.Tick(2*time.Second/time.Duration(rendererFPS(m.set.Refresh)), func(time.Time) tea.Msg { return startedMsg{} }))
	}
	return cmd
}

// Init starts listening to every source and the redraw tick.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.waitLog(), m.waitQueue(), m.waitConfig(), m.waitMachine(), m.tick())
}

// View draws the screen; alternate screen on, mouse off.
func (m *Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeNone
	v.WindowTitle = "mxtop"
	return v
}

// Render is the screen as a string (View's content).
func (m *Model) Render() string {
	if m.quitting {
		return ""
	}
	if !m.frameValid {
		m.frame, m.frameValid = ui.Render(&m.data, &m.view, m.styles, m.keys), true
	}
	return m.frame
}

func (m *Model) setState(s sources.SourceState) { m.in.state(s) }

// Update handles one message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.set.Shared != nil {
		m.set.Shared.Lock()
		defer m.set.Shared.Unlock()
	}
	switch msg.(type) {
	case logMsg, queueMsg, configMsg, machineMsg, scheduledTick, startedMsg:
		// Data changes reach the screen when they rebuild it (at once or
		// on the tick, see arrived); only the paused counter shows at
		// once regardless.
		if m.view.Paused {
			m.frameValid = false
		}
	default:
		m.frameValid = false
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.view.Width, m.view.Height = msg.Width, msg.Height
		return m, nil
	case tea.KeyPressMsg:
		// The data holds the destinations the filter matches: a new
		// filter rebuilds it, as a new sort does.
		filter := m.view.Filter
		r, cmd := m.key(msg)
		if m.view.Filter != filter {
			m.rebuild()
		}
		return r, cmd
	case tea.PasteMsg:
		// A domain copied from a ticket goes into the filter prompt as if
		// typed: one line, controls made visible.
		if m.view.Filtering && len(m.view.FilterInput) < 300 {
			m.view.FilterInput += analyzers.SanitizeLine(strings.ReplaceAll(strings.TrimRight(msg.Content, "\r\n"), "\r\n", "\n"))
		}
		return m, nil
	case logMsg:
		if !msg.ok {
			if _, ok := m.states["log"]; !ok {
				m.setState(sources.SourceState{Source: "log", Health: sources.HealthUnavailable, Detail: "ended"})
			}
			m.feeds.Log = nil
			now := m.set.Clock()
			if ended, apart := m.settleClock(now), m.settleHost(now); ended || apart {
				return m, m.arrived(nil)
			}
			return m, nil
		}
		m.takeBatch(msg.b)
		m.settleClock(m.set.Clock())
		m.settleHost(m.set.Clock())
		if len(msg.b.Records) == 0 && msg.b.State == nil && msg.b.Progress == nil && msg.b.Dropped == m.eng.DroppedRecords {
			return m, m.waitLog()
		}
		return m, m.arrived(m.waitLog())
	case queueMsg:
		if !msg.ok {
			m.feeds.Queue = nil
			return m, nil
		}
		m.in.queue(msg.ev)
		return m, m.arrived(m.waitQueue())
	case configMsg:
		if !msg.ok {
			m.feeds.Config = nil
			return m, nil
		}
		m.in.config(msg.ev)
		m.settleHost(m.set.Clock())
		return m, m.arrived(m.waitConfig())
	case machineMsg:
		if !msg.ok {
			m.feeds.Machine = nil
			return m, nil
		}
		before := m.states["machine"].Health
		m.in.machine(msg.ev)
		// Machine readings come every 2 s and always move a little: they
		// are drawn with the next rebuild, which new log lines, a key or
		// the idle refresh bring, and do not cause one themselves unless
		// the source's health changed.
		if m.states["machine"].Health != before {
			m.dirty = true
		}
		return m, m.waitMachine()
	case tickMsg:
		m.dirty = true // a tick from outside redraws
		m.onTick()
		return m, nil
	case scheduledTick:
		if msg.gen != m.tickGen {
			return m, nil
		}
		m.onTick()
		return m, m.tick()
	case startedMsg:
		if m.feeds.Started != nil {
			m.feeds.Started()
			m.feeds.Started = nil
		}
		return m, nil
	case askedMsg:
		return m, m.answer(msg)
	case actionDoneMsg:
		m.runs.seen()
		return m, m.actionDone(msg)
	case configDoneMsg:
		m.runs.seen()
		m.configDone(msg)
		return m, nil
	case queueNowMsg:
		m.in.queue(msg.ev)
		m.rebuild()
		return m, nil
	case snapshotMsg:
		m.snaps.shown(msg.id)
		if msg.err != nil {
			m.flash("snapshot failed: " + msg.err.Error())
		} else {
			m.view.SnapshotPath = msg.path
			const written = "snapshot written: "
			why := ""
			if msg.fellBack != "" {
				why = " (" + msg.fellBack + ")"
			}
			// The file's name is what tells one snapshot from another: a
			// path too long for the status bar loses its first
			// directories, not its end. The bar keeps room for "? help".
			room := max(24, m.view.Width-len(written)-len(why)-len(" │ ? help"))
			if msg.fellBack != "" && len(msg.path) > room {
				// Written elsewhere than asked, where it went is the
				// directory: the name the bar would keep is no use
				// without it.
				const to = "snapshot written to "
				dir := homeShort(filepath.Dir(msg.path)) + string(filepath.Separator)
				room = max(24, m.view.Width-len(to)-len(why)-len(" │ ? help"))
				m.flash(to + ui.CutLeft(dir, room) + why)
				return m, nil
			}
			m.flash(written + ui.CutLeft(msg.path, room) + why)
			// Cut again beside a filter or a bad source, it keeps its
			// start and the name.
			m.view.FlashHead = len(written)
		}
		return m, nil
	}
	return m, nil
}

// takeBatch feeds a batch to the analyzers; paused, it only counts it.
func (m *Model) takeBatch(b sources.LogBatch) {
	if b.Progress != nil {
		m.progress = b.Progress
	}
	m.in.batch(b)
	if len(b.Records) > 0 {
		m.lineWall = m.wall()
	}
	m.events += len(b.Records)
	m.fed += len(b.Records)
	if m.view.Paused {
		m.view.PausedNew += len(b.Records)
	}
}

// sampleRate takes the events-per-second sample when at least every has
// passed since the last one, and says whether the rate changed.
func (m *Model) sampleRate(now time.Time, every time.Duration) bool {
	dt := now.Sub(m.rateSince)
	if dt < every {
		return false
	}
	rate := float64(m.events) / dt.Seconds()
	changed := rate != m.eventsRate
	m.eventsRate, m.events, m.rateSince = rate, 0, now
	return changed
}

// The events rate is sampled when the screen is rebuilt for new data, at
// most once a second; the tick samples it only when no rebuild has for
// rateQuiet, so the rate falls to zero when the lines stop without a
// rebuild of its own each second while they flow.
const rateQuiet = 2 * time.Second

func (m *Model) onTick() {
	now := m.set.Clock()
	if m.sampleRate(now, rateQuiet) {
		m.dirty = true
	}
	if !m.flashUntil.IsZero() && time.Now().After(m.flashUntil) {
		m.view.Flash, m.flashUntil = "", time.Time{}
		m.frameValid = false
	}
	if m.settleClock(now) {
		m.dirty = true
	}
	if m.settleHost(now) {
		m.dirty = true
	}
	if !m.logEnded && now.After(m.eng.Now) {
		m.eng.Now = now
	}
	busy := m.dirty || m.events > 0 || m.eventsRate > 0 || !m.flashUntil.IsZero()
	if !m.view.Paused && (m.dirty || now.Sub(m.lastBuild) >= idleRefresh) {
		m.rebuild()
	}
	// Nothing moved since the last tick: tick slowly until something does.
	m.slowTick = !busy
}

// logClockWindow is how old a log's last line may be, when its backlog has
// been read, for the view to stay on the wall's clock: the destinations'
// error rate window. Past it every rate the view shows would be zero.
const logClockWindow = rateWindow * time.Minute

// settleClock decides, once the backlog has been read (the source says so,
// or it ended, or a source without a backlog's progress has gone quiet),
// whether the log ended before the rate window: then the view runs on its
// last line's time. A line with a current time returns the view to the
// wall's clock for good: a live log that pauses stays on it. It reports
// whether the view's clock changed.
func (m *Model) settleClock(now time.Time) bool {
	was := m.logEnded
	if m.logEnded && now.Sub(m.eng.Latest) <= logClockWindow {
		m.logEnded = false
	}
	if !m.judged && !m.eng.Latest.IsZero() && m.backlogRead() {
		m.judged = true
		m.logEnded = now.Sub(m.eng.Latest) > logClockWindow
	}
	if m.logEnded {
		// The tick may have moved the engine's clock to now while the
		// backlog was read.
		m.eng.Now = m.eng.Latest
	}
	return m.logEnded != was
}

// wholeLog is whether the hints judge the whole log, as `mxtop report`
// does: for a log that ended (the view runs on its last line) or that
// spans less than the hints' window. Over the window's quarter of an hour
// such a log's rates would be diluted by minutes it does not cover, and
// rules that divide by the log's span would outrank the rest.
func (m *Model) wholeLog() bool {
	e := m.eng
	return m.logEnded || !e.First.IsZero() && e.Now.Sub(e.First) < analyzers.HintWindow*time.Minute
}

// settleHost leaves this host's queue and machine out of the view, as the
// report leaves them out, while the log is too old for them to describe
// it (hostApart: its last line, the view's clock, is more than an hour
// before now) or its lines carry no time; a line with a current time
// brings them back. It reports whether that changed.
func (m *Model) settleHost(now time.Time) bool {
	apart := !m.in.hostLog && (m.logEnded && hostApart(m.eng.Latest, now) ||
		m.eng.Postfix > 0 && m.eng.Latest.IsZero() && m.backlogRead())
	changed := m.in.setHostApart(apart)
	if changed && apart && m.in.leftOut(m.flashSource) {
		// Their trouble now is not the log's: it gives way to the
		// log's age.
		m.view.Flash, m.flashUntil, m.flashSource = "", time.Time{}, ""
	}
	return changed
}

// leftOutSources names the sources whose readings are left out beside an
// old log: the status bar does not list them, as their panes say why.
func (m *Model) leftOutSources() []string {
	if !m.in.hostApart {
		return nil
	}
	var out []string
	for _, s := range []string{"machine", "queue"} {
		if m.in.leftOut(s) {
			out = append(out, s)
		}
	}
	return out
}

// backlogRead says whether the log's backlog has been read: its source
// said so or ended, or, for a source that reports no progress (stdin,
// the journal), no line has come for a while.
func (m *Model) backlogRead() bool {
	switch {
	case m.feeds.Log == nil:
		return true
	case m.progress != nil:
		return m.progress.Finished
	}
	return m.wall().Sub(m.lineWall) >= rateQuiet
}

func (m *Model) flash(s string) {
	m.view.Flash, m.view.FlashHead = s, 0
	m.flashUntil = time.Now().Add(5 * time.Second)
	m.flashHealth, m.flashSource = sources.HealthOK, ""
}

// flashState shows a source that turned bad unless the flash shows another
// source's state that matters more: a worse health, or an equally bad one
// of a more important source (sourceWeight). The log's reason for an empty
// screen must not give way to the machine sampler's finding no Postfix a
// moment later. The shown source's own new state always replaces its old.
func (m *Model) flashState(s sources.SourceState) {
	if time.Now().Before(m.flashUntil) && m.flashHealth != sources.HealthOK && m.flashSource != s.Source {
		shown, next := badness(m.flashHealth), badness(s.Health)
		if shown > next || shown == next && sourceWeight(m.flashSource) > sourceWeight(s.Source) {
			return
		}
	}
	m.flash(s.String())
	m.flashHealth, m.flashSource = s.Health, s.Source
}

// clearFlashOf clears the flash when it shows s's source as unhealthy:
// the source is back.
func (m *Model) clearFlashOf(s sources.SourceState) {
	if m.flashSource == s.Source && m.flashHealth != sources.HealthOK {
		m.view.Flash, m.view.FlashHead = "", 0
		m.flashUntil = time.Time{}
		m.flashHealth, m.flashSource = sources.HealthOK, ""
	}
}

// badness orders the healths from ok to unavailable.
func badness(h sources.Health) int {
	switch h {
	case sources.HealthDegraded:
		return 1
	case sources.HealthWaiting:
		return 2
	case sources.HealthUnavailable:
		return 3
	}
	return 0
}

// sourceWeight orders the sources by what an admin loses without them:
// no log is no diagnosis; the configuration explains the hints; the queue
// shows what waits; the machine's load is the least of them.
func sourceWeight(source string) int {
	switch source {
	case "log":
		return 4
	case "config":
		return 3
	case "queue":
		return 2
	case "machine":
		return 1
	}
	return 0
}

// sourceNames are the sources in the order the screen, snapshots and
// reports list their states.
var sourceNames = []string{"log", "queue", "config", "machine"}

// orderedStates lists the sources' states in that order.
func orderedStates(states map[string]sources.SourceState) []sources.SourceState {
	var out []sources.SourceState
	for _, name := range sourceNames {
		if s, ok := states[name]; ok {
			out = append(out, s)
		}
	}
	return out
}

// rebuild freezes the analyzers' state into what the screen shows.
func (m *Model) rebuild() {
	m.sampleRate(m.set.Clock(), time.Second)
	m.data = BuildData(m.eng, m.query.Sort, m.view.Filter, m.reportStates(), m.wholeLog())
	m.data.LeftOut = m.leftOutSources()
	if m.set.Shared != nil {
		// Scrapes read the hints of the last tick: evaluating them moves
		// their hysteresis.
		m.set.Shared.Hints = m.data.Hints
	}
	m.data.EventsPerSec = m.eventsRate
	m.data.Dropped = m.eng.DroppedRecords
	m.data.Failed, m.data.HintsFailed = m.eng.Failures.Lines, m.eng.Failures.Hints
	m.data.Progress = m.progress
	if m.logEnded {
		m.data.LogEnded, m.data.LogEndedAgo = m.eng.Latest, m.set.Clock().Sub(m.eng.Latest)
	}
	if m.in.hostApart {
		m.data.HostApart = hostApartWhy(m.eng.Latest, m.set.Clock(), false)
	}
	if q, st := m.data.Queue.Snapshot, m.states["queue"]; q != nil && st.Health == sources.HealthUnavailable {
		// The last reading stays on screen, marked as the last one.
		m.data.Queue.Failed, m.data.Queue.ReadAgo = st.Detail, m.set.Clock().Sub(q.Time)
	}
	m.detailSnippet()
	m.frameValid = false
	m.dirty = false
	m.lastBuild = m.set.Clock()
	m.builtWall, m.builtFed = m.wall(), m.fed
}

// detailSnippet gives the destination whose detail is open its throttling
// snippet when no hint made one: computed for that one row, not for every
// row on every tick.
func (m *Model) detailSnippet() {
	dom := m.query.Throttle
	if dom == "" || dom == analyzers.OtherDomain {
		return
	}
	for i := range m.data.Dests {
		d := &m.data.Dests[i]
		if d.Domain != dom {
			continue
		}
		if d.Snippet == nil && d.Deferred+d.Bounced > 0 {
			d.Snippet = m.eng.StepsForHost(m.eng.ThrottleSnippet(dom, m.wholeLog()))
		}
		ds, why := m.eng.DrainEstimates(dom)
		for _, dr := range ds {
			d.Drain = append(d.Drain, dr.String())
		}
		if len(ds) == 0 && d.Deferred > 0 {
			d.Drain = []string{why}
		}
		d.Effect = m.effect(dom)
	}
}

func (m *Model) focusStep(dir int) {
	n := int(ui.NumPanes)
	for i := 1; i <= n; i++ {
		p := ui.PaneID((int(m.view.Focus) + dir*i + 2*n) % n)
		if m.view.Visible[p] {
			m.view.Focus = p
			return
		}
	}
}

// helpScroll is how far a movement key scrolls the help (ScrollHelp keeps
// it within what there is to show); other keys close it.
func (m *Model) helpScroll(msg tea.KeyPressMsg) (int, bool) {
	k, page := m.keys, max(1, m.view.Height-4)
	switch {
	case key.Matches(msg, k.Home):
		return -1 << 20, true
	case key.Matches(msg, k.End):
		return 1 << 20, true
	case key.Matches(msg, k.Down):
		return 1, true
	case key.Matches(msg, k.Up):
		return -1, true
	case key.Matches(msg, k.PgDn):
		return page, true
	case key.Matches(msg, k.PgUp):
		return -page, true
	}
	return 0, false
}

// key handles a key press: the filter prompt and help take every key while
// open; then come the pane toggles, the screen-wide keys, the focused
// pane's own keys, and last esc and the movement keys (which the focused
// pane interprets).
func (m *Model) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	switch {
	case m.view.Confirm != nil:
		return m, m.confirmKey(msg)
	case m.view.Filtering:
		return m, m.filterKey(msg)
	case m.view.Help:
		// A movement key scrolls the help, or does nothing when it fits:
		// it never closes it. q closes the help as any other key does;
		// ctrl+c quits.
		if delta, ok := m.helpScroll(msg); ok {
			ui.ScrollHelp(&m.data, &m.view, m.styles, m.keys, delta)
			return m, nil
		}
		m.view.Help = false
		if msg.String() == "ctrl+c" {
			return m, m.quit()
		}
		return m, nil
	}
	for id, b := range k.Panes {
		if key.Matches(msg, b) {
			m.toggle(ui.PaneID(id))
			return m, nil
		}
	}
	if done, cmd := m.screenKey(msg); done {
		return m, cmd
	}
	if m.paneKey(msg) {
		cmd := m.asked
		m.asked = nil
		return m, cmd
	}
	if key.Matches(msg, k.Back) {
		if m.view.Zoom {
			m.view.Zoom = false
		} else {
			m.view.Filter = ""
		}
		return m, nil
	}
	m.moveKey(msg)
	return m, nil
}

// screenKey handles the screen-wide keys; done is false for any other.
func (m *Model) screenKey(msg tea.KeyPressMsg) (done bool, cmd tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		return true, m.quit()
	case key.Matches(msg, k.Help):
		m.view.Help, m.view.HelpTop = true, 0
	case key.Matches(msg, k.Next):
		m.focusStep(1)
	case key.Matches(msg, k.Prev):
		m.focusStep(-1)
	case key.Matches(msg, k.Zoom):
		m.view.Zoom = !m.view.Zoom
	case key.Matches(msg, k.Filter):
		m.view.Filtering, m.view.FilterInput = true, m.view.Filter
	case key.Matches(msg, k.Pause):
		m.view.Paused = !m.view.Paused
		m.view.PausedNew = 0
		if !m.view.Paused {
			m.rebuild()
		}
	case key.Matches(msg, k.Snapshot):
		return true, m.snapshot()
	case key.Matches(msg, k.Undo):
		return true, m.planUndo()
	default:
		return false, nil
	}
	return true, nil
}

func (m *Model) quit() tea.Cmd {
	m.quitting = true
	return tea.Quit
}

// toggle shows or hides a pane; a shown pane takes the focus, a hidden
// one passes it on. A pane left out of a short screen is not on it: its
// key brings it into view (the focused pane is kept) as the status bar's
// "hidden:" promises, rather than hide it unseen.
func (m *Model) toggle(id ui.PaneID) {
	if slices.Contains(ui.LeftOut(m.view.Width, m.view.Height-1, m.view.Visible, m.view.Focus, m.view.Zoom), id) {
		m.view.Focus = id
		return
	}
	m.view.Show(id, !m.view.Visible[id])
	if m.view.Visible[id] {
		m.view.Focus = id
	} else if m.view.Focus == id {
		m.focusStep(1)
	}
}

func (m *Model) ctx() *ui.Ctx {
	return &ui.Ctx{Data: &m.data, Filter: m.view.Filter, Styles: m.styles, Query: &m.query,
		Act: func(r ui.Request) { m.asked = m.request(r) }}
}

// paneKey gives the key to the focused pane. When the pane changed the
// query, the data follows at once: a new sort rebuilds it, a newly opened
// detail gets its snippet.
func (m *Model) paneKey(msg tea.KeyPressMsg) bool {
	before := m.query
	if !m.view.Visible[m.view.Focus] || !m.view.Focused().Key(msg, m.ctx()) {
		return false
	}
	m.queryChanged(before)
	return true
}

func (m *Model) queryChanged(before ui.Query) {
	switch {
	case m.query.Sort != before.Sort:
		m.rebuild()
	case m.query.Throttle != before.Throttle:
		m.detailSnippet()
	}
}

// moveKey moves the focused pane's selection or scrolls it. pgup/pgdn
// move by the lines the pane shows, so that a small pane's open detail
// skips none (a fixed 10 skipped four of a six-line pane's); a page of one
// line still moves by two, as a page and not a row.
func (m *Model) moveKey(msg tea.KeyPressMsg) {
	k := m.keys
	delta, page := 0, 0
	switch {
	case key.Matches(msg, k.Up):
		delta = -1
	case key.Matches(msg, k.Down):
		delta = 1
	case key.Matches(msg, k.PgUp):
		page = -1
	case key.Matches(msg, k.PgDn):
		page = 1
	case key.Matches(msg, k.Home):
		delta = -1 << 20
	case key.Matches(msg, k.End):
		delta = 1 << 20
	}
	if delta == 0 && page == 0 || !m.view.Visible[m.view.Focus] {
		return
	}
	room, rows := ui.PaneRows(&m.data, &m.view, m.styles, m.view.Focus)
	if page != 0 {
		delta = page * max(2, rows)
	}
	before := m.query
	c := m.ctx()
	c.Room = room
	m.view.Focused().Move(c, delta)
	m.queryChanged(before)
}

// filterKey edits the filter prompt.
func (m *Model) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "enter":
		m.view.Filter, m.view.Filtering = m.view.FilterInput, false
	case "esc":
		m.view.Filtering = false
	case "backspace":
		if r := []rune(m.view.FilterInput); len(r) > 0 {
			m.view.FilterInput = string(r[:len(r)-1])
		}
	case "ctrl+c":
		return m.quit()
	default:
		if msg.Text != "" {
			m.view.FilterInput += msg.Text
		}
	}
	return nil
}

// snapshot freezes what to write now (in Update, where the state is
// consistent) and returns a command that writes it (off the UI loop).
func (m *Model) snapshot() tea.Cmd {
	md, js, err := m.snapshotContent()
	if err != nil {
		return func() tea.Msg { return snapshotMsg{err: err} }
	}
	dir, host, now := m.set.SnapshotDir, m.set.Host, time.Now().UTC()
	id := m.snaps.start()
	return func() tea.Msg {
		path, fellBack, err := WriteSnapshot(dir, host, now, md, js)
		// The admin reads where it went after leaving mxtop, from
		// another directory: "./mxtop-…" would not tell them.
		if abs, aerr := filepath.Abs(path); err == nil && aerr == nil {
			path = abs
		}
		msg := snapshotMsg{id: id, path: path, fellBack: fellBack, err: err}
		m.snaps.done(msg)
		return msg
	}
}

// runWrites follows the action or change running off the UI loop (one
// at a time): the program may end (a signal) before it does, and
// SettleRuns then stops it, waits for it, and records how it ended.
type runWrites struct {
	wg     sync.WaitGroup
	mu     sync.Mutex
	result tea.Msg // its done message, until Update takes it
}

func (w *runWrites) start() { w.wg.Add(1) }

func (w *runWrites) done(msg tea.Msg) {
	w.mu.Lock()
	w.result = msg
	w.mu.Unlock()
	w.wg.Done()
}

func (w *runWrites) seen() {
	w.mu.Lock()
	w.result = nil
	w.mu.Unlock()
}

// SettleRuns stops the action or change still running when the screen
// stopped, waits for it at most timeout (an apply stopped before its
// reload puts its backup back), writes its audit record, and says on out
// how it ended. Call it after Run.
func (m *Model) SettleRuns(out io.Writer, timeout time.Duration) {
	if m.stopRun != nil {
		m.stopRun()
	}
	if !waitAtMost(&m.runs.wg, timeout) {
		fmt.Fprintf(out, "mxtop: an action was still running after %v: see %s\n", timeout, filepath.Join(m.set.SnapshotDir, AuditName))
		return
	}
	m.runs.mu.Lock()
	msg := m.runs.result
	m.runs.mu.Unlock()
	if msg == nil {
		return
	}
	m.Update(msg) // the audit record and the flash, as on the screen
	fmt.Fprintln(out, "mxtop:", m.view.Flash)
}

// waitAtMost waits for wg, at most d; it tells whether wg was done.
func waitAtMost(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// snapshotWrites follows the snapshots written off the UI loop: the
// program may end (s and q typed together) before a write does, and
// SettleSnapshots then waits for it and says where it went.
type snapshotWrites struct {
	wg     sync.WaitGroup
	mu     sync.Mutex
	next   int
	unseen map[int]snapshotMsg // written, not yet on the screen
}

func (w *snapshotWrites) start() int {
	w.wg.Add(1)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.next++
	return w.next
}

func (w *snapshotWrites) done(msg snapshotMsg) {
	w.mu.Lock()
	if w.unseen == nil {
		w.unseen = map[int]snapshotMsg{}
	}
	w.unseen[msg.id] = msg
	w.mu.Unlock()
	w.wg.Done()
}

func (w *snapshotWrites) shown(id int) {
	w.mu.Lock()
	delete(w.unseen, id)
	w.mu.Unlock()
}

// SettleSnapshots waits, at most timeout, for the snapshots still being
// written when the screen stopped, and writes to out where each went (or
// why it failed), as the status bar would have. Call it after Run.
func (m *Model) SettleSnapshots(out io.Writer, timeout time.Duration) {
	w := &m.snaps
	waitAtMost(&w.wg, timeout)
	w.mu.Lock()
	defer w.mu.Unlock()
	ids := make([]int, 0, len(w.unseen))
	for id := range w.unseen {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		msg := w.unseen[id]
		delete(w.unseen, id)
		switch {
		case msg.err != nil:
			fmt.Fprintln(out, "mxtop: snapshot failed:", msg.err)
		case msg.fellBack != "":
			fmt.Fprintf(out, "mxtop: snapshot written: %s (%s)\n", msg.path, msg.fellBack)
		default:
			fmt.Fprintln(out, "mxtop: snapshot written:", msg.path)
		}
	}
}

// Engine exposes the analyzers (for tests and the headless path).
func (m *Model) Engine() *analyzers.Engine { return m.eng }

// ViewState exposes the view state (for tests).
func (m *Model) ViewState() ui.ViewState { return m.view }

// Data exposes the frozen screen data (for tests).
func (m *Model) Data() ui.Data { return m.data }

// Run starts the program on the terminal; it returns when the user quits,
// ctx ends (SIGHUP) or a signal arrives. The terminal is restored in every
// case, panics included (Bubble Tea catches them).
func Run(ctx context.Context, m *Model) error {
	// The screen only changes on the refresh tick or a key: a renderer at
	// twice the tick rate keeps keys snappy (100 ms at worst) without 60
	// wakeups a second, which an idle screen would pay for nothing.
	fps := rendererFPS(m.set.Refresh)
	// SIGINT and SIGTERM end ctx (the caller's handler): a second handler
	// in Bubble Tea would race it and can block its shutdown forever,
	// sending to an event loop that ctx already stopped.
	//
	// Lip Gloss detected the terminal's colour profile when the program
	// started; Bubble Tea would detect it again, and inside tmux that runs
	// `tmux info`, a process launch in front of the first frame.
	//
	// The end of ctx asks the program to quit as a key does: Bubble Tea
	// then waits for its input reader to stop before it closes the
	// terminal's descriptor, which it skips when its own context ends
	// (the reader would still be polling the descriptor being closed).
	// Should quitting stall (a terminal that takes no more output), the
	// program's context ends it after quitGrace.
	tctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := tea.NewProgram(m, tea.WithContext(tctx), tea.WithFPS(fps), tea.WithoutSignalHandler(),
		tea.WithColorProfile(lipgloss.Writer.Profile))
	go func() {
		select {
		case <-ctx.Done():
		case <-tctx.Done():
			return
		}
		p.Quit()
		select {
		case <-time.After(quitGrace):
			cancel()
		case <-tctx.Done():
		}
	}()
	_, err := p.Run()
	return runErr(ctx, err)
}

// quitGrace is how long a program asked to quit by a signal has before it
// is stopped.
const quitGrace = 2 * time.Second

// rendererFPS is how many times a second Bubble Tea's renderer looks for
// a new frame to write: twice the refresh rate, 10 to 60.
func rendererFPS(refresh time.Duration) int {
	return max(10, min(int(2*time.Second/refresh), 60))
}

// runErr is the program's error as Run reports it: none when the user or
// ctx ended it (ctrl+c while the prompt has the keys, SIGHUP).
func runErr(ctx context.Context, err error) error {
	if err == nil || ctx.Err() != nil || errors.Is(err, tea.ErrInterrupted) {
		return nil
	}
	return fmt.Errorf("terminal: %w", err)
}

// homeShort writes a path under the home directory with ~, as a shell
// would take it back.
func homeShort(p string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" || home == "/" {
		return p
	}
	if rest, ok := strings.CutPrefix(p, home); ok && (rest == "" || rest[0] == filepath.Separator) {
		return "~" + rest
	}
	return p
}
