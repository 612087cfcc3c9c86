//go:build !linux

package main

// hugeHeap does nothing where there are no transparent huge pages.
func hugeHeap(int) (low, start, end uintptr, ok bool) { return 0, 0, 0, false }

// faultsDear is false where hugeHeap does nothing.
func faultsDear() bool { return false }
