package main

import (
	"runtime"
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
