package sources

import (
	"context"
	"maps"
)

// The machine sample's costly part is finding Postfix's processes (a read
// of /proc/<pid>/stat for every process), reading their details and
// listing sockets. It is sampled less often while it does not change: the
// probe repeats the last result for up to Backoff intervals, the streak
// growing 1, 2, 4... while readings come back the same, and samples every
// interval again as soon as one differs. A process's command line and
// descriptor limit are read once per process, not once per sample.

// procPart is the process and socket half of a reading.
type procPart struct {
	MasterPID                          int32
	MasterFDs                          int
	MasterFDLimit                      uint64
	PostfixProcs, PostfixFDs           int
	PostfixFDLimit                     uint64
	Services                           map[string]int
	Outbound, OutboundSynSent, Inbound map[string]int
	Unreadable                         []string
}

func takeProcPart(r *MachineReading, unreadFrom int) procPart {
	return procPart{r.MasterPID, r.MasterFDs, r.MasterFDLimit, r.PostfixProcs, r.PostfixFDs, r.PostfixFDLimit,
		r.Services, r.Outbound, r.OutboundSynSent, r.Inbound, append([]string(nil), r.Unreadable[unreadFrom:]...)}
}

func (p procPart) put(r *MachineReading) {
	r.MasterPID, r.MasterFDs, r.MasterFDLimit = p.MasterPID, p.MasterFDs, p.MasterFDLimit
	r.PostfixProcs, r.PostfixFDs, r.PostfixFDLimit = p.PostfixProcs, p.PostfixFDs, p.PostfixFDLimit
	r.Services, r.Outbound = maps.Clone(p.Services), maps.Clone(p.Outbound)
	r.OutboundSynSent, r.Inbound = maps.Clone(p.OutboundSynSent), maps.Clone(p.Inbound)
	r.Unreadable = append(r.Unreadable, p.Unreadable...)
}

func (p procPart) equal(q procPart) bool {
	return p.MasterPID == q.MasterPID && p.MasterFDs == q.MasterFDs && p.MasterFDLimit == q.MasterFDLimit &&
		p.PostfixProcs == q.PostfixProcs && p.PostfixFDs == q.PostfixFDs && p.PostfixFDLimit == q.PostfixFDLimit &&
		maps.Equal(p.Services, q.Services) && maps.Equal(p.Outbound, q.Outbound) &&
		maps.Equal(p.OutboundSynSent, q.OutboundSynSent) && maps.Equal(p.Inbound, q.Inbound) &&
		len(p.Unreadable) == len(q.Unreadable)
}

// procBackoff holds the last process half and how many samples to skip.
type procBackoff struct {
	last   procPart
	have   bool
	streak int // samples in a row that came back the same
	skip   int // samples still to repeat the last result for
}

// readProcPart fills the process half of r, sampling or repeating.
func (m *MachineProbe) readProcPart(ctx context.Context, r *MachineReading, note func(string, error)) {
	b := &m.backoff
	if m.Backoff > 0 && b.have && b.skip > 0 {
		b.skip--
		b.last.put(r)
		return
	}
	from := len(r.Unreadable)
	m.readProcesses(ctx, r, note)
	// Without a process that could hold one there is no SMTP connection
	// of Postfix's to count, and listing the machine's sockets walks the
	// kernel's whole TCP table: an idle Postfix is not charged for it.
	if m.connHolders != 0 {
		m.readSockets(ctx, r, note)
	}
	part := takeProcPart(r, from)
	if b.have && part.equal(b.last) {
		b.streak++
	} else {
		b.streak = 0
	}
	b.last, b.have = part, true
	b.skip = min((1<<min(b.streak, 16))-1, m.Backoff)
}

// procDetail is what does not change over a process's life.
type procDetail struct {
	start   string // start time in clock ticks, telling a reused pid
	name    string // the name in stat, telling an exec
	cmdline []string
	fdLimit uint64
}
