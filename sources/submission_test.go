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

// smtpd names the master.cf service in its anvil warnings ("for service
// submission"): the stock names and the submission ports are submission
// services, port 25's and a content filter's return smtpd are not.
func TestSubmissionServiceName(t *testing.T) {
	for name, want := range map[string]bool{
		"submission": true, "smtps": true, "submissions": true, "587": true, "465": true, "127.0.0.1:587": true, "[::1]:465": true,
		"smtp": false, "25": false, "127.0.0.1:10025": false, "postfix/submission": false, "": false,
	} {
		if got := SubmissionServiceName(name); got != want {
			t.Errorf("SubmissionServiceName(%q) = %v, want %v", name, got, want)
		}
	}
}
