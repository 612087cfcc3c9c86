package sourcestest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Postconf is an Exec for configuration edits: postconf -c DIR -e and -M
// append their setting to DIR's main.cf or master.cf, -F and -P a comment
// naming theirs to master.cf (the real postconf edits in place; tests
// that need that run it), and every
// other command succeeds silently unless Fail names it (by prefix of its
// command line) with its output.
type Postconf struct {
	Fail  map[string]string
	mu    sync.Mutex
	Calls []string
}

func (p *Postconf) Output(ctx context.Context, name string, args ...string) ([]byte, error) {
	return p.Run(ctx, nil, name, args...)
}

func (p *Postconf) Stream(ctx context.Context, _ bool, name string, args ...string) (io.ReadCloser, error) {
	out, err := p.Run(ctx, nil, name, args...)
	return io.NopCloser(bytes.NewReader(out)), err
}

// Run records the command and performs the edit.
func (p *Postconf) Run(_ context.Context, _ []byte, name string, args ...string) ([]byte, error) {
	line := strings.TrimSpace(name + " " + strings.Join(args, " "))
	p.mu.Lock()
	p.Calls = append(p.Calls, line)
	p.mu.Unlock()
	for k, msg := range p.Fail {
		if strings.HasPrefix(line, k) {
			return []byte(msg), errors.New("exit status 1")
		}
	}
	if name == "postconf" && len(args) == 4 && args[0] == "-c" && (args[2] == "-e" || args[2] == "-M" || args[2] == "-F" || args[2] == "-P") {
		file, setting := "main.cf", args[3]
		switch args[2] {
		case "-M":
			file = "master.cf"
			_, setting, _ = strings.Cut(setting, "=")
		case "-F", "-P":
			file, setting = "master.cf", "# postconf "+args[2]+" "+setting
		}
		f, err := os.OpenFile(filepath.Join(args[1], file), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		fmt.Fprintln(f, setting)
	}
	return nil, nil
}

// Reset forgets the calls so far.
func (p *Postconf) Reset() {
	p.mu.Lock()
	p.Calls = nil
	p.mu.Unlock()
}
