package sources

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	udiff "github.com/aymanbagabas/go-udiff"
)

// ConfigChange is one configuration change, in structured form so that it
// is applied without parsing shell text: exactly one of Param, Service
// and Map is set.
type ConfigChange struct {
	// Param is a main.cf parameter set to Value (postconf -e).
	Param string `json:"param,omitempty"`
	// Service is a master.cf service/type key given the entry Value
	// (postconf -M).
	Service string `json:"service,omitempty"`
	// Field is one field of a master.cf entry, service/type/field, given
	// Value (postconf -F): smtp/inet/process_limit.
	Field string `json:"field,omitempty"`
	// ServiceParam is a -o parameter of a master.cf entry,
	// service/type/parameter, given Value (postconf -P).
	ServiceParam string `json:"service_param,omitempty"`
	// Map is a lookup table, type:/path, in which Key maps to Value. A
	// Value "transport:" with no next hop keeps the next hop of the entry
	// it replaces (a transport map's "smtp:[192.0.2.1]:25" becomes
	// "slow:[192.0.2.1]:25"), or of the parent domain's entry that routes
	// Key: the change is the transport, not the route. When transport_maps
	// lists several tables, Key's line is changed in the one Postfix
	// finds it in, which may come after Map (setRoute).
	Map   string `json:"map,omitempty"`
	Key   string `json:"key,omitempty"`
	Value string `json:"value"`
}

// AddedLists are the parameters whose changes add items to the list read,
// in main.cf or as a master.cf -o: postconf -e and -P set the whole list,
// so two such changes merge into one holding both's items.
var AddedLists = map[string]bool{"smtpd_client_event_limit_exceptions": true}

// String is the change in postconf's words.
func (c ConfigChange) String() string {
	switch {
	case c.Param != "":
		return c.Param + " = " + c.Value
	case c.Service != "":
		return c.Service + " = " + c.Value
	case c.Field != "":
		return c.Field + " = " + c.Value
	case c.ServiceParam != "":
		return c.ServiceParam + " = " + c.Value
	}
	return fmt.Sprintf("%s: %s %s", c.Map, c.Key, c.Value)
}

// editableFields are the master.cf fields a change may set (postconf
// -F): never the command, which would run another program.
var editableFields = map[string]bool{"private": true, "unprivileged": true, "chroot": true, "wakeup": true, "process_limit": true}

// masterTypes are master.cf's service types.
var masterTypes = map[string]bool{"inet": true, "unix": true, "unix-dgram": true, "fifo": true, "pass": true}

// masterKey splits service/type/name, checking the service and type.
func masterKey(s string) (svc, typ, name string, ok bool) {
	parts := strings.Split(s, "/")
	if len(parts) != 3 || !validWord(parts[0], "_-.:[]") || !masterTypes[parts[1]] || parts[2] == "" {
		return "", "", "", false
	}
	return parts[0], parts[1], parts[2], true
}

// indexedMaps are the table types postmap builds; the others are read as
// text (texthash) or not edited at all.
var indexedMaps = map[string]bool{"hash": true, "btree": true, "lmdb": true, "cdb": true, "dbm": true, "sdbm": true}

// KeyValueTable tells a table type whose source is a file of "key value"
// lines, which a line can be appended to: the indexed types (then
// postmap, Indexed) and texthash. A regexp, pcre, SQL or LDAP table reads
// another syntax.
func KeyValueTable(typ string) bool { return indexedMaps[typ] || typ == "texthash" }

// IndexedTable tells a table type postmap builds from its source file.
func IndexedTable(typ string) bool { return indexedMaps[typ] }

// TableList are the tables a list parameter names (transport_maps), in
// the order Postfix searches them: commas or blanks separate them, and a
// {...} group (inline:{ a=b, c=d }) is one table.
func TableList(v string) []string {
	var out []string
	depth, start := 0, -1
	for i := 0; i <= len(v); i++ {
		sep := i == len(v)
		if !sep {
			switch c := v[i]; {
			case c == '{':
				depth++
			case c == '}' && depth > 0:
				depth--
			case depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r'):
				sep = true
			}
		}
		switch {
		case sep && start >= 0:
			out = append(out, v[start:i])
			start = -1
		case !sep && start < 0:
			start = i
		}
	}
	return out
}

// EditableTable tells a table, type:/path, whose lines mxtop reads and
// adds to: a file of "key value" lines (KeyValueTable) named by an
// absolute path with no $parameter in it.
func EditableTable(table string) bool {
	typ, path, ok := strings.Cut(table, ":")
	return ok && KeyValueTable(typ) && filepath.IsAbs(path) && filepath.Clean(path) == path && !strings.Contains(path, "$")
}

// FileEdit is one file a configuration change touches.
type FileEdit struct {
	Path    string
	Old     []byte // nil when the file does not exist yet
	New     []byte
	Existed bool
	Mode    os.FileMode
}

