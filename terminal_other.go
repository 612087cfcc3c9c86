//go:build !unix

package main

import (
	"context"
	"time"
)

// watchTerminal does nothing where there is no poll(2): the console's
// own close event ends the program.
func watchTerminal(ctx context.Context, fd int, every time.Duration, gone func()) {}
