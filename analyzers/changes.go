package analyzers

import (
	"strings"

	"mxtop/sources"
)

// ConfigChange is sources.ConfigChange: a hint's configuration change in
// structured form.
type ConfigChange = sources.ConfigChange

// transportChanges is transportActions in structured form: domain to the
// slow transport in the first transport map, the slow transport in
// master.cf when missing, and the parameters.
func (c *hintCtx) transportChanges(domain string, params [][2]string) []ConfigChange {
	if !PlausibleDomain(domain) {
		return nil
	}
	tm := ""
	if c.cfg != nil {
		tm = c.cfg.Get("transport_maps")
	}
	table := "hash:/etc/postfix/transport"
	if tm != "" {
		first := strings.Fields(strings.ReplaceAll(tm, ",", " "))[0]
		if strings.IndexByte(first, ':') > 0 {
			table = first
		}
	}
	var out []ConfigChange
	out = append(out, ConfigChange{Map: table, Key: domain, Value: slowTransport + ":"})
	if tm == "" {
		out = append(out, ConfigChange{Param: "transport_maps", Value: table})
	}
	if _, ok := c.cfg.Service(slowTransport, "unix"); !ok {
		out = append(out, ConfigChange{Service: slowTransport + "/unix", Value: slowTransport + " unix - - n - - smtp"})
	}
	for _, p := range params {
		out = append(out, ConfigChange{Param: p[0], Value: p[1]})
	}
	return out
}
