package analyzers

import "unsafe"

// unsafeKey is a string over b's memory, as a replay's lines are over its
// read blocks.
func unsafeKey(b []byte) string { return unsafe.String(&b[0], len(b)) }
