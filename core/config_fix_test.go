package core

import (
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// applyFixes applies to cfg the Replacement or Remove of every ConfigError
// in err, as a program would, and returns the errors it could not apply:
// those whose fix is a choice.
func applyFixes(cfg Config, err error) (Config, []*ConfigError) {
	cfg = cfg.clone()
	lists := map[string]*[]string{"Origins": &cfg.Origins, "Methods": &cfg.Methods,
		"RequestHeaders": &cfg.RequestHeaders, "ExposedHeaders": &cfg.ExposedHeaders}
	edits := map[string]map[int][]string{}
	var manual []*ConfigError
	for _, ce := range ConfigErrors(err) {
		_, isList := lists[ce.Field]
		switch {
		case isList && ce.Index >= 0 && (ce.Remove || len(ce.Replacement) > 0):
			if edits[ce.Field] == nil {
				edits[ce.Field] = map[int][]string{}
			}
			edits[ce.Field][ce.Index] = ce.Replacement
		case ce.Field == "MaxAge" && len(ce.Replacement) == 1:
			d, err := time.ParseDuration(ce.Replacement[0])
			if err != nil {
				manual = append(manual, ce)
			}
			cfg.MaxAge = d
		case ce.Field == "PreflightStatus" && len(ce.Replacement) == 1:
			n, err := strconv.Atoi(ce.Replacement[0])
			if err != nil {
				manual = append(manual, ce)
			}
			cfg.PreflightStatus = n
		default:
			manual = append(manual, ce)
		}
	}
	for field, byIndex := range edits {
		list := lists[field]
		var out []string
		for i, v := range *list {
			if r, ok := byIndex[i]; ok {
				out = append(out, r...)
			} else {
				out = append(out, v)
			}
		}
		*list = out
	}
	return cfg, manual
}

// quotedIn returns the Go-quoted strings in s, in order.
func quotedIn(s string) []string {
	var found []string
	for i := strings.IndexByte(s, '"'); i >= 0; i = strings.IndexByte(s, '"') {
		q, err := strconv.QuotedPrefix(s[i:])
		if err != nil {
			break
		}
		v, _ := strconv.Unquote(q)
		found = append(found, v)
		s = s[i+len(q):]
	}
	return found
}

// noAutomaticFix lists the classes of problem whose fix is a choice only
// the user can make, and why; every other class has a Replacement or
// Remove that New accepts.
var noAutomaticFix = map[string]string{
	"no origins":                             "only you know your origins",
	"empty origin":                           "removing the only origin leaves none: only you know your origins",
	"null":                                   "the page must move to a real origin first",
	"file":                                   "the page must move to a real origin first",
	"ipv4 leading zero":                      "browsers read 010 as octal 8, a reader as 10: only you know which you mean",
	"not ipv4":                               "not an address",
	"bad ipv6":                               "not an address",
	"empty label":                            "which label is missing is unknown",
	"wildcard inside":                        "the pattern meant is unknown: subdomains, or a list",
	"wildcard suffix":                        "there are no TLD patterns: list the domains",
	"wildcard scheme":                        "http or https, or both: a choice",
	"double wildcard":                        `"*." already matches any depth, but also one level, which "*.*." did not`,
	"star plus list":                         "every origin, or the list: a choice",
	"star with credentials":                  "only you know the origins that send credentials",
	"public suffix with credentials":         "only you know the domain you control",
	"private public suffix with credentials": "only you know the domain you control",
	"bad method":                             "the method meant is unknown",
	"bad header":                             "the header name meant is unknown",
	"star exposed with credentials":          "only you know the headers to expose",
	"pasted origins with an unfixable part":  "one part has no automatic fix (null)",
	"pasted origins with star":               "every origin, or the list: a choice",
	"not an origin":                          "not host[:port]: the origin meant is unknown",
	"ip wildcard":                            "there are no IP patterns: list the addresses or name the machines",
	"ip wildcard pattern":                    "there are no IP patterns: list the addresses or name the machines",
	"star host":                              `"*" alone, or a domain's subdomains: a choice`,
	"star and lowercase method":              "every method, or the list: a choice",
	"origin func with star":                  "every origin, or the function's: a choice",
	"origin func approving everything":       "the function is code only you can change",
	"origin func panicking":                  "the function is code only you can change",
	"star exposed with others":               "every header, or the list: a choice",
}

// TestFixesApply: for every class of problem New reports, the fixes it
// offers, applied as written, give a Config that New accepts; or the fix
// is a choice, listed in noAutomaticFix, which then has no Replacement.
func TestFixesApply(t *testing.T) {
	cases := rejections()
	// The wildcard rules of the public-suffix list, with Credentials.
	for _, o := range []string{"https://*.sch.uk", "https://*.kawasaki.jp", "https://*.compute.amazonaws.com"} {
		cases = append(cases, rejection{name: "public suffix wildcard rule " + o, cfg: Config{Origins: []string{o}, Credentials: true}})
		noAutomaticFix["public suffix wildcard rule "+o] = "only you know the domain you control"
	}
	seen := map[string]bool{}
	for _, tt := range cases {
		seen[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			all := ConfigErrors(err)
			if len(all) == 0 {
				t.Fatalf("New(%+v) = %v; want ConfigErrors", tt.cfg, err)
			}
			for _, ce := range all {
				checkFixText(t, ce)
			}
			fixed, manual := applyFixes(tt.cfg, err)
			why, listed := noAutomaticFix[tt.name]
			if len(manual) > 0 {
				if !listed {
					t.Fatalf("no automatic fix for %v; list the class in noAutomaticFix with the reason", manual[0])
				}
				return
			}
			if listed {
				t.Errorf("listed as having no automatic fix (%s), but every fix applies: %v", why, err)
			}
			if _, err := New(fixed); err != nil {
				t.Errorf("the fixes of\n%v\napplied give %+v, which New refuses:\n%v", err, fixed, err)
			}
		})
	}
	for name := range noAutomaticFix {
		if !seen[name] {
			t.Errorf("noAutomaticFix lists %q, which is not a case", name)
		}
	}
}

