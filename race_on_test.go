//go:build race

package main

import "time"

// endWithin is how soon a command must end after a signal; the race
// detector slows a process several times over.
const endWithin = 3 * time.Second
