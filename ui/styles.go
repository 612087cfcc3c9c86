// Package ui renders mxtop's screen: panes, layout, styles and key help.
// Everything here is a pure function of the data and view state it is
// given; it reads no source and changes no state.
package ui

import (
	"charm.land/lipgloss/v2"

	"mxtop/analyzers"
	"mxtop/sources"
)

// Styles is the one palette. It uses the 16 ANSI colours so the user's
// terminal theme applies; with colour off every style is plain. Colour is
// never the only signal: severities and classes are also written out.
type Styles struct {
	Color  bool
	OK     lipgloss.Style
	Warn   lipgloss.Style
	Err    lipgloss.Style
	Faint  lipgloss.Style
	Accent lipgloss.Style
	Border lipgloss.Style
	Focus  lipgloss.Style // focused pane's border and title
	Title  lipgloss.Style
	Select lipgloss.Style // selected row
	Header lipgloss.Style // table headers
	Status lipgloss.Style
	Flash  lipgloss.Style
}

// NewStyles builds the palette; color false gives plain text.
func NewStyles(color bool) Styles {
	p := lipgloss.NewStyle()
	if !color {
		return Styles{OK: p, Warn: p, Err: p, Faint: p, Accent: p, Border: p, Focus: p, Title: p, Select: p.Reverse(true), Header: p, Status: p, Flash: p}
	}
	return Styles{
		Color:  true,
		OK:     p.Foreground(lipgloss.Green),
		Warn:   p.Foreground(lipgloss.Yellow),
		Err:    p.Foreground(lipgloss.Red).Bold(true),
		Faint:  p.Foreground(lipgloss.BrightBlack),
		Accent: p.Foreground(lipgloss.Cyan),
		Border: p.Foreground(lipgloss.BrightBlack),
		Focus:  p.Foreground(lipgloss.Cyan).Bold(true),
		Title:  p.Bold(true),
		Select: p.Reverse(true),
		Header: p.Bold(true),
		Status: p.Foreground(lipgloss.White).Background(lipgloss.Blue),
		Flash:  p.Foreground(lipgloss.Black).Background(lipgloss.Yellow),
	}
}

// Severity styles a hint severity.
func (s Styles) Severity(sev analyzers.Severity) lipgloss.Style {
	switch sev {
	case analyzers.SevCritical:
		return s.Err
	case analyzers.SevWarning:
		return s.Warn
	}
	return s.Faint
}

// Class styles an error class: the throttling classes red, the rest
// yellow, none plain.
func (s Styles) Class(c sources.Class) lipgloss.Style {
	switch c {
	case sources.ClassNone:
		return lipgloss.NewStyle()
	case sources.ClassConnLimit, sources.ClassRateLimit, sources.ClassProcessLimit, sources.ClassInboundConnLimit,
		sources.ClassInboundRateLimit, sources.ClassPortsBusy, sources.ClassFDLimit, sources.ClassTableConnLimit,
		sources.ClassDaemonCrash, sources.ClassConfigError:
		return s.Err
	case sources.ClassVersionStart:
		return s.Accent
	}
	return s.Warn
}

// Health styles a source state.
func (s Styles) Health(h sources.Health) lipgloss.Style {
	switch h {
	case sources.HealthOK:
		return s.OK
	case sources.HealthDegraded, sources.HealthWaiting:
		return s.Warn
	}
	return s.Err
}
