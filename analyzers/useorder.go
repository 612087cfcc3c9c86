package analyzers

import (
	"cmp"
	"slices"
)

// useOrder lists a bounded table's keys by last use, oldest from head, so
// that the table can forget its least recently used entry when full. Each
// entry holds the seq of its last use; a ref whose seq is no longer its
// entry's is stale and skipped. Most tables never fill, so the order is
// built only when one first does (start, from the entries' seqs) and
// takes every use from then on: until then a use costs no append.
type useOrder[K any] struct {
	refs []useRef[K]
	head int
}

type useRef[K any] struct {
	key K
	seq uint64
}

// on reports whether the order is kept.
func (o *useOrder[K]) on() bool { return o.refs != nil }

// start builds the order of a table of n entries from each one's key and
// seq, which each hands to add.
func (o *useOrder[K]) start(n int, each func(add func(K, uint64))) {
	o.refs, o.head = make([]useRef[K], 0, 2*n+1024), 0
	each(func(k K, seq uint64) { o.refs = append(o.refs, useRef[K]{k, seq}) })
	slices.SortFunc(o.refs, func(a, b useRef[K]) int { return cmp.Compare(a.seq, b.seq) })
}

// stop drops the order until the next start.
func (o *useOrder[K]) stop() { o.refs, o.head = nil, 0 }

// used notes a use of k at seq and reports whether the order is mostly
// stale, over twice the n entries of the table: then it is to be
// compacted (or stopped).
func (o *useOrder[K]) used(k K, seq uint64, n int) bool {
	o.refs = append(o.refs, useRef[K]{k, seq})
	return len(o.refs) > 2*n+1024
}

// compact keeps the refs live says are current, in place, so the slice is
// not grown again and the work stays proportional to what was appended.
func (o *useOrder[K]) compact(live func(useRef[K]) bool) {
	kept := o.refs[:0]
	for _, ref := range o.refs[o.head:] {
		if live(ref) {
			kept = append(kept, ref)
		}
	}
	clear(o.refs[len(kept):])
	o.refs, o.head = kept, 0
}

// oldest takes the least recently used key live says is current.
func (o *useOrder[K]) oldest(live func(useRef[K]) bool) (K, bool) {
	for o.head < len(o.refs) {
		ref := o.refs[o.head]
		o.refs[o.head] = useRef[K]{}
		o.head++
		if live(ref) {
			return ref.key, true
		}
	}
	var none K
	return none, false
}
