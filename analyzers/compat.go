package analyzers

import (
	"slices"
	"strings"

	"mxtop/sources"
)

// compatDefault is a default that Postfix keeps below a compatibility_level
// and names in "using backwards-compatible default setting NAME=VALUE"
// where it decides something (global/mail_params.c, check_legacy_defaults).
// Postfix looks the default up only while the parameter, and those in
// silencedBy, are not set: in main.cf, or with -o for the service. Once the
// configuration in hand sets one, the notices predate that choice.
type compatDefault struct {
	param      string
	old        string   // the value the notice names; "" is "(empty)"
	level      string   // the compatibility_level that changes it
	silencedBy []string // other parameters whose setting ends the notice
	master     bool     // a master.cf column (chroot), not a main.cf parameter
	// relay: the default decides which mail is relayed; raising the level
	// before setting it refuses that mail with Relay access denied.
	relay bool
	// keep is the value the upgrade hint sets explicitly while the default
	// is in force, and why; nil for none. It reads cfg, nil when none.
	keep func(cfg *sources.Config) (value, why string)
	// reads are the other parameters keep reads, for the check before it.
	reads []string
}

// compatDefaults are the defaults Postfix logs that notice for (Postfix
// 3.0 to 3.11, COMPATIBILITY_README).
var compatDefaults = []compatDefault{
	{param: "append_dot_mydomain", old: "yes", level: "1"},
	{param: "smtputf8_enable", old: "no", level: "1"},
	{param: "chroot", old: "y", level: "1", master: true},
	{param: "smtpd_relay_restrictions", old: "", level: "1"},
	{param: "relay_domains", old: "$mydestination", level: "2", relay: true, keep: keepOld("$mydestination", "")},
	// mynetworks_style only computes mynetworks when that is not set.
	{param: "mynetworks_style", old: "subnet", level: "2", silencedBy: []string{"mynetworks"}, relay: true, keep: keepOld("subnet", "needless where main.cf sets mynetworks, which it then ignores")},
	{param: "smtpd_tls_fingerprint_digest", old: "md5", level: "3.6"},
	{param: "smtp_tls_fingerprint_digest", old: "md5", level: "3.6"},
	{param: "lmtp_tls_fingerprint_digest", old: "md5", level: "3.6"},
	{param: "smtpd_relay_before_recipient_restrictions", old: "no", level: "3.6"},
	{param: "respectful_logging", old: "no", level: "3.6"},
	{param: "smtp_tls_security_level", old: "", level: "3.11", keep: keepTLSLevel,
		reads: []string{"smtp_enforce_tls", "smtp_tls_enforce_peername"}},
	// tlsproxy_client_security_level defaults to $smtp_tls_security_level.
	{param: "tlsproxy_client_security_level", old: "", level: "3.11", silencedBy: []string{"smtp_tls_security_level"}},
	{param: "smtp_tlsrpt_skip_reused_handshakes", old: "yes", level: "3.11"},
}

// compatDefaultOf is the entry for param, nil for none.
func compatDefaultOf(param string) *compatDefault {
	for i := range compatDefaults {
		if compatDefaults[i].param == param {
			return &compatDefaults[i]
		}
	}
	return nil
}

// keepOld keeps the old default as an explicit setting; unread says,
// where the configuration is not at hand, when that is needless.
func keepOld(v, unread string) func(*sources.Config) (string, string) {
	return func(cfg *sources.Config) (string, string) {
		why := "the old default, kept explicitly before compatibility_level is raised"
		if cfg == nil && unread != "" {
			why += "; " + unread
		}
		return v, why
	}
}

// keepTLSLevel: an empty smtp_tls_security_level leaves the level to the
// older smtp_enforce_tls (verify, or encrypt with smtp_tls_enforce_peername
// = no) and smtp_use_tls (may, else none), smtp_tls_policy.c. Opportunistic
// TLS, the 3.11 default, is the explicit level unless TLS is enforced
// now: may would lower that.
func keepTLSLevel(cfg *sources.Config) (string, string) {
	if cfg == nil {
		return "may", "keep opportunistic TLS explicit across the 3.11 change; where smtp_enforce_tls = yes, set verify instead (encrypt where smtp_tls_enforce_peername = no): may would lower it"
	}
	if !strings.EqualFold(strings.TrimSpace(cfg.Get("smtp_enforce_tls")), "yes") {
		return "may", "keep opportunistic TLS explicit across the 3.11 change"
	}
	if strings.EqualFold(strings.TrimSpace(cfg.Get("smtp_tls_enforce_peername")), "no") {
		return "encrypt", "the level smtp_enforce_tls = yes with smtp_tls_enforce_peername = no enforces now, kept across the 3.11 change"
	}
	return "verify", "the level smtp_enforce_tls = yes enforces now (smtp_tls_enforce_peername is yes by default), kept across the 3.11 change"
}

// mainRead is cfg when it holds main.cf's parameters, nil when only
// master.cf was read (--master alone): postconf always prints some.
func mainRead(cfg *sources.Config) *sources.Config {
	if cfg == nil || len(cfg.Params) == 0 && !cfg.ExplicitUnknown {
		return nil
	}
	return cfg
}

// compatSetNow says what in cfg has ended w's notices, "" when nothing
// has: main.cf setting the parameter or one that silences it; a -o for
// one of them on every service that logged the notice; for chroot, a
// chroot column on every service. A saved full postconf tells no main.cf
// setting from a default: there a value other than the notice's, and not
// the default's own compatibility_level expression, was set.
func compatSetNow(cfg *sources.Config, d *compatDefault, w *CompatWarning) string {
	if cfg == nil {
		return ""
	}
	if d.master {
		for _, s := range cfg.Services {
			if s.Chroot == "-" {
				return ""
			}
		}
		if len(cfg.Services) == 0 {
			return ""
		}
		return "master.cf gives every service its own chroot column"
	}
	names := append([]string{d.param}, d.silencedBy...)
	for _, n := range names {
		if cfg.IsExplicit(n) {
			return "main.cf sets " + shownSetting(n, cfg.Explicit[n])
		}
	}
	if cfg.ExplicitUnknown {
		if v, ok := cfg.Params[d.param]; ok && strings.TrimSpace(v) != d.old && !strings.Contains(v, "compatibility_level") {
			return "postconf shows " + shownSetting(d.param, v)
		}
	}
	// Any logger no service stands for could be one still at the default.
	if len(w.Loggers) == 0 || w.LoggersCut {
		return ""
	}
	var set []string
	for _, l := range w.Loggers {
		svcs := cfg.LoggedBy(l.SyslogName, l.Program)
		if len(svcs) == 0 {
			return ""
		}
	svc:
		for _, s := range svcs {
			for _, n := range names {
				if v, ok := s.Options[n]; ok {
					if one := shownSetting(n, v) + " for " + SanitizeLine(s.Key()); !slices.Contains(set, one) {
						set = append(set, one)
					}
					continue svc
				}
			}
			return ""
		}
	}
	return "master.cf sets " + strings.Join(set, "; ")
}

// shownSetting is name = value for evidence, the value cut: a mynetworks
// list can be long.
func shownSetting(name, value string) string {
	value = strings.TrimSpace(value)
	if value == "" {
		value = "(empty)"
	}
	return name + " = " + clip(SanitizeLine(value), 160)
}
