package core

import "hash/maphash"

// linearScanMax is the number of entries up to which comparing a request's
// value with each in turn beats hashing it for a lookup: the exact origins
// of a policy, and its request-header names (which a lookup must first
// lower-case). Above it, both use a hash table.
const linearScanMax = 8

// stringSet is a read-only set of strings for the exact origins and the
// pattern hosts of a large policy: open addressing over indexes into a slice the matcher keeps
// anyway, which takes about a third of the memory of a map[string]struct{}
// (4 bytes a slot at most half full, against a 16-byte key and control
// bytes) and looks up as fast. The seed is random per set, so a request
// cannot aim at a collision chain.
type stringSet struct {
	seed  maphash.Seed
	mask  uint64
	slots []uint32 // 1 + the index of a key; 0 is an empty slot
	keys  []string
}

func newStringSet(keys []string) stringSet {
	size := 8
	for size < 2*len(keys) {
		size *= 2
	}
	s := stringSet{seed: maphash.MakeSeed(), mask: uint64(size - 1), slots: make([]uint32, size), keys: keys}
	for k, key := range keys {
		i := maphash.String(s.seed, key) & s.mask
		for s.slots[i] != 0 {
			i = (i + 1) & s.mask
		}
		s.slots[i] = uint32(k + 1)
	}
	return s
}

func (s *stringSet) has(key string) bool { return s.index(key) >= 0 }

// index returns the position of key in the keys the set was built from,
// or -1.
func (s *stringSet) index(key string) int {
	if len(s.keys) == 0 {
		return -1
	}
	for i := maphash.String(s.seed, key) & s.mask; ; i = (i + 1) & s.mask {
		k := s.slots[i]
		if k == 0 {
			return -1
		}
		if s.keys[k-1] == key {
			return int(k - 1)
		}
	}
}