// ConfigPlan is what applying changes would do: the files it rewrites,
// the tables postmap rebuilds, and their unified diff.
type ConfigPlan struct {
	Dir     string
	Changes []ConfigChange
	Files   []FileEdit
	Postmap []string // type:/path tables to rebuild
	Diff    string
}

func validWord(s string, extra string) bool {
	if s == "" || len(s) > 200 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(extra, c) >= 0) {
			return false
		}
	}
	return true
}

// checkChange refuses a change that could edit more than it says: a
// newline in a value, a parameter or service name outside postconf's
// alphabet, a table that is not a plain file postmap knows.
func checkChange(c ConfigChange) error {
	if strings.ContainsAny(c.Value, "\n\r\x00") || strings.ContainsAny(c.Key, "\n\r\x00 \t#") {
		return fmt.Errorf("change %q: a line break or blank where none belongs", c.String())
	}
	switch {
	case c.Param != "":
		if !validWord(c.Param, "_") {
			return fmt.Errorf("not a parameter name: %q", c.Param)
		}
	case c.Service != "":
		if !validWord(c.Service, "_-.:[]/") || strings.Count(c.Service, "/") != 1 {
			return fmt.Errorf("not a master.cf service/type: %q", c.Service)
		}
	case c.Field != "":
		_, _, field, ok := masterKey(c.Field)
		if !ok || !editableFields[field] {
			return fmt.Errorf("not a master.cf field mxtop edits: %q", c.Field)
		}
		if !validWord(c.Value, "-") {
			return fmt.Errorf("master.cf field %s: not a value: %q", c.Field, c.Value)
		}
	case c.ServiceParam != "":
		if _, _, param, ok := masterKey(c.ServiceParam); !ok || !validWord(param, "_") {
			return fmt.Errorf("not a master.cf service/type/parameter: %q", c.ServiceParam)
		}
	case c.Map != "":
		typ, path, ok := strings.Cut(c.Map, ":")
		if !ok || !KeyValueTable(typ) || !filepath.IsAbs(path) || filepath.Clean(path) != path {
			return fmt.Errorf("not a table mxtop edits: %q", c.Map)
		}
		if c.Key == "" {
			return fmt.Errorf("table %s: no key", c.Map)
		}
	default:
		return errors.New("an empty change")
	}
	return nil
}

// PlanConfig computes the changes on a copy of the configuration
// directory dir, with postconf -c COPY -e/-M for main.cf and master.cf
// and a line edit for tables, and returns the files that would change and
// their diff. The live files are only read.
func PlanConfig(ctx context.Context, ex Exec, dir string, changes []ConfigChange) (ConfigPlan, error) {
	// The diff's headers are "a" and "b" before the path, for patch -p1
	// -d /: a relative directory would give "aconf/main.cf".
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	plan := ConfigPlan{Dir: dir, Changes: changes}
	if len(changes) == 0 {
		return plan, errors.New("no configuration change to apply")
	}
	for _, c := range changes {
		if err := checkChange(c); err != nil {
			return plan, err
		}
	}
	tmp, err := os.MkdirTemp("", "mxtop-config-")
	if err != nil {
		return plan, err
	}
	defer os.RemoveAll(tmp)
	orig := map[string]FileEdit{}
	var order []string
	read := func(path string) error {
		if _, ok := orig[path]; ok {
			return nil
		}
		fe := FileEdit{Path: path, Mode: 0o644}
		b, err := os.ReadFile(path)
		switch {
		case err == nil:
			fe.Old, fe.Existed = b, true
			if st, err := os.Stat(path); err == nil {
				fe.Mode = st.Mode().Perm()
			}
		case !errors.Is(err, os.ErrNotExist):
			return err
		}
		fe.New = fe.Old
		orig[path] = fe
		order = append(order, path)
		return nil
	}
	for _, name := range []string{"main.cf", "master.cf"} {
		path := filepath.Join(dir, name)
		if err := read(path); err != nil {
			return plan, err
		}
		if err := os.WriteFile(filepath.Join(tmp, name), orig[path].Old, 0o644); err != nil {
			return plan, err
		}
	}
	routes := readRoutes(orig[filepath.Join(dir, "main.cf")].Old, orig[filepath.Join(dir, "master.cf")].Old)
	for _, c := range changes {
		switch {
		case c.Param != "":
			if out, err := ex.Run(ctx, nil, "postconf", "-c", tmp, "-e", c.Param+" = "+c.Value); err != nil {
				return plan, fmt.Errorf("postconf -e %s: %w %s", c.Param, err, strings.TrimSpace(string(out)))
			}
		case c.Service != "":
			if out, err := ex.Run(ctx, nil, "postconf", "-c", tmp, "-M", c.Service+"="+c.Value); err != nil {
				return plan, fmt.Errorf("postconf -M %s: %w %s", c.Service, err, strings.TrimSpace(string(out)))
			}
		case c.Field != "":
			if out, err := ex.Run(ctx, nil, "postconf", "-c", tmp, "-F", c.Field+"="+c.Value); err != nil {
				return plan, fmt.Errorf("postconf -F %s: %w %s", c.Field, err, strings.TrimSpace(string(out)))
			}
		case c.ServiceParam != "":
			if out, err := ex.Run(ctx, nil, "postconf", "-c", tmp, "-P", c.ServiceParam+"="+c.Value); err != nil {
				return plan, fmt.Errorf("postconf -P %s: %w %s", c.ServiceParam, err, strings.TrimSpace(string(out)))
			}
		case c.Map != "":
			table, err := setRoute(c, routes, func(path string) (*FileEdit, error) {
				if err := read(path); err != nil {
					return nil, err
				}
				fe := orig[path]
				return &fe, nil
			}, func(fe *FileEdit) { orig[fe.Path] = *fe })
			if err != nil {
				return plan, err
			}
			if typ, _, _ := strings.Cut(table, ":"); indexedMaps[typ] && !slices.Contains(plan.Postmap, table) {
				plan.Postmap = append(plan.Postmap, table)
			}
		}
	}
	for _, name := range []string{"main.cf", "master.cf"} {
		path := filepath.Join(dir, name)
		b, err := os.ReadFile(filepath.Join(tmp, name))
		if err != nil {
			return plan, err
		}
		fe := orig[path]
		fe.New = b
		orig[path] = fe
	}
	var diff strings.Builder
	for _, path := range order {
		fe := orig[path]
		if bytes.Equal(fe.Old, fe.New) {
			continue
		}
		plan.Files = append(plan.Files, fe)
		diff.WriteString(udiff.Unified("a"+path, "b"+path, string(fe.Old), string(fe.New)))
	}
	plan.Diff = diff.String()
	return plan, nil
}

