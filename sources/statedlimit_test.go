package sources

import "testing"

// A reply that states the receiver's limit on this client's simultaneous
// connections gives that figure; a number that is an address, a reply or
// enhanced status code, a tag, a count seen, a rate or a count of
// messages or recipients gives none.
func TestStatedConnLimit(t *testing.T) {
	for _, c := range []struct {
		reply string
		want  int
	}{
		{"421 4.7.0 Too many concurrent connections from your IP (max 2)", 2},
		{"421 4.7.0 Too many connections from your IP (max: 3). Try again later.", 3},
		{"452 Too many connections, maximum 4", 4},
		{"421 4.7.0 mx.example.com Error: too many connections from 203.0.113.5, limit is 5", 5},
		{"421 Too many simultaneous connections (maximum of 6)", 6},
		{"421 4.3.2 Connection limit reached: only 2 connections allowed per IP", 2},
		{"421 4.3.2 Too many connections: 3 connections allowed per client", 3},
		{"421-4.7.0 Too many concurrent connections from your IP (max 2) 421 4.7.0 please slow down", 2},

		// Postfix smtpd's own refusal names the client's address.
		{"421 4.7.0 mx.example.com Error: too many connections from 203.0.113.5", 0},
		{"421 4.7.0 mx.example.com Error: too many connections from 2001:db8::5", 0},
		// Orange: a tag and an error number, no limit.
		{"421 mwinf5c42 ME Trop de connexions, veuillez verifier votre configuration. Too many connections, slow down. OFR004_104 [104]", 0},
		// Microsoft names this host's address and an error number.
		{"451 4.7.652 The mail server [198.51.100.3] has exceeded the maximum number of connections. (S3115)", 0},
		{"432 4.3.2 Concurrent connections limit exceeded", 0},
		// A count without words that make it the limit.
		{"421 Too Many Connections (8) From This IP", 0},
		// Rates: connections per time, not at once.
		{"421 4.7.0 Too many connections from your IP (max: 10 per 1 minute). Try again later.", 0},
		{"421 4.7.0 Connection rate limit exceeded, max 5 connections", 0},
		{"421 Too many connections, maximum 30/min", 0},
		{"421 Too many connections (max 2), try again in 5 minutes", 0},
		// Messages or recipients, not connections.
		{"452 4.5.3 Too many recipients, maximum 100", 0},
		{"421 4.7.0 Too many messages per connection, maximum 50", 0},
		// Not a plain figure.
		{"421 Too many connections, limit is 10.0.0.1", 0},
		{"421 Too many connections, limit is 2001:db8::1", 0},
		{"421 Too many connections, max 2.5", 0},
		{"421 Too many connections (max 0)", 0},
		{"421 Too many connections (max 100000)", 0},
		// The limit words far from the connections they would count.
		{"421 Too many connections. Your account has reached its maximum of 3 aliases", 0},
		{"", 0},
	} {
		if got := StatedConnLimit(c.reply); got != c.want {
			t.Errorf("StatedConnLimit(%q) = %d, want %d", c.reply, got, c.want)
		}
	}
}
