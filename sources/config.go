package sources

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Service is one master.cf entry.
type Service struct {
	Name, Type              string // "smtp", "inet"
	Private, Unpriv, Chroot string // "y", "n" or "-"
	Wakeup                  string
	MaxProcRaw              string // as written: "-" or a number
	MaxProc                 int    // with "-" resolved; 0 means unlimited
	Command                 string // "smtpd"
	Args                    []string
	Options                 map[string]string // -o name=value
}

// Key is "name/type", as postconf -F names a service.
func (s Service) Key() string { return s.Name + "/" + s.Type }

// Config is what postconf says about the Postfix instance.
type Config struct {
	Params   map[string]string // every parameter read (explicit or default)
	Explicit map[string]string // parameters set in main.cf (postconf -n)
	Services []Service
	Source   string // where it was read from
	Time     time.Time
	// ExplicitUnknown: read from a saved full postconf, which does not
	// tell a main.cf setting from a default (Explicit is empty).
	ExplicitUnknown bool
}

// BuiltinDefaults are the defaults of the parameters mxtop reasons about,
// from Postfix's source; used when only `postconf -n` output is at hand.
var BuiltinDefaults = map[string]string{
	"virtual_mailbox_domains":                             "$virtual_mailbox_maps",
	"virtual_mailbox_maps":                                "",
	"default_process_limit":                               "100",
	"default_destination_concurrency_limit":               "20",
	"smtp_destination_concurrency_limit":                  "$default_destination_concurrency_limit",
	"lmtp_destination_concurrency_limit":                  "$default_destination_concurrency_limit",
	"relay_destination_concurrency_limit":                 "$default_destination_concurrency_limit",
	"initial_destination_concurrency":                     "5",
	"default_destination_rate_delay":                      "0s",
	"smtp_destination_rate_delay":                         "$default_destination_rate_delay",
	"default_transport_rate_delay":                        "0s",
	"default_destination_concurrency_failed_cohort_limit": "1",
	"smtp_destination_concurrency_failed_cohort_limit":    "$default_destination_concurrency_failed_cohort_limit",
	"default_destination_recipient_limit":                 "50",
	"smtp_connection_cache_on_demand":                     "yes",
	"smtp_connection_cache_destinations":                  "",
	"smtp_connection_cache_time_limit":                    "2s",
	"smtp_connection_reuse_time_limit":                    "300s",
	"smtp_tls_connection_reuse":                           "no",
	"smtp_tls_security_level":                             "",
	"smtpd_client_connection_count_limit":                 "50",
	"smtpd_client_connection_rate_limit":                  "0",
	"smtpd_client_event_limit_exceptions":                 "${smtpd_client_connection_limit_exceptions:$mynetworks}",
	"anvil_rate_time_unit":                                "60s",
	"anvil_status_update_time":                            "600s",
	"postscreen_client_connection_count_limit":            "$smtpd_client_connection_count_limit",
	"postscreen_pre_queue_limit":                          "$default_process_limit",
	"postscreen_post_queue_limit":                         "$default_process_limit",
	"qmgr_message_active_limit":                           "20000",
	"qmgr_clog_warn_time":                                 "300s",
	"minimal_backoff_time":                                "300s",
	"maximal_backoff_time":                                "4000s",
	"maximal_queue_lifetime":                              "5d",
	"queue_run_delay":                                     "300s",
	"smtp_connect_timeout":                                "30s",
	"smtp_helo_timeout":                                   "300s",
	"inet_protocols":                                      "all",
	"smtp_address_preference":                             "any",
	"compatibility_level":                                 "0",
	"maillog_file":                                        "",
	"queue_directory":                                     "/var/spool/postfix",
	"transport_maps":                                      "",
	"relayhost":                                           "",
	"proxy_read_maps":                                     "",
	"smtpd_client_ipv6_prefix_length":                     "84",
}