// mapRoutes is what the directory's main.cf and master.cf say about a
// transport map's lines: whether "example.net" matches its subdomains
// (parent_domain_matches_subdomains lists transport_maps; else
// ".example.net" does), and the transports that run smtp with no -o
// options of their own, whose next hop an smtp transport can take over.
// tables are those transport_maps lists, in order.
type mapRoutes struct {
	parentMatches bool
	plainSMTP     map[string]bool
	tables        []string
}

func readRoutes(mainCf, masterCf []byte) mapRoutes {
	r := mapRoutes{plainSMTP: map[string]bool{"smtp": true}}
	params, _ := ParseParams(bytes.NewReader(mainCf))
	// A $name standing for the whole list is expanded as the
	// configuration read expands it.
	r.tables = TableList((&Config{Params: params}).Get("transport_maps"))
	r.parentMatches = slices.Contains(strings.Fields(strings.ReplaceAll(params["parent_domain_matches_subdomains"], ",", " ")), "transport_maps")
	services, _ := ParseMaster(bytes.NewReader(masterCf), 0)
	for _, s := range services {
		if s.Type == "unix" && s.Command == "smtp" && len(s.Options) == 0 {
			r.plainSMTP[s.Name] = true
		}
	}
	return r
}

// findMapEntry is the entry for key in a table's lines, as postmap reads
// them: a logical line starts with non-whitespace, and lines that start
// with whitespace continue it (blank and comment lines between do not end
// it); its first field is the key, quoted or not, matched in any case,
// since postmap folds keys. It returns the entry's first line (-1 when
// there is none), its value's fields and its continuation lines.
func findMapEntry(lines []string, key string) (int, []string, []int) {
	for i, l := range lines {
		f := strings.Fields(l)
		if len(f) == 0 || l[0] == ' ' || l[0] == '\t' || l[0] == '#' || !strings.EqualFold(unquoteMapKey(f[0]), key) {
			continue
		}
		vals := f[1:]
		var cont []int
		for j := i + 1; j < len(lines); j++ {
			t := strings.TrimSpace(lines[j])
			if t == "" || t[0] == '#' {
				continue
			}
			if lines[j][0] != ' ' && lines[j][0] != '\t' {
				break
			}
			vals = append(vals, strings.Fields(lines[j])...)
			cont = append(cont, j)
		}
		return i, vals, cont
	}
	return -1, nil, nil
}

// routeTable is one table transport_maps lists: its lines when mxtop
// can read them (readable false: a type of another syntax, a path it
// cannot use, a source file that is not there).
type routeTable struct {
	spec     string
	fe       *FileEdit
	lines    []string
	readable bool
}

