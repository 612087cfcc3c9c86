package analyzers

import (
	"sort"
	"strings"
)

// addBounded counts key in m, or under other once m holds max keys, so a
// log naming endless distinct values keeps the map's size bounded and its
// total exact. The key is copied on every count: it may be a substring of
// a log line, and assigning to a map stores the key given even over an
// equal one, which would leave the map pointing into line memory that a
// replay reuses.
func addBounded[V int | uint64](m map[string]V, key string, max int, other string) {
	if _, ok := m[key]; !ok && len(m) >= max {
		m[other]++
		return
	}
	m[strings.Clone(key)]++
}

// sortedKeys lists a map's keys in order, for output that reads the same
// on every run.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