// ConnectionParams are the parameters that bear on connections, in the
// order mxtop shows them; per-transport ones are added by Relevant.
var ConnectionParams = []string{
	"mail_version", "compatibility_level", "default_process_limit",
	"default_destination_concurrency_limit", "smtp_destination_concurrency_limit",
	"initial_destination_concurrency", "default_destination_rate_delay",
	"smtp_destination_rate_delay", "default_transport_rate_delay",
	"default_destination_concurrency_failed_cohort_limit",
	"smtp_destination_concurrency_failed_cohort_limit",
	"smtp_connection_cache_on_demand", "smtp_connection_cache_destinations",
	"smtp_connection_cache_time_limit", "smtp_tls_connection_reuse", "smtp_tls_security_level",
	"smtpd_client_connection_count_limit", "smtpd_client_connection_rate_limit",
	"smtpd_client_event_limit_exceptions", "anvil_rate_time_unit",
	"postscreen_client_connection_count_limit", "postscreen_pre_queue_limit",
	"postscreen_post_queue_limit", "qmgr_message_active_limit", "minimal_backoff_time",
	"maximal_backoff_time", "smtp_connect_timeout", "smtp_helo_timeout", "inet_protocols",
	"smtp_address_preference", "maillog_file", "queue_directory", "transport_maps",
	"relayhost", "proxy_read_maps",
}

// Get returns a parameter with $name references expanded, falling back to
// the built-in default.
func (c *Config) Get(name string) string {
	return c.expand(c.raw(name), 0)
}

// Has reports whether the parameter is known, from postconf or a default.
func (c *Config) Has(name string) bool {
	if c == nil {
		return false
	}
	if _, ok := c.Params[name]; ok {
		return true
	}
	_, ok := BuiltinDefaults[name]
	return ok
}

// IsExplicit reports whether main.cf sets the parameter.
func (c *Config) IsExplicit(name string) bool {
	if c == nil {
		return false
	}
	_, ok := c.Explicit[name]
	return ok
}

func (c *Config) raw(name string) string {
	if c != nil {
		if v, ok := c.Params[name]; ok {
			return v
		}
	}
	return BuiltinDefaults[name]
}

func (c *Config) expand(v string, depth int) string {
	if depth > 8 || !strings.Contains(v, "$") {
		return v
	}
	name := ""
	switch {
	case strings.HasPrefix(v, "${") && strings.HasSuffix(v, "}") && !strings.ContainsAny(v[2:len(v)-1], ":?{$"):
		name = v[2 : len(v)-1]
	case strings.HasPrefix(v, "$") && isParamName(v[1:]):
		name = v[1:]
	default:
		return v // conditional or composite: leave as written
	}
	return c.expand(c.raw(name), depth+1)
}

// Expanded is Get for a value written with parameters anywhere in it
// ("postmaster@$mydomain", "${name}@${domain}", "$(name)"): each $name,
// ${name} and $(name) is replaced by its value, as Postfix expands it. ok
// is false when a reference is conditional (${name?text}, ${name:text}),
// names a parameter neither configured nor known, or nests deeper than
// Get follows.
func (c *Config) Expanded(name string) (string, bool) {
	return c.expandAll(c.raw(name), 0)
}

func (c *Config) expandAll(v string, depth int) (string, bool) {
	if !strings.Contains(v, "$") {
		return v, true
	}
	if depth > 8 {
		return "", false
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(v, '$')
		if i < 0 {
			b.WriteString(v)
			return b.String(), true
		}
		b.WriteString(v[:i])
		v = v[i+1:]
		var name string
		switch {
		case strings.HasPrefix(v, "{") || strings.HasPrefix(v, "("):
			closer := byte('}')
			if v[0] == '(' {
				closer = ')'
			}
			end := strings.IndexByte(v, closer)
			if end < 0 {
				return "", false
			}
			name, v = v[1:end], v[end+1:]
		default:
			n := 0
			for n < len(v) && (v[n] == '_' || isDigit(v[n]) || 'a' <= v[n] && v[n] <= 'z' || 'A' <= v[n] && v[n] <= 'Z') {
				n++
			}
			name, v = v[:n], v[n:]
		}
		if !isParamName(name) || !c.Has(name) {
			return "", false
		}
		val, ok := c.expandAll(c.raw(name), depth+1)
		if !ok {
			return "", false
		}
		b.WriteString(val)
	}
}

