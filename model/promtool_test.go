package model

import (
	"os/exec"
	"strings"
	"testing"

	"mxtop/sources"
)

// promtool checks the alert rules, runs their unit tests and lints a
// scrape of the lab.
func TestPromtool(t *testing.T) {
	promtool := needTool(t, "promtool", "prometheus")
	run := func(stdin string, args ...string) {
		t.Helper()
		cmd := exec.Command(promtool, args...)
		cmd.Dir = "../docs"
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("promtool %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	run("", "check", "rules", "prometheus-alerts.yml")
	run("", "test", "rules", "prometheus-alerts.test.yml")

	m := labModel(t)
	sh := &Shared{Eng: m.Engine(), States: map[string]sources.SourceState{"log": {Source: "log", Health: sources.HealthOK}},
		Paths: map[string]string{"log": "maillog", "queue": "postqueue -j"}}
	sh.Tick(labEnd)
	body := scrapeText(t, sh)
	if !strings.Contains(body, "postfix_showq_message_age_seconds_bucket") {
		t.Fatalf("scrape:\n%s", body)
	}
	run(body, "check", "metrics")
}
