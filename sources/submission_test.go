package sources

import "testing"

// The stock master.cf names its submission services' smtpd by syslog_name;
// port 25's smtpd and other daemons are none.
func TestSubmissionService(t *testing.T) {
	for name, want := range map[string]bool{
		"postfix/submission": true, "postfix/smtps": true, "postfix-out/submissions": true,
		"postfix": false, "postfix/smtp": false, "submission": false, "": false,
	} {
		if got := SubmissionService(name); got != want {
			t.Errorf("SubmissionService(%q) = %v, want %v", name, got, want)
		}
	}
}