func isParamName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || isDigit(c) || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')) {
			return false
		}
	}
	return true
}

// Int returns a numeric parameter; ok is false when it is not a number.
func (c *Config) Int(name string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(c.Get(name)))
	return n, err == nil
}

// Seconds returns a time parameter ("300s", "5d", "2h", "60") in seconds.
func (c *Config) Seconds(name string) (int, bool) {
	return ParsePostfixTime(c.Get(name))
}

// ParsePostfixTime reads Postfix time values: a number with an optional
// unit s, m, h, d or w (seconds by default).
func ParsePostfixTime(v string) (int, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	mult := 1
	switch v[len(v)-1] {
	case 's':
		v = v[:len(v)-1]
	case 'm':
		mult, v = 60, v[:len(v)-1]
	case 'h':
		mult, v = 3600, v[:len(v)-1]
	case 'd':
		mult, v = 86400, v[:len(v)-1]
	case 'w':
		mult, v = 7*86400, v[:len(v)-1]
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, false
	}
	return n * mult, true
}

// DestinationConcurrencyLimit is the effective per-destination limit of a
// transport: <transport>_destination_concurrency_limit, else the default.
func (c *Config) DestinationConcurrencyLimit(transport string) int {
	if n, ok := c.Int(transport + "_destination_concurrency_limit"); ok {
		return n
	}
	n, _ := c.Int("default_destination_concurrency_limit")
	return n
}

// Service returns the master.cf entry by name and type ("smtp", "unix").
func (c *Config) Service(name, typ string) (Service, bool) {
	if c == nil {
		return Service{}, false
	}
	for _, s := range c.Services {
		if s.Name == name && (typ == "" || s.Type == typ) {
			return s, true
		}
	}
	return Service{}, false
}

// HasTLSProxy reports whether master.cf has an (uncommented) tlsproxy.
func (c *Config) HasTLSProxy() bool {
	if c == nil {
		return false
	}
	for _, s := range c.Services {
		if s.Command == "tlsproxy" {
			return true
		}
	}
	return false
}

// DeliveryTransports are the master.cf services whose command is smtp or
// lmtp: the transports that have destination concurrency.
func (c *Config) DeliveryTransports() []Service {
	var out []Service
	if c == nil {
		return nil
	}
	for _, s := range c.Services {
		if (s.Command == "smtp" || s.Command == "lmtp") && s.Type == "unix" {
			out = append(out, s)
		}
	}
	return out
}

// LoggedAs are the delivery transports whose lines carry transport as
// the last element of their syslog name before the program (postfix/slow/
// smtp: slow), or, for the default syslog name that has no service
// element (postfix/smtp), the smtp or lmtp program itself: every such
// transport without a syslog_name of its own logs alike.
func (c *Config) LoggedAs(transport string) []Service {
	var out []Service
	for _, s := range c.DeliveryTransports() {
		name := strings.NewReplacer("${service_name}", s.Name, "$service_name", s.Name).Replace(s.Options["syslog_name"])
		if i := strings.LastIndexByte(name, '/'); i >= 0 {
			name = name[i+1:]
		} else {
			name = s.Command
		}
		if name == transport {
			out = append(out, s)
		}
	}
	return out
}

// LoggedBy are the master.cf services whose lines carry syslogName and
// program (postfix/relay and smtp, as Record.SyslogName and Daemon give
// them): those running program whose syslog_name ends in the element
// before the program, or, for a syslog name without one (postfix), those
// with no service element of their own, as LoggedAs matches transports.
func (c *Config) LoggedBy(syslogName, program string) []Service {
	if c == nil {
		return nil
	}
	elem := program
	if i := strings.LastIndexByte(syslogName, '/'); i >= 0 {
		elem = syslogName[i+1:]
	}
	var out []Service
	for _, s := range c.Services {
		if s.Command != program {
			continue
		}
		name := strings.NewReplacer("${service_name}", s.Name, "$service_name", s.Name).Replace(s.Options["syslog_name"])
		if i := strings.LastIndexByte(name, '/'); i >= 0 {
			name = name[i+1:]
		} else {
			name = s.Command
		}
		if name == elem {
			out = append(out, s)
		}
	}
	return out
}