// setRoute sets c.Key to c.Value in the transport table where Postfix
// would find c.Key, and returns that table. trivial-rewrite looks each
// key up in every table transport_maps lists, in order, before it tries
// the next key: the domain's own line wins in the first table that has
// one, and is changed there; without one, the line goes into the first
// table. When c.Value names no next hop ("slow:"), the route the domain
// has is kept: the next hop, or list of them, of its own line ("slow:"
// on "smtp:[relay]" is "slow:[relay]") or, lacking one, of the line of
// the nearest domain it is part of, then of "*", in whichever table; an
// empty next hop would send its mail to its MX, past the relay that line
// names. A line of a transport that is not plain smtp (lmtp, a relay
// with -o options) refuses the change: the new transport would deliver
// its mail another way. So does a table mxtop cannot read where it may
// route the domain first: before the domain's own line, or anywhere when
// there is none (a regexp or pcre table matches the whole address before
// any domain line, wherever it is listed); a line added then could be
// shadowed by the route in that table, or shadow it.
func setRoute(c ConfigChange, routes mapRoutes, load func(path string) (*FileEdit, error), store func(*FileEdit)) (string, error) {
	listed := routes.tables
	if len(listed) == 0 {
		// A table the same changes give transport_maps.
		listed = []string{c.Map}
	} else if !slices.Contains(listed, c.Map) {
		return "", fmt.Errorf("table %s: not among the tables transport_maps lists (%s): a line there would route nothing", c.Map, strings.Join(listed, ", "))
	}
	tables := make([]routeTable, len(listed))
	for i, spec := range listed {
		t := routeTable{spec: spec}
		if EditableTable(spec) {
			_, path, _ := strings.Cut(spec, ":")
			fe, err := load(path)
			if err != nil {
				return "", err
			}
			// A listed table whose source is not there may still have
			// its indexed file, whose lines are unknown; without that
			// too, or listed anew by this plan, it is empty.
			t.fe, t.readable = fe, fe.Existed || len(routes.tables) == 0 || !indexExists(spec)
			t.lines = strings.SplitAfter(string(fe.New), "\n")
		}
		tables[i] = t
	}
	// unread is the first table mxtop cannot read, in words.
	unread := ""
	for _, t := range tables {
		if !t.readable {
			if unread == "" {
				unread = t.spec + ", which mxtop cannot read"
				if EditableTable(t.spec) {
					unread = t.spec + ", whose source file is not there to read, only the file postmap built from it"
				}
			}
			continue
		}
		at, vals, cont := findMapEntry(t.lines, c.Key)
		if at < 0 {
			continue
		}
		if unread != "" {
			return "", fmt.Errorf("%s: transport_maps lists %s, before %s, which has a line for it: a line there may route it first, so its route is not changed; route it by hand", c.Key, unread, t.spec)
		}
		line, err := routeLine(c.Key, c.Value, c.Key, vals, routes)
		if err != nil {
			return "", fmt.Errorf("table %s: %w", t.spec, err)
		}
		t.lines[at] = line + "\n"
		for _, j := range cont {
			t.lines[j] = ""
		}
		t.fe.New = []byte(strings.Join(t.lines, ""))
		store(t.fe)
		return t.spec, nil
	}
	if unread != "" {
		return "", fmt.Errorf("%s: transport_maps lists %s: a line there for it, or for a domain it is part of (a regexp or pcre table matches the whole address before any domain line), may route it, and a line added for it could change that route; route it by hand", c.Key, unread)
	}
	from, vals := c.Key, []string(nil)
	if _, hop, ok := strings.Cut(c.Value, ":"); ok && hop == "" {
		from, vals = parentRoute(tables, c.Key, routes)
	}
	line, err := routeLine(c.Key, c.Value, from, vals, routes)
	if err != nil {
		return "", fmt.Errorf("table %s: %w", tables[0].spec, err)
	}
	first := tables[0]
	s := string(first.fe.New)
	if s != "" && !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	first.fe.New = []byte(s + line + "\n")
	store(first.fe)
	return first.spec, nil
}

// indexExists tells whether the file postmap builds for a table,
// type:/path, is there.
func indexExists(table string) bool {
	typ, path, _ := strings.Cut(table, ":")
	var suffixes []string
	switch typ {
	case "hash", "btree":
		suffixes = []string{".db"}
	case "lmdb":
		suffixes = []string{".lmdb"}
	case "cdb":
		suffixes = []string{".cdb"}
	case "dbm", "sdbm":
		suffixes = []string{".dir", ".pag"}
	}
	for _, s := range suffixes {
		if _, err := os.Lstat(path + s); err == nil {
			return true
		}
	}
	return false
}

// parentRoute is the line that routes key when no table has one of its
// own, as trivial-rewrite looks it up: each domain key is part of, the
// nearest first (".example.net", or "example.net" when
// parent_domain_matches_subdomains lists transport_maps), then "*", each
// in every table in order. It returns the line's key and its value's
// fields, none when no line routes key.
func parentRoute(tables []routeTable, key string, routes mapRoutes) (string, []string) {
	var keys []string
	for rest := key; ; {
		_, parent, ok := strings.Cut(rest, ".")
		if !ok || parent == "" {
			break
		}
		rest = parent
		if routes.parentMatches {
			keys = append(keys, parent)
		} else {
			keys = append(keys, "."+parent)
		}
	}
	for _, k := range append(keys, "*") {
		for _, t := range tables {
			if at, vals, _ := findMapEntry(t.lines, k); at >= 0 {
				return k, vals
			}
		}
	}
	return key, nil
}

