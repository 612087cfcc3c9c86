package sources

import (
	"bytes"
	"encoding/json"
	"io"
	"time"
)

// JSONRecord is the `mxtop parse` output schema, one object per input line.
type JSONRecord struct {
	N         int     `json:"n"`
	Time      *string `json:"time"`
	Host      string  `json:"host"`
	Program   string  `json:"program"`
	Daemon    string  `json:"daemon"`
	PID       int     `json:"pid"`
	QueueID   string  `json:"queue_id"`
	Severity  string  `json:"severity"`
	Event     string  `json:"event"`
	Class     string  `json:"class"`
	Domain    string  `json:"domain"`
	Relay     string  `json:"relay"`
	RelayIP   string  `json:"relay_ip"`
	DSN       string  `json:"dsn"`
	Status    string  `json:"status"`
	Code      int     `json:"code"`
	Suspended bool    `json:"suspended"`
	Reason    string  `json:"reason,omitempty"`
	Failed    bool    `json:"failed,omitempty"` // the parser panicked on this line
}

// ToJSON fills the output schema from a Record. Reason is set only for
// invalid lines, where it says why the line could not be read.
func (r *Record) ToJSON(n int) JSONRecord {
	j := JSONRecord{
		N: n, Host: r.Host, Program: r.Program, Daemon: r.Daemon, PID: r.PID,
		QueueID: r.QueueID, Severity: r.Severity.String(), Event: r.Event.String(),
		Class: r.Class.String(), Domain: r.Domain, Relay: r.Relay, RelayIP: r.RelayIP,
		DSN: r.DSN, Status: r.Status.String(), Code: r.Code, Suspended: r.Suspended, Failed: r.Failed,
	}
	if !r.Time.IsZero() {
		s := r.Time.UTC().Format(time.RFC3339Nano)
		j.Time = &s
	}
	if r.Event == EvInvalid {
		j.Reason = r.Reason
	}
	return j
}

// ParseToJSONL parses every line of in and writes one JSON object per line
// to out, terminal controls in strings escaped (see NewJSONEscaper). It
// stops only on a write error or a read error of in. Each record reaches
// out in one Write, so a writer that is flushed from another goroutine
// (on Ctrl-C) never holds half a record.
func ParseToJSONL(p *Parser, in io.Reader, out io.Writer) error {
	lr := NewLineReader(in)
	var rec bytes.Buffer
	enc := json.NewEncoder(NewJSONEscaper(&rec))
	var r Record
	n := 0
	for {
		line, ok := lr.Next()
		if !ok {
			break
		}
		n++
		p.parseBytesGuarded(line, &r)
		rec.Reset()
		if err := enc.Encode(r.ToJSON(n)); err != nil {
			return err
		}
		if _, err := out.Write(rec.Bytes()); err != nil {
			return err
		}
	}
	return lr.Err()
}
