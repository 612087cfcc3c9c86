package main

import (
	"bufio"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A report's heap is grown once and marked for transparent huge pages:
// the range lies in a VMA whose flags say so ("hg"), and so does the heap
// below it in the same 4 MiB chunk.
func TestHugeHeapMarksTheHeap(t *testing.T) {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || strings.Contains(string(b), "[never]") {
		t.Skipf("no transparent huge pages here: %q %v", b, err)
	}
	low, start, end, ok := hugeHeap(16 << 20)
	if !ok {
		t.Fatal("hugeHeap marked nothing")
	}
	if end-start < 4<<20 {
		t.Fatalf("marked %d bytes of 16 MiB", end-start)
	}
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	if low > start || start-low > 4<<20 {
		t.Fatalf("the heap below %#x from %#x: not in its 4 MiB chunk", start, low)
	}
	var in, marked [2]bool
	at := [2]uintptr{start, low}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := vmaRange(line); ok {
			for i, a := range at {
				in[i] = lo <= a && a < hi
			}
			continue
		}
		if strings.HasPrefix(line, "VmFlags:") {
			for i := range at {
				if in[i] {
					marked[i] = strings.Contains(line, " hg")
				}
			}
		}
	}
	for i, a := range at {
		if !marked[i] {
			t.Errorf("the VMA holding %#x lacks the huge page flag", a)
		}
	}
}

// vmaRange reads the "lo-hi perms ..." head of a VMA in smaps.
func vmaRange(line string) (lo, hi uintptr, ok bool) {
	addr, _, found := strings.Cut(line, " ")
	l, h, dash := strings.Cut(addr, "-")
	if !found || !dash {
		return 0, 0, false
	}
	a, err1 := strconv.ParseUint(l, 16, 64)
	b, err2 := strconv.ParseUint(h, 16, 64)
	return uintptr(a), uintptr(b), err1 == nil && err2 == nil
}

// The probe times one fault per page, and the median decides: a single
// slow fault (a page table allocated, a preemption) does not.
func TestFaultsDearDecidesOnTheMedian(t *testing.T) {
	us := func(v ...float64) []time.Duration {
		d := make([]time.Duration, len(v))
		for i, x := range v {
			d[i] = time.Duration(x * float64(time.Microsecond))
		}
		return d
	}
	for _, c := range []struct {
		name string
		d    []time.Duration
		dear bool
	}{
		{"cheap faults", us(1.3, 1.5, 1.2, 1.4, 1.1), false},
		{"cheap with one preempted", us(1.3, 31, 1.2, 1.4, 1.1), false},
		{"dear faults", us(14, 16, 15, 13, 17), true},
		{"dear with one fast", us(14, 1, 15, 13, 17), true},
		{"no probe", nil, false},
	} {
		if got := dearFaults(c.d); got != c.dear {
			t.Errorf("%s: dearFaults(%v) = %v, want %v", c.name, c.d, got, c.dear)
		}
	}
	if d := probeFaults(4); len(d) != 4 || slices.Contains(d, 0) {
		t.Errorf("probeFaults(4) = %v: want four timed faults", d)
	}
}
