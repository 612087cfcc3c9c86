package analyzers

import (
	"fmt"
	"testing"

	"mxtop/sources"
)

// privateFailedHop runs on every hint evaluation, once a second live:
// over many destinations it reads each one's line in place, without
// copying the lines gathered so far for every destination.
func TestPrivateFailedHopDoesNotCopyPerDestination(t *testing.T) {
	e := NewEngine(5000)
	var lines []string
	for i := range 2000 {
		lines = append(lines, refusedAt(i%600, fmt.Sprintf("d%d.example", i), "relay.lan", "10.0.0.7", 25, "Connection timed out"))
	}
	feedInto(e, lines...)
	classes := []sources.Class{sources.ClassConnectTimeout}
	c := &hintCtx{e: e, now: e.Now}
	hop, ip := privateFailedHop(c, classes)
	if hop != "relay.lan[10.0.0.7]" || ip != "10.0.0.7" {
		t.Fatalf("hop %q %q", hop, ip)
	}
	if n := testing.AllocsPerRun(5, func() { privateFailedHop(c, classes) }); n > 10 {
		t.Errorf("%.0f allocations over %d destinations", n, len(c.classDests(sources.ClassConnectTimeout)))
	}
	// One destination elsewhere is no private next hop.
	feedInto(e, refusedAt(601, "public.example", "mx.public.example", "192.0.2.9", 25, "Connection timed out"))
	c = &hintCtx{e: e, now: e.Now}
	if hop, ip := privateFailedHop(c, classes); hop != "" || ip != "" {
		t.Errorf("hop %q %q with a public address among them", hop, ip)
	}
}