// routeLine is the table line that routes key to value; when value
// names no next hop, with the next hop of vals, the value of the line
// (of key from) that routes key now.
func routeLine(key, value, from string, vals []string, routes mapRoutes) (string, error) {
	line := key + "\t" + value
	tr, hop, ok := strings.Cut(value, ":")
	if !ok || hop != "" || len(vals) == 0 {
		return line, nil
	}
	// The next hop is all after the transport's colon: a list of them
	// (Postfix 3.5 and later) runs over several fields.
	was := strings.Join(vals, " ")
	oldTr, old, _ := strings.Cut(was, ":")
	if oldTr != tr && oldTr != "" && !routes.plainSMTP[oldTr] {
		return "", fmt.Errorf("%s is routed by the line %q, whose transport %s is not smtp without -o options: the %s transport would deliver its mail another way, so it is not changed; route it by hand", key, from+" "+was, oldTr, tr)
	}
	if old != "" {
		line = key + "\t" + tr + ":" + old
	}
	return line, nil
}

// unquoteMapKey is a table key without the double quotes postmap allows
// around it (Postfix 3.2 and later).
func unquoteMapKey(k string) string {
	if len(k) < 2 || k[0] != '"' || k[len(k)-1] != '"' {
		return k
	}
	var b strings.Builder
	for i := 1; i < len(k)-1; i++ {
		if k[i] == '\\' && i+1 < len(k)-1 {
			i++ // a backslash quotes the next character
		}
		b.WriteByte(k[i])
	}
	return b.String()
}

// backupEntry is one file of a backup's manifest.
type backupEntry struct {
	Path    string      `json:"path"`
	Backup  string      `json:"backup,omitempty"` // file name in the backup directory; "" when the file did not exist
	Mode    os.FileMode `json:"mode"`
	Existed bool        `json:"existed"`
	// Written is the SHA-256 of what the change wrote (hex): undo puts
	// back only a file that still holds it. Empty in older backups.
	Written string `json:"written_sha256,omitempty"`
	// Saved is the SHA-256 of the copy (hex): a copy changed since is
	// not put back. Empty in older backups.
	Saved string `json:"saved_sha256,omitempty"`
}

type manifest struct {
	Dir     string        `json:"config_directory"`
	Time    time.Time     `json:"time"`
	Files   []backupEntry `json:"files"`
	Postmap []string      `json:"postmap,omitempty"`
}

// ApplyResult is what applying (or undoing) did.
type ApplyResult struct {
	Backup string   // the backup directory
	Steps  []string // what ran, in order, with its outcome
}

// writeFileAtomic replaces path by data with mode: a temporary file in the
// same directory renamed over it, so Postfix never reads half a file. A
// link is followed: the file it names is replaced, and the link stays.
// The file keeps its owner and group (a table of group postfix, mode
// 0640, must stay readable to Postfix's daemons).
func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	uid, gid, owned := -1, -1, false
	if fi, err := os.Stat(path); err == nil {
		uid, gid, owned = fileOwner(fi)
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".mxtop-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	if werr == nil && owned {
		if err := f.Chown(uid, gid); err != nil && !errors.Is(err, os.ErrPermission) {
			werr = err
		}
	}
	if werr == nil {
		werr = f.Chmod(mode)
	}
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp, path)
	}
	if werr != nil {
		os.Remove(tmp)
	}
	return werr
}