// checkFixText checks that a fix is consistent: Remove has no
// Replacement, a choice says what to decide, and a Replacement is quoted
// in Fix exactly, with no other value quoted beside it.
func checkFixText(t *testing.T, ce *ConfigError) {
	t.Helper()
	switch {
	case ce.Fix == "":
		t.Errorf("%v: no Fix", ce)
	case ce.Remove && len(ce.Replacement) > 0:
		t.Errorf("%v: both Remove and Replacement %q", ce, ce.Replacement)
	case ce.Remove && !strings.Contains(ce.Fix, "remove"):
		t.Errorf("%v: Remove, but Fix does not say to remove it", ce)
	case len(ce.Replacement) == 0 && strings.Contains(ce.Fix, " instead"):
		t.Errorf("%v: Fix says what to write instead, but Replacement is empty", ce)
	case len(ce.Replacement) > 0 && ce.Index < 0:
		for _, r := range ce.Replacement {
			if !strings.Contains(ce.Fix, r) {
				t.Errorf("%v: Fix does not name the Replacement %q", ce, r)
			}
		}
	case len(ce.Replacement) > 0:
		if q := quotedIn(ce.Fix); !slices.Equal(q, ce.Replacement) {
			t.Errorf("%v: Fix quotes %q, Replacement is %q", ce, q, ce.Replacement)
		}
	}
}

// TestCheckOriginGivesNewsError: CheckOrigin reports an entry exactly as
// New does, fix and Replacement included.
func TestCheckOriginGivesNewsError(t *testing.T) {
	for _, entry := range []string{
		"https://a.example.com, https://b.example.com", "http://192.168.1.*", "localhost:3000",
		"https://App.Example.com:443", "HTTPS://x.example.com:443", "https://*", " https://a.example.com ",
		"https://a.example.com, null", "", "https://a.example/",
	} {
		_, err := New(Config{Origins: []string{entry}})
		want := ConfigErrors(err)
		var got *ConfigError
		if !errors.As(CheckOrigin(entry), &got) || len(want) == 0 || !reflect.DeepEqual(got, want[0]) {
			t.Errorf("CheckOrigin(%q) = %#v; New gives %v", entry, got, err)
		}
	}
	if err := CheckOrigin("https://app.example.com"); err != nil {
		t.Errorf("CheckOrigin of a valid origin: %v", err)
	}
}
