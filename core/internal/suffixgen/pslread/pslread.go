// Package pslread decodes the public-suffix rules that
// golang.org/x/net/publicsuffix embeds (its data/ files and the layout
// constants in table.go), for core's generated table and the test that
// keeps that table in step with x/net.
package pslread

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// FromModule reads the rules of the golang.org/x/net this module requires,
// located with the go command.
func FromModule() (rules []string, version string, err error) {
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/net").Output()
	if err != nil {
		return nil, "", fmt.Errorf("locating golang.org/x/net: %w", err)
	}
	return Read(filepath.Join(strings.TrimSpace(string(dir)), "publicsuffix"))
}

// Read returns every rule of the list in dir (x/net's publicsuffix
// directory) as "name", "*.name" or "!name", and the list's version line.
func Read(dir string) (rules []string, version string, err error) {
	table, err := os.ReadFile(filepath.Join(dir, "table.go"))
	if err != nil {
		return nil, "", err
	}
	consts := map[string]uint64{}
	for _, m := range regexp.MustCompile(`(?m)^\s*(?:const\s+)?(\w+)\s*=\s*(\d+)\s*$`).FindAllStringSubmatch(string(table), -1) {
		n, _ := strconv.ParseUint(m[2], 10, 64)
		consts[m[1]] = n
	}
	for _, name := range []string{"nodesBitsChildren", "nodesBitsICANN", "nodesBitsTextOffset", "nodesBitsTextLength",
		"childrenBitsWildcard", "childrenBitsNodeType", "childrenBitsHi", "childrenBitsLo", "numTLD",
		"nodeTypeNormal", "nodeTypeException"} {
		if _, ok := consts[name]; !ok {
			return nil, "", fmt.Errorf("%s: no constant %s: the table layout changed", dir, name)
		}
	}
	if m := regexp.MustCompile(`const version = "(.*)"`).FindSubmatch(table); m != nil {
		version = string(m[1])
	}
	read := func(name string) (string, error) {
		b, err := os.ReadFile(filepath.Join(dir, "data", name))
		return string(b), err
	}
	text, err := read("text")
	if err != nil {
		return nil, "", err
	}
	nodes, err := read("nodes")
	if err != nil {
		return nil, "", err
	}
	children, err := read("children")
	if err != nil {
		return nil, "", err
	}
	mask := func(bits uint64) uint64 { return 1<<bits - 1 }
	node := func(i uint64) uint64 {
		s := nodes[i*5:]
		return uint64(s[0])<<32 | uint64(s[1])<<24 | uint64(s[2])<<16 | uint64(s[3])<<8 | uint64(s[4])
	}
	child := func(i uint64) uint64 {
		s := children[i*4:]
		return uint64(s[0])<<24 | uint64(s[1])<<16 | uint64(s[2])<<8 | uint64(s[3])
	}
	var walk func(lo, hi uint64, parent string)
	walk = func(lo, hi uint64, parent string) {
		for i := lo; i < hi; i++ {
			x := node(i)
			length := x & mask(consts["nodesBitsTextLength"])
			x >>= consts["nodesBitsTextLength"]
			offset := x & mask(consts["nodesBitsTextOffset"])
			x >>= consts["nodesBitsTextOffset"] + consts["nodesBitsICANN"]
			name := text[offset : offset+length]
			if parent != "" {
				name += "." + parent
			}
			u := child(x & mask(consts["nodesBitsChildren"]))
			clo := u & mask(consts["childrenBitsLo"])
			u >>= consts["childrenBitsLo"]
			chi := u & mask(consts["childrenBitsHi"])
			u >>= consts["childrenBitsHi"]
			switch u & mask(consts["childrenBitsNodeType"]) {
			case consts["nodeTypeNormal"]:
				rules = append(rules, name)
			case consts["nodeTypeException"]:
				rules = append(rules, "!"+name)
			}
			u >>= consts["childrenBitsNodeType"]
			if u&mask(consts["childrenBitsWildcard"]) != 0 {
				rules = append(rules, "*."+name)
			}
			walk(clo, chi, name)
		}
	}
	walk(0, consts["numTLD"], "")
	sort.Strings(rules)
	return rules, version, nil
}

// BelowRegistrable keeps the rules that lie below a domain that is not
// itself a public suffix: the ones a "*." pattern over a registrable domain
// can reach ("s3.amazonaws.com", "*.compute.amazonaws.com"). Rules below
// public suffixes only ("co.uk", "*.kawasaki.jp") are left out: core refuses
// such patterns at New.
func BelowRegistrable(rules []string) []string {
	var out []string
	for _, r := range rules {
		name := strings.TrimPrefix(strings.TrimPrefix(r, "*."), "!")
		first := name
		if !strings.HasPrefix(r, "*.") {
			// A normal or exception rule matters below its parent; a
			// wildcard rule below its own name.
			_, first, _ = strings.Cut(name, ".")
		}
		for d := first; d != ""; _, d, _ = strings.Cut(d, ".") {
			if ps, _ := publicsuffix.PublicSuffix(d); ps != d {
				out = append(out, r)
				break
			}
		}
	}
	return out
}