// ApplyConfig applies a plan: it copies the files it touches to a new
// timestamped directory under backupRoot, writes the new files, runs
// postfix check (on failure it puts the backup back and returns the
// error), postmap for the tables that changed, and postfix reload. A file
// changed since the plan was made stops it before anything is written.
func ApplyConfig(ctx context.Context, ex Exec, plan ConfigPlan, backupRoot string, now time.Time) (ApplyResult, error) {
	var res ApplyResult
	if len(plan.Files) == 0 {
		return res, errors.New("nothing would change")
	}
	for _, fe := range plan.Files {
		cur, err := os.ReadFile(fe.Path)
		if errors.Is(err, os.ErrNotExist) && !fe.Existed {
			continue
		}
		if err != nil || !bytes.Equal(cur, fe.Old) {
			return res, fmt.Errorf("%s changed since the preview: nothing applied", fe.Path)
		}
	}
	dir, m, err := writeBackup(plan, backupRoot, now)
	if err != nil {
		return res, fmt.Errorf("backup: %w (nothing applied)", err)
	}
	res.Backup = dir
	res.Steps = append(res.Steps, "backup "+dir)
	for _, fe := range plan.Files {
		if err := writeFileAtomic(fe.Path, fe.New, fe.Mode); err != nil {
			rerr := rollBack(m, dir)
			return res, errors.Join(fmt.Errorf("writing %s: %w", fe.Path, err), rerr)
		}
		res.Steps = append(res.Steps, "wrote "+fe.Path)
	}
	if out, err := ex.Run(ctx, nil, "postfix", "-c", plan.Dir, "check"); err != nil {
		rerr := rollBack(m, dir)
		msg := strings.TrimSpace(string(out))
		res.Steps = append(res.Steps, "postfix check failed: restored the backup")
		return res, errors.Join(fmt.Errorf("postfix check: %w %s: the backup is back in place", err, msg), rerr)
	}
	res.Steps = append(res.Steps, "postfix check: ok")
	for _, t := range plan.Postmap {
		if out, err := ex.Run(ctx, nil, "postmap", t); err != nil {
			// The tables built before this one hold the change: they are
			// built again from the restored text, also when this one was
			// stopped (esc, a signal), which ends ctx.
			// A stop (esc, a signal) ends ctx: what it kills is not
			// built again here, and the backup stays for undo, which
			// finds the files back and rebuilds the tables.
			rerr := restore(m, dir)
			_, merr := rebuildMaps(ctx, ex, m.Postmap)
			if rerr == nil && merr == nil {
				rerr = os.Rename(dir, dir+failedSuffix)
			} else {
				merr = errors.Join(merr, fmt.Errorf("the backup %s stays: u (or mxtop undo) rebuilds the tables", dir))
			}
			return res, errors.Join(fmt.Errorf("postmap %s: %w %s: the backup is back in place", t, err, strings.TrimSpace(string(out))), rerr, merr)
		}
		res.Steps = append(res.Steps, "postmap "+t+": ok")
	}
	if out, err := ex.Run(ctx, nil, "postfix", "-c", plan.Dir, "reload"); err != nil {
		res.Steps = append(res.Steps, "postfix reload failed")
		return res, fmt.Errorf("applied, but postfix reload: %w %s", err, strings.TrimSpace(string(out)))
	}
	res.Steps = append(res.Steps, "postfix reload: ok")
	return res, nil
}

func writeBackup(plan ConfigPlan, root string, now time.Time) (string, manifest, error) {
	m := manifest{Dir: plan.Dir, Time: now.UTC(), Postmap: plan.Postmap}
	if err := os.MkdirAll(root, 0o700); err != nil {
		return "", m, err
	}
	base := filepath.Join(root, now.UTC().Format("20060102T150405.000Z"))
	dir := base
	for n := 2; ; n++ {
		err := os.Mkdir(dir, 0o700)
		if err == nil {
			break
		}
		if !errors.Is(err, os.ErrExist) || n > 100 {
			return "", m, err
		}
		dir = fmt.Sprintf("%s-%d", base, n)
	}
	for i, fe := range plan.Files {
		sum, saved := sha256.Sum256(fe.New), sha256.Sum256(fe.Old)
		e := backupEntry{Path: fe.Path, Mode: fe.Mode, Existed: fe.Existed, Written: hex.EncodeToString(sum[:])}
		if fe.Existed {
			e.Saved = hex.EncodeToString(saved[:])
		}
		if fe.Existed {
			e.Backup = fmt.Sprintf("%02d-%s", i, filepath.Base(fe.Path))
			if err := os.WriteFile(filepath.Join(dir, e.Backup), fe.Old, 0o600); err != nil {
				return dir, m, err
			}
		}
		m.Files = append(m.Files, e)
	}
	js, _ := json.MarshalIndent(m, "", "  ")
	return dir, m, writeFileAtomic(filepath.Join(dir, "manifest.json"), js, 0o600)
}

// failedSuffix marks a backup whose apply failed and was rolled back:
// there is nothing of it to undo.
const failedSuffix = ".failed"

// rollBack restores a backup after its apply failed, and marks it so.
func rollBack(m manifest, dir string) error {
	if err := restore(m, dir); err != nil {
		return err
	}
	return os.Rename(dir, dir+failedSuffix)
}

// restore puts a backup's files back byte for byte; a file that did not
// exist before is removed, one that holds its copy is left as it is.
func restore(m manifest, dir string) error {
	// Every copy is read and checked before any file is touched: a copy
	// changed since the backup stops it all, not half of it.
	copies := make([][]byte, len(m.Files))
	for i, e := range m.Files {
		if !e.Existed {
			continue
		}
		copyPath := filepath.Join(dir, e.Backup)
		if fi, err := os.Lstat(copyPath); err == nil && !fi.Mode().IsRegular() {
			return fmt.Errorf("restoring %s: its copy %s is not a regular file: nothing put back", e.Path, copyPath)
		}
		b, err := os.ReadFile(copyPath)
		if err != nil {
			return fmt.Errorf("restoring %s: %w", e.Path, err)
		}
		if sum := sha256.Sum256(b); e.Saved != "" && hex.EncodeToString(sum[:]) != e.Saved {
			return fmt.Errorf("restoring %s: its copy %s changed since the backup: nothing put back", e.Path, filepath.Join(dir, e.Backup))
		}
		copies[i] = b
	}
	var errs []error
	for i, e := range m.Files {
		if !e.Existed {
			if err := os.Remove(e.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, err)
			}
			continue
		}
		b := copies[i]
		if cur, err := os.ReadFile(e.Path); err == nil && bytes.Equal(cur, b) {
			if fi, err := os.Stat(e.Path); err == nil && fi.Mode().Perm() == e.Mode.Perm() {
				continue // never written, or written back already
			}
		}
		if err := writeFileAtomic(e.Path, b, e.Mode); err != nil {
			errs = append(errs, fmt.Errorf("restoring %s: %w", e.Path, err))
		}
	}
	return errors.Join(errs...)
}

