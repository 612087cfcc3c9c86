package sources

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"

	"golang.org/x/sys/unix"
)

const (
	inetDiagReqLen = 56 // struct inet_diag_req_v2
	inetDiagMsgLen = 72 // struct inet_diag_msg
)

// netlinkSockets asks the kernel for TCP sockets in the given states over
// NETLINK_INET_DIAG, as ss does. Reading /proc/net/tcp walks the whole
// connection hash table in the kernel, which on a large machine costs
// milliseconds per read however few sockets there are; the netlink dump
// is filtered by state in the kernel and is several times cheaper.
func netlinkSockets(states uint32) ([]sockEntry, error) {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_INET_DIAG)
	if err != nil {
		return nil, fmt.Errorf("netlink: %w", err)
	}
	defer unix.Close(fd)
	tv := unix.Timeval{Sec: 1}
	if err := unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv); err != nil {
		return nil, fmt.Errorf("netlink: %w", err)
	}
	var out []sockEntry
	buf := make([]byte, 64*1024)
	for seq, family := range []uint8{unix.AF_INET, unix.AF_INET6} {
		req := make([]byte, unix.SizeofNlMsghdr+inetDiagReqLen)
		ne := binary.NativeEndian
		ne.PutUint32(req[0:], uint32(len(req)))
		ne.PutUint16(req[4:], unix.SOCK_DIAG_BY_FAMILY)
		ne.PutUint16(req[6:], unix.NLM_F_REQUEST|unix.NLM_F_DUMP)
		ne.PutUint32(req[8:], uint32(seq+1))
		r := req[unix.SizeofNlMsghdr:]
		r[0], r[1] = family, unix.IPPROTO_TCP
		ne.PutUint32(r[4:], states)
		if err := unix.Sendto(fd, req, 0, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
			return nil, fmt.Errorf("netlink send: %w", err)
		}
	recv:
		for {
			n, _, err := unix.Recvfrom(fd, buf, 0)
			if err != nil {
				return nil, fmt.Errorf("netlink receive: %w", err)
			}
			msgs := buf[:n]
			for len(msgs) >= unix.SizeofNlMsghdr {
				l := int(ne.Uint32(msgs[0:]))
				typ := ne.Uint16(msgs[4:])
				if l < unix.SizeofNlMsghdr || l > len(msgs) {
					return nil, errors.New("netlink: short message")
				}
				body := msgs[unix.SizeofNlMsghdr:l]
				switch typ {
				case unix.NLMSG_DONE:
					break recv
				case unix.NLMSG_ERROR:
					return nil, errors.New("netlink: the kernel refused the socket dump")
				case unix.SOCK_DIAG_BY_FAMILY:
					if e, ok := parseDiagMsg(body); ok {
						out = append(out, e)
					}
				}
				msgs = msgs[(l+3)&^3:]
			}
		}
	}
	return out, nil
}

// parseDiagMsg reads struct inet_diag_msg: family, state, timer, retrans,
// then inet_diag_sockid (ports big-endian, addresses in network order).
func parseDiagMsg(b []byte) (sockEntry, bool) {
	if len(b) < inetDiagMsgLen {
		return sockEntry{}, false
	}
	e := sockEntry{state: b[1]}
	id := b[4:]
	e.lport = int(binary.BigEndian.Uint16(id[0:]))
	e.rport = int(binary.BigEndian.Uint16(id[2:]))
	if b[0] == unix.AF_INET {
		e.local = netip.AddrFrom4([4]byte(id[4:8]))
		e.remote = netip.AddrFrom4([4]byte(id[20:24]))
	} else {
		e.local = netip.AddrFrom16([16]byte(id[4:20])).Unmap()
		e.remote = netip.AddrFrom16([16]byte(id[20:36])).Unmap()
	}
	return e, true
}