// Relevant lists the connection parameters with their values: the fixed
// list plus every delivery transport's own limits.
func (c *Config) Relevant() []string {
	names := append([]string(nil), ConnectionParams...)
	seen := map[string]bool{}
	for _, n := range names {
		seen[n] = true
	}
	for _, s := range c.DeliveryTransports() {
		for _, suffix := range []string{"_destination_concurrency_limit", "_destination_rate_delay", "_destination_concurrency_failed_cohort_limit"} {
			n := s.Name + suffix
			if !seen[n] && (c.Has(n) || c.IsExplicit(n)) {
				names = append(names, n)
				seen[n] = true
			}
		}
	}
	for n := range c.Explicit {
		if !seen[n] && (strings.HasSuffix(n, "_destination_concurrency_limit") || strings.HasSuffix(n, "_destination_rate_delay") ||
			strings.HasSuffix(n, "_process_limit") || strings.HasPrefix(n, "postscreen_") && strings.HasSuffix(n, "_limit")) {
			names = append(names, n)
			seen[n] = true
		}
	}
	sort.Strings(names[len(ConnectionParams):])
	return names
}

// ParseParams reads `postconf`, `postconf -n` or `postconf -d` output
// ("name = value" per line).
func ParseParams(r io.Reader) (map[string]string, error) {
	out, _, err := parseParams(r)
	return out, err
}

// parseParams is ParseParams that also counts the lines that are neither
// "name = value", a comment, a blank line nor a main.cf continuation.
func parseParams(r io.Reader) (out map[string]string, other int, err error) {
	out = map[string]string{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	// A line that starts with whitespace continues the parameter before
	// it: a list written one item a line (transport_maps, mynetworks) is
	// the whole list, as Postfix reads it.
	last := ""
	var value strings.Builder
	end := func() {
		if last != "" {
			out[last] = value.String()
		}
		last = ""
		value.Reset()
	}
	for sc.Scan() {
		line := sc.Text()
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "#") || t == "" {
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			if last != "" {
				if value.Len() > 0 {
					value.WriteByte(' ')
				}
				value.WriteString(t)
			}
			continue
		}
		end()
		i := strings.Index(line, "=")
		if i <= 0 {
			other++
			continue
		}
		name := strings.TrimSpace(line[:i])
		if !isParamName(name) {
			other++
			continue
		}
		last = name
		value.WriteString(strings.TrimSpace(line[i+1:]))
	}
	end()
	return out, other, sc.Err()
}

