package core

import (
	"strconv"
	"strings"
)

// A fix New offers must be right the first time: applied as written,
// together with the fixes of every other problem, New accepts the result.
// So an entry's fix is worked out to the end here: a fix that would itself
// be refused is checked again and fixed further ("https://App.Example.com:443"
// becomes "https://app.example.com", not "https://App.Example.com"), an
// entry that packs several values is split and each part checked, and a fix
// that would list a value twice becomes "remove it".

// entryProblem is what is wrong with one entry of a list field, and its fix.
type entryProblem struct {
	problem string
	// replacement holds the values to write instead of the entry; nil when
	// the fix is to remove it or a choice only the user can make.
	replacement []string
	remove      bool
	// advice is the fix in words when there is no replacement.
	advice string
	// lead goes before a replacement of several values ("split them: "),
	// also after a replacement (", or set ...").
	lead, also string
}

// fix is the text of ConfigError.Fix: it quotes the replacement exactly.
func (p *entryProblem) fix() string {
	switch {
	case len(p.replacement) == 1:
		return writeInstead(p.replacement[0]) + p.also
	case len(p.replacement) > 1:
		return p.lead + "write " + quoteList(p.replacement) + " as separate entries" + p.also
	case p.advice != "":
		return p.advice
	case p.remove:
		return "remove it"
	}
	return ""
}

func writeInstead(v string) string { return "write " + strconv.Quote(v) + " instead" }

// quoteList quotes values and joins them as a sentence does: "a", "b" and "c".
func quoteList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = strconv.Quote(v)
	}
	if len(quoted) == 1 {
		return quoted[0]
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " and " + quoted[len(quoted)-1]
}

// maxFixSteps bounds how many fixes settle follows: each step removes one
// kind of problem, and there are fewer kinds than this.
const maxFixSteps = 8

// settle follows p's fix while it is one value that check refuses again, so
// that the fix New offers applies every correction at once. The problems
// met on the way are all named.
func settle(p *entryProblem, check func(string) *entryProblem) *entryProblem {
	for step := 0; p != nil && len(p.replacement) == 1; step++ {
		next := check(p.replacement[0])
		if next == nil {
			return p
		}
		merged := *next
		merged.problem = p.problem + "; " + next.problem
		// An alternative such as "or set DangerouslyAllowInsecureOrigins"
		// fixes only the last problem, not the ones before it.
		merged.also = ""
		if step == maxFixSteps {
			merged.replacement, merged.advice = nil, "write the value as a browser serializes it"
		}
		p = &merged
	}
	return p
}

// splitList splits an entry at commas, and for origins, which never
// contain whitespace, at whitespace too; parts are trimmed and empty ones
// dropped. changed is false when the entry is a single clean value.
func splitList(s string, atSpaces bool) (parts []string, changed bool) {
	isSpace := func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v' }
	isSep := func(r rune) bool { return r == ',' || atSpaces && isSpace(r) }
	// The common case, one clean value, allocates nothing: New compiles
	// lists of a hundred thousand origins.
	if s != "" && !strings.ContainsFunc(s, isSep) && strings.TrimFunc(s, isSpace) == s {
		return nil, false
	}
	if atSpaces {
		parts = strings.FieldsFunc(s, isSep)
	} else {
		for _, part := range strings.Split(s, ",") {
			if part = strings.TrimFunc(part, isSpace); part != "" {
				parts = append(parts, part)
			}
		}
	}
	return parts, len(parts) != 1 || parts[0] != s
}

// splitProblem is the problem of an entry that splitList changed: nothing
// in it, stray separators around one value, or several values ("several
// origins in one entry"), each checked on its own. plural names the values.
func splitProblem(s string, parts []string, plural string, check func(string) *entryProblem) *entryProblem {
	switch len(parts) {
	case 0:
		return &entryProblem{problem: "an empty entry", remove: true}
	case 1:
		problem := "surrounding whitespace: browsers never send it"
		if strings.Contains(s, ",") {
			problem = "a stray comma"
		}
		return settle(&entryProblem{problem: problem, replacement: parts}, check)
	}
	var values, notes, unfixed []string
	for _, part := range parts {
		p := settle(check(part), check)
		switch {
		case p == nil:
			values = append(values, part)
		case len(p.replacement) > 0:
			values = append(values, p.replacement...)
			notes = append(notes, strconv.Quote(part)+": "+p.problem)
		case p.remove:
			notes = append(notes, strconv.Quote(part)+": "+p.problem+", so it is dropped")
		default:
			notes = append(notes, strconv.Quote(part)+": "+p.problem)
			unfixed = append(unfixed, "for "+strconv.Quote(part)+", "+p.fix())
		}
	}
	p := &entryProblem{problem: "several " + plural + " in one entry", lead: "split them: "}
	if len(notes) > 0 {
		p.problem += " (" + strings.Join(notes, "; ") + ")"
	}
	switch {
	case len(unfixed) > 0:
		p.advice = "split them into separate entries; " + strings.Join(unfixed, "; ")
	case len(values) == 0:
		p.remove = true
	default:
		p.replacement = values
	}
	return p
}

// checkList checks every entry of the list field with check, and reports
// each problem with a fix that applies together with all the others: a
// replacement value that is listed already, by a valid entry anywhere or by
// an earlier fix, is dropped, and a fix left with nothing says to remove
// the entry. key gives the identity of duplicates (header names ignore
// case). When every entry would be removed, whenEmpty, if not "", is the
// advice instead: the field must not end up empty.
//
// It returns what check made of the valid entries, in order and without
// duplicates, and the values the fixes add, for the checks of the whole list.
func checkList[T any](field string, entries []string, check func(string) (T, *entryProblem),
	key func(string) string, whenEmpty string, ps *problems) (kept []T, added []string) {
	type pending struct {
		index int
		p     *entryProblem
	}
	var found []pending
	first := make(map[string]bool, len(entries))
	kept = make([]T, 0, len(entries))
	for i, e := range entries {
		t, p := check(e)
		if p != nil {
			found = append(found, pending{i, settle(p, problemOf(check))})
			continue
		}
		k := key(e)
		if first[k] {
			found = append(found, pending{i, &entryProblem{problem: "listed twice", remove: true, advice: "remove the duplicate"}})
			continue
		}
		first[k] = true
		kept = append(kept, t)
	}
	taken := map[string]bool{}
	for n, f := range found {
		if len(f.p.replacement) == 0 {
			continue
		}
		p := *f.p
		p.replacement = nil
		for _, v := range f.p.replacement {
			if k := key(v); !first[k] && !taken[k] {
				taken[k] = true
				p.replacement = append(p.replacement, v)
			}
		}
		if len(p.replacement) == 0 {
			verb := " is"
			if len(f.p.replacement) > 1 {
				verb = " are"
			}
			p.remove, p.advice = true, "remove it: "+quoteList(f.p.replacement)+verb+" listed already"
		}
		added = append(added, p.replacement...)
		found[n].p = &p
	}
	for _, f := range found {
		p := f.p
		if p.remove && whenEmpty != "" && len(kept)+len(added) == 0 {
			p = &entryProblem{problem: p.problem, advice: whenEmpty}
		}
		ps.addEntry(field, f.index, entries[f.index], p)
	}
	return kept, added
}

func sameString(s string) string { return s }

// problemOf drops the compiled value of a check, for settle and splitProblem.
func problemOf[T any](check func(string) (T, *entryProblem)) func(string) *entryProblem {
	return func(s string) *entryProblem {
		_, p := check(s)
		return p
	}
}