// rebuildMaps runs postmap on the tables that exist; the error names
// those it failed on.
func rebuildMaps(ctx context.Context, ex Exec, tables []string) ([]string, error) {
	var steps []string
	var errs []error
	for _, t := range tables {
		_, path, _ := strings.Cut(t, ":")
		if _, err := os.Stat(path); err != nil {
			continue
		}
		if out, err := ex.Run(ctx, nil, "postmap", t); err != nil {
			errs = append(errs, fmt.Errorf("postmap %s: %w %s", t, err, strings.TrimSpace(string(out))))
		} else {
			steps = append(steps, "postmap "+t+": ok")
		}
	}
	return steps, errors.Join(errs...)
}

// LastBackup is the newest backup under root not yet undone, "" for none.
func LastBackup(root string) (string, error) {
	return lastBackup(root, func(dir string) bool {
		_, err := os.Stat(filepath.Join(dir, "manifest.json"))
		return err == nil
	})
}

// lastBackup is the newest backup under root, neither undone nor rolled
// back, that keep takes, "" for none.
func lastBackup(root string, keep func(dir string) bool) (string, error) {
	ents, err := os.ReadDir(root)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	var names []string
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() && !strings.HasSuffix(n, ".undone") && !strings.HasSuffix(n, failedSuffix) && keep(filepath.Join(root, n)) {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return "", nil
	}
	sort.Strings(names)
	return filepath.Join(root, names[len(names)-1]), nil
}

// readManifest reads and checks a backup's manifest before anything of
// it is restored: the backup must be this user's own, in a directory no
// one else may write to; each file's copy must lie in the backup itself;
// and each file must hold what the change wrote, not an edit made since.
func readManifest(root, dir string) (manifest, error) {
	var m manifest
	for _, d := range []string{root, dir} {
		if err := privateDir(d); err != nil {
			return m, fmt.Errorf("not restored: %w", err)
		}
	}
	path := filepath.Join(dir, "manifest.json")
	if err := privateFile(path); err != nil {
		return m, fmt.Errorf("not restored: %w", err)
	}
	js, err := os.ReadFile(path)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(js, &m); err != nil {
		return m, fmt.Errorf("%s: %w", dir, err)
	}
	for _, e := range m.Files {
		if !filepath.IsAbs(e.Path) || filepath.Clean(e.Path) != e.Path {
			return m, fmt.Errorf("%s: file %q is no clean absolute path: not restored", path, e.Path)
		}
		if e.Existed && (e.Backup == "" || e.Backup != filepath.Base(e.Backup) || e.Backup == ".." || e.Backup == ".") {
			return m, fmt.Errorf("%s: copy %q of %s is not a file of the backup: not restored", path, e.Backup, e.Path)
		}
		if e.Written == "" {
			continue
		}
		cur, err := os.ReadFile(e.Path)
		h := sha256.Sum256(cur)
		sum := hex.EncodeToString(h[:])
		if err == nil && e.Saved != "" && sum == e.Saved {
			continue // put back already, by an undo or a rollback that stopped after it
		}
		if err != nil || sum != e.Written {
			return m, fmt.Errorf("%s changed since the change was applied (edited by hand?): nothing restored; its copy from before the change is %s", e.Path, filepath.Join(dir, e.Backup))
		}
	}
	return m, nil
}

// LastBackupFor is LastBackup among the backups of the configuration
// directory configDir: instances may share a backup directory.
func LastBackupFor(root, configDir string) (string, error) {
	return lastBackup(root, func(dir string) bool {
		js, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
		var m manifest
		return err == nil && json.Unmarshal(js, &m) == nil && filepath.Clean(m.Dir) == filepath.Clean(configDir)
	})
}

// UndoConfig restores the newest backup under root byte for byte, rebuilds
// its tables, runs postfix check and postfix reload, and marks the backup
// undone so that the next undo goes one further back.
func UndoConfig(ctx context.Context, ex Exec, root string) (ApplyResult, error) {
	dir, err := LastBackup(root)
	if err != nil {
		return ApplyResult{}, err
	}
	if dir == "" {
		return ApplyResult{}, fmt.Errorf("no backup to restore in %s", root)
	}
	return UndoBackup(ctx, ex, root, dir)
}

