package sources

import "testing"

// systemd's own lines about Postfix's unit (postfix.service; Debian's
// multi-instance template postfix@.service, whose default instance is
// postfix@-.service) say that Postfix did not start or stopped. They are
// read by the entries written for systemd's words, and only when they
// name a Postfix unit: another unit's failure is not Postfix's.
func TestSystemdLinesAboutPostfixUnit(t *testing.T) {
	p := NewParser()
	for _, c := range []struct{ line, want string }{
		// systemd 249 and later: the unit opens the message.
		{"Dec  2 10:00:01 mx systemd[1]: postfix@-.service: Control process exited, code=exited, status=1/FAILURE", "systemd_control_exited"},
		{"Dec  2 10:00:01 mx systemd[1]: postfix@-.service: Failed with result 'exit-code'.", "systemd_failed_result"},
		{"Dec  2 10:00:01 mx systemd[1]: Failed to start postfix@-.service - Postfix Mail Transport Agent (instance -).", "systemd_failed_start"},
		{"2026-12-02T10:00:01.123456+00:00 mx systemd[1]: postfix.service: Start request repeated too quickly.", "systemd_start_limit"},
		{"Dec  2 10:00:01 mx systemd[1]: postfix.service: Failed with result 'start-limit-hit'.", "systemd_start_limit_hit"},
		{"Dec  2 10:00:01 mx systemd[1]: postfix@postfix-out.service: Control process exited, code=killed, status=9/KILL", "systemd_control_exited"},
		// Older systemd: the description in place of the unit, the unit
		// after the words, lower case.
		{"Dec  2 10:00:01 mx systemd[1]: Failed to start Postfix Mail Transport Agent (instance -).", "systemd_failed_start"},
		{"Dec  2 10:00:01 mx systemd[1]: Failed to start Postfix Mail Transport Agent.", "systemd_failed_start"},
		{"Dec  2 10:00:01 mx systemd[1]: postfix.service: control process exited, code=exited status=1", "systemd_control_exited"},
		{"Dec  2 10:00:01 mx systemd[1]: Unit postfix.service entered failed state.", "systemd_failed_state"},
		{"Dec  2 10:00:01 mx systemd[1]: start request repeated too quickly for postfix.service", "systemd_start_limit"},
		// Pasted without a header, or systemctl's own words.
		{"systemd[1]: postfix@-.service: Control process exited, code=exited, status=1/FAILURE", "systemd_control_exited"},
		{"postfix.service: Start request repeated too quickly.", "systemd_start_limit"},
		{"postfix@-.service: Failed with result 'exit-code'.", "systemd_failed_result"},
		{"Job for postfix.service failed because the control process exited with error code.", "systemd_job_failed"},
		{`Job for postfix@-.service failed because the control process exited with error code. See "systemctl status postfix@-.service" and "journalctl -xeu postfix@-.service" for details.`, "systemd_job_failed"},
		{"Job for postfix.service failed because start of the service was attempted too often.", "systemd_job_start_limit"},
		// systemd's own reasons: a start or stop that outlived its
		// timeout, the OOM killer, a signal, a crash of the master.
		{"Dec  2 10:00:01 mx systemd[1]: postfix.service: Start operation timed out. Terminating.", "systemd_start_timeout"},
		{"Dec  2 10:00:01 mx systemd[1]: postfix@-.service: Failed with result 'timeout'.", "systemd_timeout_result"},
		{"Dec  2 10:00:01 mx systemd[1]: postfix.service: A process of this unit has been killed by the OOM killer.", "systemd_oom_kill"},
		{"Dec  2 10:00:01 mx systemd[1]: postfix.service: Failed with result 'oom-kill'.", "systemd_oom_kill_result"},
		{"Dec  2 10:00:01 mx systemd[1]: postfix.service: Main process exited, code=killed, status=9/KILL", "systemd_main_killed"},
		{"Dec  2 10:00:01 mx systemd[1]: postfix@-.service: Failed with result 'signal'.", "systemd_signal_result"},
		{"Dec  2 10:00:01 mx systemd[1]: postfix.service: Main process exited, code=dumped, status=11/SEGV", "systemd_main_dumped"},
		{"Dec  2 10:00:01 mx systemd[1]: postfix.service: Failed with result 'core-dump'.", "systemd_core_dump_result"},
		{"Dec  2 10:00:01 mx systemd[1]: postfix.service: Main process exited, code=exited, status=1/FAILURE", "systemd_main_exited"},
		{"postfix.service: A process of this unit has been killed by the OOM killer.", "systemd_oom_kill"},
		{"Dec  2 10:00:01 mx systemd[1]: dovecot.service: Failed with result 'oom-kill'.", ""},
		{"Dec  2 10:00:01 mx systemd[1]: clamav-daemon.service: A process of this unit has been killed by the OOM killer.", ""},
		{"Dec  2 10:00:01 mx systemd[1]: amavis.service: Start operation timed out. Terminating.", ""},
		// Other units, Postfix's own ordinary stop, a dependency's failure,
		// another program quoting the words.
		{"Dec  2 10:00:01 mx systemd[1]: dovecot.service: Control process exited, code=exited, status=89/n/a", ""},
		{"Dec  2 10:00:01 mx systemd[1]: dovecot.service: Failed with result 'exit-code'.", ""},
		{"Dec  2 10:00:01 mx systemd[1]: Failed to start dovecot.service - Dovecot IMAP/POP3 email server.", ""},
		{"Dec  2 10:00:01 mx systemd[1]: Failed to start postfix-tlspol.service - postfix-tlspol daemon.", ""},
		{"Dec  2 10:00:01 mx systemd[1]: postfix-tlspol.service: Failed with result 'exit-code'.", ""},
		{"Job for dovecot.service failed because the control process exited with error code.", ""},
		{"dovecot.service: Start request repeated too quickly.", ""},
		{"Dec  2 10:00:01 mx systemd[1]: Stopped Postfix Mail Transport Agent (instance -).", ""},
		{"Dec  2 10:00:01 mx systemd[1]: postfix@-.service: Deactivated successfully.", ""},
		{"Dec  2 10:00:01 mx systemd[1]: postfix.service: Job postfix.service/start failed with result 'dependency'.", ""},
		{"Dec  2 10:00:01 mx cron[77]: postfix.service: Failed with result 'exit-code'.", ""},
		{"Dec  2 10:00:01 mx postfix/smtpd[5]: warning: postfix.service: Failed with result 'exit-code'.", ""},
	} {
		var r Record
		p.Parse(c.line, &r)
		if got := entryID(r); got != c.want {
			t.Errorf("%s\n  matched %q, want %q", c.line, got, c.want)
		}
		if c.want != "" && (r.Event != EvOther || r.Program != "systemd") {
			t.Errorf("%s\n  event %v program %q: systemd's line is another program's", c.line, r.Event, r.Program)
		}
	}
}

