// Package analyzers turns parsed records and source readings into the
// answers an admin needs: which destinations fail and why, concurrency
// against limits, load, queue trends, upgrades, and ranked hints. It does
// no I/O; time is the records' own (event time), so a replay gives the same
// answers as the live run did.
package analyzers

import "time"

// WindowMinutes is how far back rates and sparklines look.
const WindowMinutes = 16

// MinuteRing counts events per minute of event time over the last
// WindowMinutes minutes.
type MinuteRing struct {
	counts [WindowMinutes]uint32
	minute [WindowMinutes]int64 // unix minute each slot holds
}

// Add counts n events at t.
func (m *MinuteRing) Add(t time.Time, n uint32) {
	if t.IsZero() {
		return // a line without a time (pasted) belongs to no minute
	}
	min := t.Unix() / 60
	i := int(min % WindowMinutes)
	if i < 0 {
		i += WindowMinutes
	}
	if m.minute[i] != min {
		m.minute[i], m.counts[i] = min, 0
	}
	m.counts[i] += n
}

// Sum returns the events in the last n minutes up to now (the current,
// partial minute included).
func (m *MinuteRing) Sum(now time.Time, n int) uint32 {
	cur := now.Unix() / 60
	var s uint32
	for i := range m.counts {
		if age := cur - m.minute[i]; age >= 0 && age < int64(n) {
			s += m.counts[i]
		}
	}
	return s
}

// Rate is events per minute over the last n minutes.
func (m *MinuteRing) Rate(now time.Time, n int) float64 {
	return float64(m.Sum(now, n)) / float64(n)
}

// Series returns the last n minutes, oldest first.
func (m *MinuteRing) Series(now time.Time, n int) []float64 {
	cur := now.Unix() / 60
	out := make([]float64, n)
	for i := range m.counts {
		if age := cur - m.minute[i]; age >= 0 && age < int64(n) {
			out[n-1-int(age)] = float64(m.counts[i])
		}
	}
	return out
}

// delayBounds are the upper bounds (seconds) of the delay histogram.
var delayBounds = [...]float64{0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 43200, 86400, 172800, 432000}

// DelayHist is a fixed log-spaced histogram of delivery delays.
type DelayHist struct {
	counts [len(delayBounds) + 1]uint32
	n      uint32
}

// Add records one delay in seconds.
func (h *DelayHist) Add(d float64) {
	i := 0
	for i < len(delayBounds) && d > delayBounds[i] {
		i++
	}
	h.counts[i]++
	h.n++
}

// Quantile returns the upper bound of the bucket holding quantile q
// (0..1); 0 when empty.
func (h *DelayHist) Quantile(q float64) float64 {
	if h.n == 0 {
		return 0
	}
	want := uint32(q*float64(h.n) + 0.5)
	if want < 1 {
		want = 1
	}
	var c uint32
	for i, n := range h.counts {
		c += n
		if c >= want {
			if i < len(delayBounds) {
				return delayBounds[i]
			}
			return delayBounds[len(delayBounds)-1] * 2
		}
	}
	return 0
}

// Merge adds another histogram's counts.
func (h *DelayHist) Merge(o *DelayHist) {
	for i := range h.counts {
		h.counts[i] += o.counts[i]
	}
	h.n += o.n
}

// MinuteMin keeps the lowest value noted in each minute of event time over
// the last WindowMinutes minutes.
type MinuteMin struct {
	low    [WindowMinutes]int
	minute [WindowMinutes]int64 // unix minute each slot holds
}

// Note notes v at t.
func (m *MinuteMin) Note(t time.Time, v int) {
	if t.IsZero() {
		return
	}
	min := t.Unix() / 60
	i := int(min % WindowMinutes)
	if i < 0 {
		i += WindowMinutes
	}
	if m.minute[i] != min || v < m.low[i] {
		m.minute[i], m.low[i] = min, v
	}
}

// Min is the lowest value noted in the last n minutes up to now, 0 when
// none was.
func (m *MinuteMin) Min(now time.Time, n int) int {
	cur := now.Unix() / 60
	low := 0
	for i := range m.low {
		if age := cur - m.minute[i]; age >= 0 && age < int64(n) && (low == 0 || m.low[i] < low) {
			low = m.low[i]
		}
	}
	return low
}