// UndoBackup is UndoConfig for the backup dir under root.
func UndoBackup(ctx context.Context, ex Exec, root, dir string) (ApplyResult, error) {
	var res ApplyResult
	if filepath.Dir(filepath.Clean(dir)) != filepath.Clean(root) {
		return res, fmt.Errorf("%s is not a backup in %s", dir, root)
	}
	res.Backup = dir
	m, err := readManifest(root, dir)
	if err != nil {
		return res, err
	}
	if err := restore(m, dir); err != nil {
		return res, err
	}
	for _, e := range m.Files {
		res.Steps = append(res.Steps, "restored "+e.Path)
	}
	steps, err := rebuildMaps(ctx, ex, m.Postmap)
	res.Steps = append(res.Steps, steps...)
	if err != nil {
		// The backup stays: undo again once postmap works.
		return res, fmt.Errorf("restored the files, but %w: Postfix still reads the changed table", err)
	}
	if err := os.Rename(dir, dir+".undone"); err != nil {
		return res, err
	}
	if out, err := ex.Run(ctx, nil, "postfix", "-c", m.Dir, "check"); err != nil {
		return res, fmt.Errorf("restored, but postfix check: %w %s", err, strings.TrimSpace(string(out)))
	}
	res.Steps = append(res.Steps, "postfix check: ok")
	if out, err := ex.Run(ctx, nil, "postfix", "-c", m.Dir, "reload"); err != nil {
		return res, fmt.Errorf("restored, but postfix reload: %w %s", err, strings.TrimSpace(string(out)))
	}
	res.Steps = append(res.Steps, "postfix reload: ok")
	return res, nil
}

// PatchBaseDiffers reports how the configuration in dir, which a patch is
// written against, differs from analysed, the configuration the changes
// were worked out from (saved postconf output may be another host's), in
// what the changes touch: a main.cf parameter's value as written, a
// master.cf service's command or its presence, and for a route in the
// transport table, transport_maps and the service it routes to. A change made on another
// base may not do what its hint says: a postscreen_* -o parameter given
// to a plain smtpd does nothing, and a limit raised from the value read
// may lower the directory's. nil when they agree, or nothing was read.
func PatchBaseDiffers(analysed *Config, dir string, changes []ConfigChange) error {
	diffs := BaseDiffs(analysed, dir, changes)
	if len(diffs) == 0 {
		return nil
	}
	return fmt.Errorf("not written: the hints were worked out from another configuration than %s's, and their changes would not do there what they say (%s); write the patch on the host the configuration read is from, or against its directory (--config-dir)", dir, strings.Join(diffs, "; "))
}

// BaseDiffs are PatchBaseDiffers' differences, sorted, each once.
func BaseDiffs(analysed *Config, dir string, changes []ConfigChange) []string {
	if analysed == nil {
		return nil
	}
	var params map[string]string
	if f, err := os.Open(filepath.Join(dir, "main.cf")); err == nil {
		params, _ = ParseParams(f)
		f.Close()
	}
	var services []Service
	if f, err := os.Open(filepath.Join(dir, "master.cf")); err == nil {
		services, _ = ParseMaster(f, 0)
		f.Close()
	}
	var diffs []string
	param := func(name string) {
		was, now := analysed.Explicit[name], params[name]
		if strings.Join(strings.Fields(was), " ") != strings.Join(strings.Fields(now), " ") {
			diffs = append(diffs, fmt.Sprintf("%s is %q in the configuration read, %q in %s", name, was, now, filepath.Join(dir, "main.cf")))
		}
	}
	for _, c := range changes {
		if c.Param != "" {
			param(c.Param)
			continue
		}
		key := c.Service + c.Field + c.ServiceParam
		if c.Map != "" {
			// A route goes into the table transport_maps names, and to a
			// transport master.cf has: in another directory, it may land
			// in a table main.cf does not read, or name a service that is
			// not there, whose mail then waits ("mail transport
			// unavailable").
			param("transport_maps")
			tr, _, _ := strings.Cut(c.Value, ":")
			if tr == "" {
				continue
			}
			key = tr + "/unix"
		}
		if parts := strings.SplitN(key, "/", 3); len(parts) >= 2 {
			key = parts[0] + "/" + parts[1]
		}
		name, typ, _ := strings.Cut(key, "/")
		read, inRead := analysed.Service(name, typ)
		var here Service
		inDir := false
		for _, s := range services {
			if s.Key() == key {
				here, inDir = s, true
			}
		}
		switch {
		case !inRead && !inDir:
		case !inDir:
			diffs = append(diffs, fmt.Sprintf("%s runs %s in the configuration read, and is not in %s", key, read.Command, filepath.Join(dir, "master.cf")))
		case !inRead:
			diffs = append(diffs, fmt.Sprintf("%s is not in the configuration read, and runs %s in %s", key, here.Command, filepath.Join(dir, "master.cf")))
		case read.Command != here.Command:
			diffs = append(diffs, fmt.Sprintf("%s runs %s in the configuration read, %s in %s", key, read.Command, here.Command, filepath.Join(dir, "master.cf")))
		}
	}
	slices.Sort(diffs)
	return slices.Compact(diffs)
}
