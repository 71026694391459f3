// Command ratios turns benchstat's CSV (run.sh writes it with -col /library
// -table .name) into the ratio tables and target checks of BENCHMARKS.md,
// so that no number in that file is typed by hand.
//
//	go run ./cmd/ratios [-skips skips.txt] [-decide decide.csv] benchstat.csv
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Targets, from issue 4.
const (
	targetGeomean   = 0.7 // crossgate / fastest rival, geometric mean
	targetFloor     = 1.3 // crossgate / floor, every scenario
	targetHostile1M = 2.0 // 1 MiB ACRH preflight / allowed preflight
)

// rivals lists, per framework, the libraries crossgate is compared with, in
// the order of the tables.
var rivals = map[string][]string{
	"NetHTTP": {"rscors", "jub0bs", "gochicors"},
	"Gin":     {"gincontrib"},
	"Echo":    {"echo"},
	"EchoV5":  {"echo"},
	"Fiber":   {"fiber"},
	"FiberV3": {"fiber"},
}

var frameworks = []string{"NetHTTP", "Gin", "Echo", "EchoV5", "Fiber", "FiberV3"}

// data is framework -> unit -> scenario -> library -> value.
type data map[string]map[string]map[string]map[string]float64

func main() {
	skipsFile := flag.String("skips", "", "file of `SKIP framework/scenario/library: reason` lines")
	decideFile := flag.String("decide", "", "benchstat CSV of BenchmarkDecide")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: ratios [-skips file] [-decide file] benchstat.csv")
	}
	d, scenarios, err := readFile(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	var misses []string
	if *decideFile != "" {
		misses = append(misses, decide(w, *decideFile)...)
	}
	for _, fw := range frameworks {
		if d[fw] == nil {
			continue
		}
		misses = append(misses, framework(w, fw, d[fw], scenarios[fw])...)
	}
	if *skipsFile != "" {
		b, err := os.ReadFile(*skipsFile)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Fprintf(w, "### Skipped comparisons\n\n")
		if s := strings.TrimSpace(string(b)); s == "" {
			fmt.Fprintf(w, "None: every library expressed every scenario (TestOutcomes checks each answer).\n\n")
		} else {
			for line := range strings.Lines(s) {
				fmt.Fprintf(w, "- %s\n", strings.TrimSpace(strings.TrimPrefix(line, "SKIP ")))
			}
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintf(w, "### Targets missed\n\n")
	if len(misses) == 0 {
		fmt.Fprintf(w, "None.\n")
	}
	for _, m := range misses {
		fmt.Fprintf(w, "- %s\n", m)
	}
}

// readFile parses benchstat's CSV: tables separated by blank lines, each
// with a ".name: X" line when the table key changes, a header row naming
// the columns, a unit row, then one row per benchmark ("*/scenario-2") and
// a geomean row. It returns the values and each framework's scenarios in
// file order.
func readFile(name string) (data, map[string][]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	d := data{}
	order := map[string][]string{}
	var table string
	var cols, units []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		switch {
		case len(rec) == 1 && strings.HasPrefix(rec[0], ".name: "):
			table = strings.TrimPrefix(rec[0], ".name: ")
			cols = nil
		case len(rec) == 1:
			// goos:, pkg: and similar file configuration lines.
		case rec[0] == "" && cols == nil:
			cols = fill(rec)
		case rec[0] == "" && units == nil:
			units = rec
		case rec[0] == "geomean":
			cols, units = nil, nil
		default:
			if cols == nil || units == nil {
				continue
			}
			scen := scenarioName(rec[0])
			for i, v := range rec {
				if i == 0 || i >= len(units) || !isUnit(units[i]) || cols[i] == "" {
					continue
				}
				x, err := strconv.ParseFloat(v, 64)
				if err != nil {
					continue
				}
				u := units[i]
				if d[table] == nil {
					d[table] = map[string]map[string]map[string]float64{}
				}
				if d[table][u] == nil {
					d[table][u] = map[string]map[string]float64{}
				}
				if d[table][u][scen] == nil {
					d[table][u][scen] = map[string]float64{}
					if u == "sec/op" {
						order[table] = append(order[table], scen)
					}
				}
				d[table][u][scen][cols[i]] = x
			}
		}
	}
	return d, order, nil
}

// fill carries each column name rightwards over the blank cells that
// benchstat leaves under it (CI, vs base, P).
func fill(rec []string) []string {
	out := make([]string, len(rec))
	cur := ""
	for i, c := range rec {
		if c != "" {
			cur = c
		}
		out[i] = cur
	}
	return out
}

func isUnit(u string) bool { return u == "sec/op" || u == "B/op" || u == "allocs/op" }

// scenarioName turns "*/actual-one-2" or "Decide/actual-one-2" into
// "actual-one".
func scenarioName(s string) string {
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.LastIndexByte(s, '-'); i >= 0 {
		if _, err := strconv.Atoi(s[i+1:]); err == nil {
			s = s[:i]
		}
	}
	return s
}

func ns(sec float64) string {
	v := sec * 1e9
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%.2f ms", v/1e6)
	case v >= 1e4:
		return fmt.Sprintf("%.1f µs", v/1e3)
	default:
		return fmt.Sprintf("%.0f ns", v)
	}
}

