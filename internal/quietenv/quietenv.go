// Package quietenv keeps Lip Gloss's colour detection from launching
// `tmux info`. Lip Gloss detects the terminal's colour profile when its
// package is initialised, and inside tmux it runs `tmux info` for that, a
// process launch of tens of milliseconds before main even starts, only to
// tell true colour from 256 colours: mxtop draws with the 16 basic
// colours, where the two are the same. Go initialises the packages in
// import path order as soon as their imports are (Go 1.21 and later), so
// this one, which imports only os, runs before os/exec and before every
// package that needs it, Lip Gloss's colour detection included. It hides
// TMUX from the environment until main calls Restore.
package quietenv

import "os"

var tmux, inTmux = os.LookupEnv("TMUX")

func init() {
	if inTmux {
		os.Unsetenv("TMUX")
	}
}

// Restore puts TMUX back, for Bubble Tea and the commands mxtop runs.
func Restore() {
	if inTmux {
		os.Setenv("TMUX", tmux)
	}
}
