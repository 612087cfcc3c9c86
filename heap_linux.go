package main

import (
	"runtime"
	"slices"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugeHeap grows the heap by n bytes in one piece and asks the kernel to
// back that range with transparent huge pages, then gives it back to the
// heap, which allocates from it first. A report's heap is fresh memory
// (its collector waits for reportHeap), and with 4 KiB pages each page is
// a fault on first touch: about 7,000 of them on a 1,000,000-line log,
// some 10% of the report's CPU on a virtual machine, where faults cost
// most. In 2 MiB pages they are a few dozen. It changes nothing where the
// kernel has no huge pages (transparent_hugepage "never") or backs all
// anonymous memory with them already ("always"); the Go runtime no longer
// asks for them itself. It returns the range it marked: [start, end) in
// the new range, and from low the heap below it in the same 4 MiB chunk,
// where package initialisation left a few hundred 4 KiB pages: that part
// is collapsed into huge pages at once, for the faults of the pages the
// report fills there next.
func hugeHeap(n int) (low, start, end uintptr, ok bool) {
	const huge = 2 << 20
	b := make([]byte, n) // fresh from the OS: not zeroed, so not touched
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	start, end = (p+huge-1)&^(huge-1), (p+uintptr(n))&^(huge-1)
	if end > start {
		ok = unix.Madvise(b[start-p:end-p], unix.MADV_HUGEPAGE) == nil
	}
	// The runtime maps its heap in 4 MiB chunks, so the chunk that holds
	// p is mapped below it. MADV_COLLAPSE (Linux 6.1) may fail, for want
	// of free huge pages: the faults are then as before.
	low = start
	if lo := p &^ (4<<20 - 1); ok && lo < start && madvise(lo, start-lo, unix.MADV_HUGEPAGE) == nil {
		low = lo
		madvise(lo, start-lo, unix.MADV_COLLAPSE)
	}
	b = nil
	runtime.GC() // the range is free heap again
	return low, start, end, ok
}

// madvise advises on a range of the heap given by address: the heap below
// a slice is no Go value to take a slice of.
func madvise(addr, n uintptr, advice int) error {
	if _, _, e := unix.Syscall(unix.SYS_MADVISE, addr, n, uintptr(advice)); e != 0 {
		return e
	}
	return nil
}

// faultsDear says whether a first touch of a fresh 4 KiB page costs enough
// here for a report's heap to be asked for in huge pages (hugeHeap). The
// cost differs tenfold between virtual machines: about 1.3 µs a fault on
// some, 15 µs on others, while a fresh 2 MiB page costs 0.1 to 5 ms on
// either (the most when the host must supply it). Where faults are cheap,
// the report's 25 MiB or so of fresh heap costs some 8 ms in 4 KiB pages
// and up to 60 ms more in huge ones; where they are dear, some 100 ms in
// 4 KiB pages.
func faultsDear() bool { return dearFaults(probeFaults(faultProbes)) }

const (
	// faultProbes is how many faults faultsDear times: about 20 µs
	// where they are cheap.
	faultProbes = 16
	// dearFault is the cost of a 4 KiB fault above which 512 of them
	// (2 MiB) cost more than a huge page's typical 2 ms.
	dearFault = 4 * time.Microsecond
)

// probeFaults times the first touch of each of n fresh 4 KiB pages. It
// returns nothing when it cannot map them.
func probeFaults(n int) []time.Duration {
	const page = 4096
	b, err := unix.Mmap(-1, 0, n*page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_ANON|unix.MAP_PRIVATE)
	if err != nil {
		return nil
	}
	defer unix.Munmap(b)
	// Each touch must be one 4 KiB fault, whatever the kernel's setting.
	if unix.Madvise(b, unix.MADV_NOHUGEPAGE) != nil {
		return nil
	}
	d := make([]time.Duration, n)
	for i := range d {
		t := time.Now()
		b[i*page] = 1
		d[i] = time.Since(t)
	}
	return d
}

// dearFaults decides on the median of the timed faults: one of them may
// also have paid for a page table or a preemption.
func dearFaults(d []time.Duration) bool {
	if len(d) == 0 {
		return false
	}
	s := slices.Sorted(slices.Values(d))
	return s[len(s)/2] > dearFault
}
