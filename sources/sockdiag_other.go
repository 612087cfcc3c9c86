//go:build !linux

package sources

import (
	"errors"
	"net/netip"
)

type sockEntry struct {
	state         uint8
	local, remote netip.Addr
	lport, rport  int
}

const (
	tcpStateEstablished = 1
	tcpStateSynSent     = 2
)

func netlinkSockets(states uint32) ([]sockEntry, error) {
	return nil, errors.New("socket diagnostics need Linux")
}
