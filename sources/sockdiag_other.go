//go:build !linux

package sources

import "errors"

func netlinkSockets(states uint32) ([]sockEntry, error) {
	return nil, errors.New("socket diagnostics need Linux")
}
