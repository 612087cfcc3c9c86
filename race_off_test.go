//go:build !race

package main

import "time"

// endWithin is how soon a command must end after a signal.
const endWithin = time.Second
