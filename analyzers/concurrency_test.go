package analyzers

import (
	"math/rand/v2"
	"testing"
	"time"
)

// The estimate counts each process seen in the ten seconds before now
// once, however the ring holds them: as a plain count of distinct pids.
func TestConcurrencyEstimateCountsDistinctPids(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	now := time.Unix(1_800_000_000, 0)
	for k := 0; k < 2000; k++ {
		var d Dest
		for i := range d.pids {
			if rng.IntN(5) == 0 {
				continue // an empty slot
			}
			d.pids[i] = pidSeen{pid: 1 + rng.IntN(1+k%40) + k%3*100000, t: now.Unix() - int64(rng.IntN(14)) + 1}
		}
		want := map[int]bool{}
		for _, p := range d.pids {
			if p.pid != 0 && p.t >= now.Unix()-10 && p.t <= now.Unix() {
				want[p.pid] = true
			}
		}
		if got := d.ConcurrencyEstimate(now); got != len(want) {
			t.Fatalf("ring %v: estimate %d, want %d", d.pids, got, len(want))
		}
	}
}
