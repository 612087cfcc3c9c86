package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// listedPackage is what go list says of one of the module's packages.
type listedPackage struct {
	ImportPath string
	Name       string
	Imports    []string // direct, tests excluded
	Deps       []string // every package it depends on, transitively
}

// rule forbids packages of from (every package when from is empty)
// depending on packages matching to, directly or through another package.
type rule struct {
	from []string
	to   *regexp.Regexp
	why  string
}

var charm = `^(charm\.land/|github\.com/charmbracelet/)`

var rules = []rule{
	{[]string{"mxtop/sources", "mxtop/analyzers"}, regexp.MustCompile(charm), "sources and analyzers draw nothing: only model and ui use the charm libraries"},
	{[]string{"mxtop/sources", "mxtop/analyzers"}, regexp.MustCompile(`^mxtop/(model|ui)$`), "dependencies point one way: model and ui are above"},
	{[]string{"mxtop/sources"}, regexp.MustCompile(`^mxtop/analyzers$`), "sources only read the outside world; analyzers are above"},
	{[]string{"mxtop/ui"}, regexp.MustCompile(`^mxtop/model$`), "ui renders what model gives it; model is above"},
	{nil, regexp.MustCompile(`^mxtop/(.+test|internal/golden)$`), "test helpers are for tests only"},
}

// violations lists the rules the packages break, and any import of main.
func violations(pkgs []listedPackage) []string {
	var out []string
	for _, p := range pkgs {
		for _, r := range rules {
			if r.from != nil && !slices.Contains(r.from, p.ImportPath) {
				continue
			}
			for _, d := range p.Deps {
				if r.to.MatchString(d) {
					out = append(out, fmt.Sprintf("%s depends on %s: %s", p.ImportPath, d, r.why))
				}
			}
		}
		for _, imp := range p.Imports {
			for _, q := range pkgs {
				if q.ImportPath == imp && q.Name == "main" {
					out = append(out, fmt.Sprintf("%s imports the command %s", p.ImportPath, imp))
				}
			}
		}
	}
	return out
}

// edges are the imports between the module's packages, as "from to" with
// the "mxtop/" prefix dropped and the root called main.
func edges(pkgs []listedPackage) []string {
	short := func(path string) string {
		if path == "mxtop" {
			return "main"
		}
		return strings.TrimPrefix(path, "mxtop/")
	}
	var out []string
	for _, p := range pkgs {
		for _, imp := range p.Imports {
			if imp == "mxtop" || strings.HasPrefix(imp, "mxtop/") {
				out = append(out, short(p.ImportPath)+" "+short(imp))
			}
		}
	}
	sort.Strings(out)
	return out
}

// documented reads the edges from ARCHITECTURE.md's layer diagram: a
// package name alone on a line, then "│  imports a, b".
func documented(doc string) []string {
	var out []string
	from := ""
	for _, l := range strings.Split(doc, "\n") {
		l = strings.TrimSpace(l)
		if regexp.MustCompile(`^[a-z]+$`).MatchString(l) {
			from = l
		}
		if _, list, ok := strings.Cut(l, "│  imports "); ok && from != "" {
			for _, to := range strings.Split(list, ",") {
				out = append(out, from+" "+strings.TrimSpace(to))
			}
		}
	}
	sort.Strings(out)
	return out
}

func goList(t *testing.T) []listedPackage {
	t.Helper()
	// Without -pgo=off, default.pgo makes go list name the command's
	// own copies of the packages ("mxtop/model [mxtop]").
	cmd := exec.Command("go", "list", "-pgo=off", "-json", "./...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listedPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// The packages keep to the layering, and ARCHITECTURE.md's diagram shows
// exactly the imports that exist.
func TestArchitecture(t *testing.T) {
	pkgs := goList(t)
	for _, v := range violations(pkgs) {
		t.Error(v)
	}
	doc, err := os.ReadFile("ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	real, drawn := edges(pkgs), documented(string(doc))
	if !slices.Equal(real, drawn) {
		t.Errorf("ARCHITECTURE.md's diagram shows the imports\n  %s\nbut the packages import\n  %s",
			strings.Join(drawn, "\n  "), strings.Join(real, "\n  "))
	}
}

// The check catches each kind of violation.
func TestArchitectureViolations(t *testing.T) {
	bad := []listedPackage{
		{ImportPath: "mxtop", Name: "main"},
		{ImportPath: "mxtop/sources", Deps: []string{"fmt", "mxtop/analyzers"}},
		{ImportPath: "mxtop/analyzers", Deps: []string{"github.com/charmbracelet/x/ansi", "mxtop/ui"}},
		{ImportPath: "mxtop/ui", Imports: []string{"mxtop"}, Deps: []string{"charm.land/lipgloss/v2", "mxtop/model"}},
		{ImportPath: "mxtop/model", Deps: []string{"mxtop/sources/sourcestest"}},
	}
	got := strings.Join(violations(bad), "\n")
	for _, want := range []string{
		"mxtop/sources depends on mxtop/analyzers",
		"mxtop/analyzers depends on github.com/charmbracelet/x/ansi",
		"mxtop/analyzers depends on mxtop/ui",
		"mxtop/ui depends on mxtop/model",
		"mxtop/ui imports the command mxtop",
		"mxtop/model depends on mxtop/sources/sourcestest",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("%q not reported in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "lipgloss") {
		t.Errorf("ui may use lipgloss:\n%s", got)
	}
	doc := "main\n │  imports model, sources\n ▼\nmodel\n │  imports ui\n"
	if got := documented(doc); !slices.Equal(got, []string{"main model", "main sources", "model ui"}) {
		t.Errorf("documented %q", got)
	}
}
