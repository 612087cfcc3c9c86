package analyzers

import "mxtop/sources"

// Sanitize makes log text safe for a terminal (see sources.Sanitize, the
// one implementation, which doctor shares).
func Sanitize(s string) string { return sources.Sanitize(s) }

// SanitizeLine is Sanitize for a single line: newlines and tabs become
// spaces too.
func SanitizeLine(s string) string { return sources.SanitizeLine(s) }
