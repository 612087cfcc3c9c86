package sources

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A patch is written against a configuration directory; the hints it
// carries were worked out from the configuration read (which may be
// saved postconf output from another host). Where the two differ in what
// a change touches, the change would not do what its hint says: a -o
// postscreen_* parameter given to a plain smtpd does nothing, and a
// limit "raised" from the value read may lower the directory's.
func TestPatchBaseDiffers(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "main.cf"), []byte("default_process_limit = 300\nsmtp_destination_concurrency_limit = 20\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "master.cf"), []byte("# a comment\nsmtp      inet  n       -       y       -       -       smtpd\n  -o smtpd_sasl_auth_enable=no\nrelay     unix  -       -       n       -       -       smtp\n"), 0o644)
	analysed := func(main, master string) *Config {
		params, _ := ParseParams(strings.NewReader(main))
		svcs, _ := ParseMaster(strings.NewReader(master), 100)
		return &Config{Params: params, Explicit: params, Services: svcs}
	}
	same := analysed("default_process_limit = 300\nsmtp_destination_concurrency_limit = 20\n", "smtp inet n - y - - smtpd -o smtpd_sasl_auth_enable=no\nrelay unix - - n - - smtp\n")
	screened := analysed("default_process_limit = 100\n", "smtp inet n - y - 1 postscreen\nsmtpd pass - - y - - smtpd\n")
	routed := analysed("default_process_limit = 300\ntransport_maps = hash:/etc/postfix/transport\n", "relay unix - - n - - smtp\nslow unix - - n - - smtp\n")
	slowRead := analysed("default_process_limit = 300\n", "relay unix - - n - - smtp\nslow unix - - n - - smtp\n")
	route := ConfigChange{Map: "hash:/etc/postfix/transport", Key: "throttled.example", Value: "slow:"}
	for _, tc := range []struct {
		name    string
		cfg     *Config
		changes []ConfigChange
		want    string // "" when the patch may be written
	}{
		{"same", same, []ConfigChange{{Param: "default_process_limit", Value: "600"}, {ServiceParam: "smtp/inet/smtpd_client_connection_count_limit", Value: "100"}}, ""},
		{"no configuration read", nil, []ConfigChange{{Param: "default_process_limit", Value: "200"}}, ""},
		{"a parameter's value", screened, []ConfigChange{{Param: "default_process_limit", Value: "200"}}, "default_process_limit"},
		{"a service's command", screened, []ConfigChange{{ServiceParam: "smtp/inet/postscreen_client_connection_count_limit", Value: "100"}}, "postscreen"},
		{"a service's field", screened, []ConfigChange{{Field: "smtp/inet/process_limit", Value: "2"}}, "smtp/inet"},
		{"a service missing", screened, []ConfigChange{{Field: "smtpd/pass/process_limit", Value: "200"}}, "smtpd/pass"},
		{"a parameter untouched", screened, []ConfigChange{{Param: "slow_destination_concurrency_limit", Value: "2"}}, ""},
		// A route goes into the table transport_maps names, to a
		// transport master.cf must have.
		{"the transport table", routed, []ConfigChange{route}, "transport_maps"},
		{"the route's transport", slowRead, []ConfigChange{route, {Param: "transport_maps", Value: "hash:/etc/postfix/transport"}}, "slow/unix"},
		{"a route and its new transport", same, []ConfigChange{route, {Param: "transport_maps", Value: "hash:/etc/postfix/transport"}, {Service: "slow/unix", Value: "slow unix - - n - - smtp"}}, ""},
	} {
		err := PatchBaseDiffers(tc.cfg, dir, tc.changes)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: refused: %v", tc.name, err)
		case tc.want != "" && err == nil:
			t.Errorf("%s: not refused", tc.name)
		case tc.want != "" && !strings.Contains(err.Error(), tc.want):
			t.Errorf("%s: %v does not name %q", tc.name, err, tc.want)
		}
	}
}