func geomean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, x := range xs {
		s += math.Log(x)
	}
	return math.Exp(s / float64(len(xs)))
}

// framework writes one framework's ratio table and returns its misses.
func framework(w io.Writer, fw string, d map[string]map[string]map[string]float64, scenarios []string) []string {
	var misses []string
	t, allocs := d["sec/op"], d["allocs/op"]
	rs := rivals[fw]
	fmt.Fprintf(w, "### %s\n\n", fw)
	fmt.Fprintf(w, "| scenario | crossgate | allocs (floor's) |")
	for _, r := range rs {
		fmt.Fprintf(w, " ÷ %s |", r)
	}
	fmt.Fprintf(w, " ÷ floor | ÷ none |\n|---|---:|---:|")
	for range rs {
		fmt.Fprintf(w, "---:|")
	}
	fmt.Fprintf(w, "---:|---:|\n")
	ratios := map[string][]float64{}
	for _, s := range scenarios {
		cg, ok := t[s]["crossgate"]
		if !ok {
			continue
		}
		// Allocations are judged beyond the floor's: echo allocates its
		// middleware chain per request and answers OPTIONS with allocations
		// of its own, whatever the middleware does.
		a, fa := allocs[s]["crossgate"], allocs[s]["floor"]
		fmt.Fprintf(w, "| %s | %s | %g (%g) |", s, ns(cg), a, fa)
		for _, r := range rs {
			v, ok := t[s][r]
			if !ok {
				fmt.Fprintf(w, " skipped |")
				continue
			}
			q := cg / v
			ratios[r] = append(ratios[r], q)
			fmt.Fprintf(w, " %.2f |", q)
			if q >= 1 {
				misses = append(misses, fmt.Sprintf("%s %s: crossgate %s is %.2fx %s (%s), not faster", fw, s, ns(cg), q, r, ns(v)))
			}
		}
		fl := cg / t[s]["floor"]
		ratios["floor"] = append(ratios["floor"], fl)
		fmt.Fprintf(w, " %.2f | %.2f |\n", fl, cg/t[s]["none"])
		if fl > targetFloor {
			misses = append(misses, fmt.Sprintf("%s %s: %.2fx the floor (target <= %.1f)", fw, s, fl, targetFloor))
		}
		limit := 1.0
		if strings.HasPrefix(s, "preflight") || strings.HasPrefix(fw, "Fiber") {
			limit = 0
		}
		if a-fa > limit {
			misses = append(misses, fmt.Sprintf("%s %s: %g allocs/op, %g B/op beyond the floor's %g (target <= %g)", fw, s, a-fa, d["B/op"][s]["crossgate"]-d["B/op"][s]["floor"], fa, limit))
		}
	}
	fmt.Fprintf(w, "| **geomean** | | |")
	best, bestG := "", math.Inf(1)
	for _, r := range rs {
		g := geomean(ratios[r])
		fmt.Fprintf(w, " %.2f |", g)
		// The fastest rival is the one crossgate has the largest geomean
		// ratio against.
		if inv := 1 / g; inv < bestG {
			best, bestG = r, inv
		}
	}
	fmt.Fprintf(w, " %.2f | |\n\n", geomean(ratios["floor"]))
	if g := 1 / bestG; g > targetGeomean {
		misses = append(misses, fmt.Sprintf("%s: geomean %.2fx the fastest rival, %s (target <= %.1f)", fw, g, best, targetGeomean))
	}
	if ok, h := t["preflight-ok"]["crossgate"], t["preflight-acrh-1m"]["crossgate"]; ok > 0 && h > 0 {
		q := h / ok
		fmt.Fprintf(w, "1 MiB hostile ACRH preflight ÷ allowed preflight: %.2f (target <= %.1f)\n\n", q, targetHostile1M)
		if q > targetHostile1M {
			misses = append(misses, fmt.Sprintf("%s: 1 MiB ACRH preflight is %.2fx an allowed preflight (target <= %.1f)", fw, q, targetHostile1M))
		}
	}
	return misses
}

// decide writes the BenchmarkDecide summary and returns its misses.
func decide(w io.Writer, name string) []string {
	f, err := os.Open(name)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	var unit string
	type row struct{ sec, allocs float64 }
	rows := map[string]*row{}
	var order []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		if len(rec) < 2 {
			continue
		}
		if rec[0] == "" {
			unit = rec[1]
			continue
		}
		if !strings.HasPrefix(rec[0], "Decide/") {
			continue
		}
		s := scenarioName(rec[0])
		if rows[s] == nil {
			rows[s] = &row{}
			order = append(order, s)
		}
		x, _ := strconv.ParseFloat(rec[1], 64)
		switch unit {
		case "sec/op":
			rows[s].sec = x
		case "allocs/op":
			rows[s].allocs = x
		}
	}
	var misses []string
	fmt.Fprintf(w, "### Decide alone\n\n| scenario | time | allocs |\n|---|---:|---:|\n")
	for _, s := range order {
		fmt.Fprintf(w, "| %s | %s | %g |\n", s, ns(rows[s].sec), rows[s].allocs)
		if rows[s].allocs > 0 {
			misses = append(misses, fmt.Sprintf("Decide %s: %g allocs/op (target 0)", s, rows[s].allocs))
		}
	}
	fmt.Fprintln(w)
	slices.Sort(misses)
	return misses
}