// The kernel's OOM killer naming a Postfix daemon it killed: read by the
// entry written for the kernel's words, and only for Postfix's own
// processes (clamd's death is clamd's).
func TestKernelOOMKillOfPostfixProcess(t *testing.T) {
	p := NewParser()
	for _, c := range []struct{ line, want string }{
		{"Dec  2 10:00:01 mx kernel: Out of memory: Killed process 1234 (smtpd) total-vm:123456kB, anon-rss:12345kB, file-rss:0kB, shmem-rss:0kB, UID:107 pgtables:100kB oom_score_adj:0", "kernel_oom_kill"},
		{"Dec  2 10:00:01 mx kernel: [123456.789012] Out of memory: Killed process 900 (master) total-vm:40000kB, anon-rss:4000kB", "kernel_oom_kill"},
		{"Dec  2 10:00:01 mx kernel: Memory cgroup out of memory: Killed process 77 (cleanup) total-vm:9000kB, anon-rss:3000kB", "kernel_oom_kill"},
		{"Dec  2 10:00:01 mx kernel: Killed process 1234 (qmgr) total-vm:123456kB, anon-rss:12345kB, file-rss:0kB", "kernel_oom_kill"},
		{"Dec  2 10:00:01 mx kernel: Out of memory: Killed process 4321 (clamd) total-vm:1234567kB, anon-rss:1000000kB", ""},
		{"Dec  2 10:00:01 mx kernel: Out of memory: Killed process 4321 (mysqld) total-vm:1234567kB, anon-rss:1000000kB", ""},
		{"Dec  2 10:00:01 mx cron[5]: Out of memory: Killed process 1234 (smtpd)", ""},
	} {
		var r Record
		p.Parse(c.line, &r)
		if got := entryID(r); got != c.want {
			t.Errorf("%s\n  matched %q, want %q", c.line, got, c.want)
		}
	}
}