// savedFileError says what is wrong with a saved postconf or master.cf
// file that could not be read through, in words.
func savedFileError(path, what string, err error) error {
	if errors.Is(err, bufio.ErrTooLong) {
		return fmt.Errorf("%s: a line longer than 1 MiB: not %s", path, what)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// ParseMaster reads `postconf -M` output or a master.cf file (comments and
// continuation lines allowed). defaultProcessLimit resolves "-" maxproc.
func ParseMaster(r io.Reader, defaultProcessLimit int) ([]Service, error) {
	var logical []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		trim := strings.TrimSpace(line)
		if trim == "" || strings.HasPrefix(trim, "#") {
			continue
		}
		if (line[0] == ' ' || line[0] == '\t') && len(logical) > 0 {
			logical[len(logical)-1] += " " + trim
			continue
		}
		logical = append(logical, trim)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []Service
	for _, l := range logical {
		f := strings.Fields(l)
		if len(f) < 8 || !serviceFields(f) {
			continue
		}
		s := Service{Name: f[0], Type: f[1], Private: f[2], Unpriv: f[3], Chroot: f[4], Wakeup: f[5],
			MaxProcRaw: f[6], Command: f[7], Args: f[8:], Options: map[string]string{}}
		if s.MaxProcRaw == "-" {
			s.MaxProc = defaultProcessLimit
		} else {
			s.MaxProc, _ = strconv.Atoi(s.MaxProcRaw)
		}
		for i := 0; i < len(s.Args); i++ {
			a := s.Args[i]
			var opt string
			switch {
			case a == "-o" && i+1 < len(s.Args):
				opt = s.Args[i+1]
				i++
			case strings.HasPrefix(a, "-o") && len(a) > 2:
				opt = a[2:]
			default:
				continue
			}
			if j := strings.IndexByte(opt, '='); j > 0 {
				s.Options[opt[:j]] = opt[j+1:]
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// serviceFields says whether a master.cf line's fields after the name are
// ones master.cf allows: a service type, y/n/- flags, a wakeup time
// (digits, maybe with '?') or -, and a process limit or -.
func serviceFields(f []string) bool {
	switch f[1] {
	case "inet", "unix", "unix-dgram", "fifo", "pass":
	default:
		return false
	}
	for _, flag := range f[2:5] {
		if flag != "y" && flag != "n" && flag != "-" {
			return false
		}
	}
	digits := func(s string) bool {
		return s != "" && strings.TrimLeft(s, "0123456789") == ""
	}
	return (f[5] == "-" || digits(strings.TrimSuffix(f[5], "?"))) && (f[6] == "-" || digits(f[6]))
}

// ConfigReader reads the configuration with postconf, or from saved files.
type ConfigReader struct {
	Exec         Exec
	ConfigDir    string // -c DIR for another instance
	PostconfFile string // saved postconf or postconf -n output
	MasterFile   string // saved postconf -M output or master.cf

	// defaultDir is the configuration directory postconf -d named, asked
	// once: it does not change while mxtop runs. A reader is read from
	// one goroutine at a time.
	defaultDir string
}

func (c *ConfigReader) postconf(ctx context.Context, args ...string) ([]byte, error) {
	if c.ConfigDir != "" {
		args = append([]string{"-c", c.ConfigDir}, args...)
	}
	// The Exec bounds the command (CommandTimeout for the real one).
	out, err := c.Exec.Output(ctx, "postconf", args...)
	if err != nil && errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("postconf not found (is Postfix installed and on PATH? offline: --postconf FILE --master FILE)")
	}
	return out, err
}

// mainCFMissing says so when the configuration directory postconf reads
// has no main.cf (a package installed without a configuration): postconf
// would stop with a fatal error after its second of sleep. The directory
// is -c's, MAIL_CONFIG's, or the one postconf -d names, which needs no
// main.cf. Anything unsure (another error, output that is no path, a
// directory that is not there) leaves it to postconf.
func (c *ConfigReader) mainCFMissing(ctx context.Context) error {
	if InContainer(c.Exec) != "" {
		// The directory is the container's, not this host's.
		return nil
	}
	dir := c.ConfigDir
	if dir == "" {
		dir = os.Getenv("MAIL_CONFIG")
	}
	if dir == "" && c.defaultDir == "" {
		out, err := c.postconf(ctx, "-d", "-h", "config_directory")
		if errors.Is(err, context.DeadlineExceeded) {
			return err // postconf hangs: the next one would too
		}
		if err != nil {
			return nil
		}
		c.defaultDir = strings.TrimSpace(string(out))
	}
	if dir == "" {
		dir = c.defaultDir
	}
	if !filepath.IsAbs(dir) || strings.ContainsAny(dir, "\n=") {
		return nil
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, "main.cf")); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no main.cf in %s: Postfix is not configured on this host (offline: --postconf FILE --master FILE)", dir)
	}
	return nil
}

// Read reads the whole configuration.
func (c *ConfigReader) Read(ctx context.Context) (*Config, error) {
	cfg := &Config{Params: map[string]string{}, Explicit: map[string]string{}, Time: time.Now()}
	var sources []string
	if c.PostconfFile != "" {
		f, err := os.Open(c.PostconfFile)
		if err != nil {
			return nil, explainOpenError(c.PostconfFile, err)
		}
		params, other, err := parseParams(f)
		f.Close()
		if err != nil {
			return nil, savedFileError(c.PostconfFile, "postconf output", err)
		}
		if len(params) == 0 && nonEmpty(c.PostconfFile) {
			return nil, fmt.Errorf(`%s: no "name = value" line: not postconf output`, c.PostconfFile)
		}
		// postconf prints nothing else; main.cf adds only comments and
		// continuation lines.
		if other > len(params) {
			return nil, fmt.Errorf(`%s: most lines are no "name = value": not postconf output`, c.PostconfFile)
		}
		cfg.Params = params
		// A saved full postconf holds hundreds of parameters; -n output
		// only the explicit ones. Treat a short file as -n.
		if len(params) < 300 {
			cfg.Explicit = params
		} else {
			cfg.ExplicitUnknown = true
		}
		sources = append(sources, c.PostconfFile)
	} else if c.Exec != nil {
		if err := c.mainCFMissing(ctx); err != nil {
			return nil, err
		}
		all, err := c.postconf(ctx)
		if err != nil {
			return nil, err
		}
		if cfg.Params, err = ParseParams(strings.NewReader(string(all))); err != nil {
			return nil, err
		}
		// Postfix's postconf always prints mail_version; without it the
		// output is another program's, and reading it as a configuration
		// of nothing would give every parameter its default.
		if _, ok := cfg.Params["mail_version"]; !ok {
			return nil, notPostconf("postconf", "no mail_version", all)
		}
		n, err := c.postconf(ctx, "-n")
		if err != nil {
			return nil, err
		}
		if cfg.Explicit, err = ParseParams(strings.NewReader(string(n))); err != nil {
			return nil, err
		}
		// Nothing set in main.cf prints nothing; lines without a
		// parameter are not postconf -n's.
		if len(cfg.Explicit) == 0 && strings.TrimSpace(string(n)) != "" {
			return nil, notPostconf("postconf -n", `no "name = value" line`, n)
		}
		sources = append(sources, "postconf")
	}
	dpl, ok := cfg.Int("default_process_limit")
	if !ok {
		dpl = 100
	}
	switch {
	case c.MasterFile != "":
		f, err := os.Open(c.MasterFile)
		if err != nil {
			return nil, explainOpenError(c.MasterFile, err)
		}
		cfg.Services, err = ParseMaster(f, dpl)
		f.Close()
		if err != nil {
			return nil, savedFileError(c.MasterFile, "postconf -M output or a master.cf", err)
		}
		if len(cfg.Services) == 0 && nonEmpty(c.MasterFile) {
			return nil, fmt.Errorf("%s: no service line: not postconf -M output or a master.cf", c.MasterFile)
		}
		sources = append(sources, c.MasterFile)
	case c.Exec != nil && c.PostconfFile == "":
		m, err := c.postconf(ctx, "-M")
		if err != nil {
			return nil, err
		}
		if cfg.Services, err = ParseMaster(strings.NewReader(string(m)), dpl); err != nil {
			return nil, err
		}
		if len(cfg.Services) == 0 && strings.TrimSpace(string(m)) != "" {
			return nil, notPostconf("postconf -M", "no service line", m)
		}
		sources[len(sources)-1] = "postconf, postconf -n, postconf -M"
	}
	cfg.Source = strings.Join(sources, ", ")
	if in := InContainer(c.Exec); in != "" && c.PostconfFile == "" {
		cfg.Source += " in container " + in
	}
	return cfg, nil
}

// notPostconf says that a command's output is not what Postfix's postconf
// prints.
func notPostconf(command, lacks string, out []byte) error {
	return notTheProgram(command, lacks, "Postfix's postconf", out)
}

// notTheProgram says that a command's output is not what program prints,
// quoting the start of its first line (the quoting escapes what a
// terminal would act on).
func notTheProgram(command, lacks, program string, out []byte) error {
	first := firstLine(string(out))
	if first == "" {
		return fmt.Errorf("%s printed nothing: not %s", command, program)
	}
	if len(first) > 60 {
		first = first[:60]
	}
	return fmt.Errorf("%s printed %s (first line %q): not %s", command, lacks, first, program)
}

// nonEmpty reports whether the file at path has any byte: a saved file in
// which the parsers found nothing is then another kind of file.
func nonEmpty(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Size() > 0
}

// Instance is one Postfix instance from postmulti -l.
type Instance struct {
	Name, Group string
	Enabled     bool
	ConfigDir   string
}

// ListInstances runs postmulti -l, bounded like every command by the
// Exec; a host without multi-instance support has just the main instance.
func ListInstances(ctx context.Context, ex Exec) ([]Instance, error) {
	out, err := ex.Output(ctx, "postmulti", "-l")
	if err != nil {
		return nil, err
	}
	var list []Instance
	for _, line := range strings.Split(string(out), "\n") {
		// NAME GROUP ENABLED CONFIG_DIR: "-" for none, y or n, a path.
		f := strings.Fields(line)
		if len(f) < 4 || f[2] != "y" && f[2] != "n" || !filepath.IsAbs(f[3]) {
			continue
		}
		name := f[0]
		if name == "-" {
			name = "main"
		}
		list = append(list, Instance{Name: name, Group: f[1], Enabled: f[2] == "y", ConfigDir: f[3]})
	}
	if len(list) == 0 && strings.TrimSpace(string(out)) != "" {
		return nil, notTheProgram("postmulti -l", "no instance line", "Postfix's postmulti", out)
	}
	return list, nil
}

// ConfigEvent is what the config source sends.
type ConfigEvent struct {
	Config *Config
	State  SourceState
}

// Event reads the configuration once, as the config source reports it.
func (c *ConfigReader) Event(ctx context.Context) ConfigEvent {
	cfg, err := c.Read(ctx)
	ev := ConfigEvent{Config: cfg, State: SourceState{Source: "config", Health: HealthOK, Time: time.Now()}}
	if err != nil {
		ev.State.Health, ev.State.Detail = HealthUnavailable, err.Error()
	} else {
		ev.State.Detail = cfg.Source
	}
	return ev
}

// RunConfig reports the configuration now (first, when the caller has
// already read it, else a fresh read), every interval, and whenever reload
// receives (the log showed a "reload --" line).
func RunConfig(ctx context.Context, c *ConfigReader, first *ConfigEvent, interval time.Duration, reload <-chan struct{}, out chan<- ConfigEvent) {
	defer close(out)
	if interval <= 0 {
		interval = time.Minute
	}
	for {
		var ev ConfigEvent
		if first != nil {
			ev, first = *first, nil
		} else {
			ev = c.Event(ctx)
		}
		if ctx.Err() != nil {
			return
		}
		select {
		case out <- ev:
		case <-ctx.Done():
			return
		}
		if c.PostconfFile != "" && c.MasterFile != "" {
			// Offline files do not change.
			<-ctx.Done()
			return
		}
		select {
		case <-time.After(interval):
		case <-reload:
		case <-ctx.Done():
			return
		}
	}
}

// Chrooted reports whether master.cf runs s in a chroot: its chroot
// column y, or "-", the default, which master_ent.c makes y below
// compatibility_level 1 and on a Postfix before 3.0 (which reads no
// level), n from level 1 on.
func (c *Config) Chrooted(s Service) bool {
	switch s.Chroot {
	case "y":
		return true
	case "-":
	default:
		return false
	}
	if before, _ := VersionBefore(c.Get("mail_version"), 3, 0); before {
		return true
	}
	lvl := c.Get("compatibility_level")
	below1, _ := VersionBefore(lvl, 1, 0)
	return lvl == "" || below1
}

// VersionBefore says whether the version or compatibility level v
// ("3.5.18", "2.11.3", "2") is older than major.minor; ok is false when v
// does not read as one.
func VersionBefore(v string, major, minor int) (before, ok bool) {
	maj, rest, dotted := strings.Cut(strings.TrimSpace(v), ".")
	minS, _, _ := strings.Cut(rest, ".")
	if !dotted {
		minS = "0"
	}
	a, err1 := strconv.Atoi(maj)
	b, err2 := strconv.Atoi(minS)
	if err1 != nil || err2 != nil {
		return false, false
	}
	return a < major || a == major && b < minor, true
}
