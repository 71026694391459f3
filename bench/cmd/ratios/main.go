// Command ratios turns benchstat's CSV (run.sh writes it with -col /library
// -table .name) into the ratio tables and target checks of BENCHMARKS.md,
// so that no number in that file is typed by hand.
//
//	go run ./cmd/ratios [-unit instr/op] [-skips skips.txt] [-decide decide.csv] [-detail detail.md] benchstat.csv
//	go run ./cmd/ratios -scale scale.csv
//	go run ./cmd/ratios [-unit instr/op] -compare first.csv second.csv
//
// -unit picks the measure the ratios are taken of: benchstat's sec/op
// (the default), or instr/op, the instructions that run.sh counts under
// callgrind. -compare prints how far apart two runs' ratios are.
package main

import (
	"bufio"
	"bytes"
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

// Targets (issue 23).
const (
	targetGeomean = 0.7 // crossgate / fastest rival per allowed scenario, geometric mean
	targetFloor   = 1.5 // crossgate / floor: every preflight, every allowed actual request (floorTargeted)
	targetJub0bs  = 1.3 // refused-origin preflight / jub0bs's bare 403
)

// unit is the measure the ratios are taken of (-unit).
var unit = "sec/op"

// floorTargeted tells which scenarios the 1.5x-the-floor target holds
// (issue 23, items 2 and 3): every preflight, allowed or refused (the
// hostile 1 KiB and 1 MiB lists of commas included), and every allowed
// actual request. A refused actual request is held to no floor target: it
// is shown, and costs what classifying the refusal costs.
func floorTargeted(s string) bool { return isPreflight(s) || isAllowed(s) }

func isPreflight(s string) bool { return strings.HasPrefix(s, "preflight-") }

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
	detailFile := flag.String("detail", "", "write the per-framework tables to this `file`")
	scale := flag.Bool("scale", false, "the CSV is BenchmarkScale's: write its table")
	compare := flag.Bool("compare", false, "print how far apart the ratios of two runs' CSVs are")
	flag.StringVar(&unit, "unit", unit, "the `measure` of the ratios: sec/op or instr/op")
	flag.Parse()
	if *compare && flag.NArg() == 2 {
		if err := compareRuns(os.Stdout, flag.Arg(0), flag.Arg(1)); err != nil {
			log.Fatal(err)
		}
		return
	}
	if *scale && flag.NArg() == 1 {
		if err := scaleTable(os.Stdout, flag.Arg(0)); err != nil {
			log.Fatal(err)
		}
		return
	}
	if flag.NArg() != 1 {
		log.Fatal("usage: ratios [-skips file] [-decide file] [-detail file] benchstat.csv")
	}
	d, scenarios, err := readFile(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	var detail bytes.Buffer
	var misses []string
	if *decideFile != "" {
		misses = append(misses, decide(&detail, *decideFile)...)
	}
	sum := newSummary()
	for _, fw := range frameworks {
		if d[fw] == nil {
			continue
		}
		sum.frameworks = append(sum.frameworks, fw)
		misses = append(misses, framework(&detail, fw, d[fw], scenarios[fw], sum)...)
	}
	sum.writeRefused(&detail)
	fmt.Fprintf(&detail, "### Targets missed (%d)\n\n", len(misses))
	if len(misses) == 0 {
		fmt.Fprintf(&detail, "None.\n")
	}
	for _, m := range misses {
		fmt.Fprintf(&detail, "- %s\n", m)
	}
	fmt.Fprintln(&detail)
	if *detailFile != "" {
		if err := os.WriteFile(*detailFile, detail.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	sum.write(w)
	if *skipsFile != "" {
		b, err := os.ReadFile(*skipsFile)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Fprintf(w, "\nSkipped comparisons:")
		if s := strings.TrimSpace(string(b)); s == "" {
			fmt.Fprintf(w, " none; every library expressed every scenario (the outcome tests check each answer).\n")
		} else {
			fmt.Fprintf(w, "\n\n")
			for line := range strings.Lines(s) {
				fmt.Fprintf(w, "- %s\n", strings.TrimSpace(strings.TrimPrefix(line, "SKIP ")))
			}
		}
		fmt.Fprintln(w)
	}
}

// readFile parses benchstat's CSV: tables separated by blank lines, each
// with a ".name: X" line when the table key changes, a header row naming
// the columns, a unit row, then one row per benchmark ("*/scenario-2") and
// a geomean row. It returns the values and each framework's scenarios in
// file order.
func readFile(name string) (data, map[string][]string, error) {
	recs, err := readRecords(name)
	if err != nil {
		return nil, nil, err
	}
	d := data{}
	order := map[string][]string{}
	var table string
	var cols, units []string
	for _, rec := range recs {
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
					if u == unit {
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

func isUnit(u string) bool {
	return u == "sec/op" || u == "instr/op" || u == "B/op" || u == "allocs/op"
}

// procsSuffix is the "-N" that go test appends to every benchmark name
// when GOMAXPROCS is N > 1, "" when it is 1 (run.sh pins to one CPU):
// learned from a file's names by setProcsSuffix, since "actual-100" alone
// cannot tell.
var procsSuffix string

// setProcsSuffix sets procsSuffix from a CSV's records: the "-N" that every
// benchmark row's name ends with, if they all end with the same one.
func setProcsSuffix(recs [][]string) {
	procsSuffix = ""
	first := true
	for _, rec := range recs {
		if len(rec) < 2 || !strings.Contains(rec[0], "/") {
			continue
		}
		i := strings.LastIndexByte(rec[0], '-')
		suffix := ""
		if i >= 0 {
			if _, err := strconv.Atoi(rec[0][i+1:]); err == nil {
				suffix = rec[0][i:]
			}
		}
		if first {
			procsSuffix, first = suffix, false
		} else if suffix != procsSuffix {
			procsSuffix = ""
			return
		}
	}
}

// readRecords reads every record of a CSV file and learns its names'
// GOMAXPROCS suffix.
func readRecords(name string) ([][]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	setProcsSuffix(recs)
	return recs, nil
}

// scenarioName turns "*/actual-one-2" or "Decide/actual-one-2" into
// "actual-one" (see procsSuffix).
func scenarioName(s string) string {
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSuffix(s, procsSuffix)
}

// ns formats a value of the unit: a time, or a count of instructions.
func ns(sec float64) string {
	if unit == "instr/op" {
		return fmt.Sprintf("%.0f instr", sec)
	}
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

// allowedScenarios are the requests nearly all real traffic is made of;
// the others are refused or hostile.
var allowedScenarios = []string{"nocors", "actual-one", "actual-100", "actual-wildcard", "actual-cred", "preflight-ok"}

func isAllowed(s string) bool { return slices.Contains(allowedScenarios, s) }

// fastestRival returns the rival of fw with the least time on scenario s.
func fastestRival(fw string, t map[string]map[string]float64, s string) (string, float64) {
	best, bt := "", math.Inf(1)
	for _, r := range rivals[fw] {
		if v, ok := t[s][r]; ok && v < bt {
			best, bt = r, v
		}
	}
	return best, bt
}

// framework writes one framework's detail table, records its summary
// ratios in sum, and returns its misses.
func framework(w io.Writer, fw string, d map[string]map[string]map[string]float64, scenarios []string, sum *summary) []string {
	var misses []string
	t, allocs := d[unit], d["allocs/op"]
	rs := rivals[fw]
	fmt.Fprintf(w, "### %s\n\n", fw)
	fmt.Fprintf(w, "| scenario | crossgate | allocs (floor's) |")
	for _, r := range rs {
		fmt.Fprintf(w, " ÷ %s |", r)
	}
	fmt.Fprintf(w, " ÷ floor | ÷ writeonly | ÷ none |\n|---|---:|---:|")
	for range rs {
		fmt.Fprintf(w, "---:|")
	}
	fmt.Fprintf(w, "---:|---:|---:|\n")
	var allowedRatios []float64
	okPreflight := t["preflight-ok"]["crossgate"]
	var preflightFloorMiss, actualFloorMiss, slower, refusedMiss, allocMiss worst
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
			fmt.Fprintf(w, " %.2f |", q)
			if isAllowed(s) && q >= 1 {
				slower.add(fmt.Sprintf("%s %.2fx %s", s, q, r), q)
				misses = append(misses, fmt.Sprintf("%s %s: crossgate %s is %.2fx %s (%s), not faster", fw, s, ns(cg), q, r, ns(v)))
			}
		}
		fl := cg / t[s]["floor"]
		fmt.Fprintf(w, " %.2f | %.2f | %.2f |\n", fl, cg/t[s]["writeonly"], cg/t[s]["none"])
		sum.set(sum.floor, s, fw, fl)
		if fl > targetFloor && floorTargeted(s) {
			if isPreflight(s) {
				preflightFloorMiss.add(s, fl)
			} else {
				actualFloorMiss.add(s, fl)
			}
			misses = append(misses, fmt.Sprintf("%s %s: %.2fx the floor (target <= %.1f)", fw, s, fl, targetFloor))
		}
		if r, v := fastestRival(fw, t, s); r != "" {
			sum.set(sum.rival, s, fw, cg/v)
			if isAllowed(s) {
				allowedRatios = append(allowedRatios, cg/v)
			}
		}
		if !isAllowed(s) && okPreflight > 0 {
			q := cg / okPreflight
			sum.set(sum.refused, s, fw, q)
			if q > 1 {
				refusedMiss.add(s, q)
				misses = append(misses, fmt.Sprintf("%s %s: %s, %.2fx the allowed preflight (target <= 1)", fw, s, ns(cg), q))
			}
		}
		limit := 1.0
		if strings.HasPrefix(s, "preflight") || strings.HasPrefix(fw, "Fiber") {
			limit = 0
		}
		if a-fa > limit && unit != "instr/op" {
			allocMiss.add(s, a-fa)
			misses = append(misses, fmt.Sprintf("%s %s: %g allocs/op, %g B/op beyond the floor's %g (target <= %g)", fw, s, a-fa, d["B/op"][s]["crossgate"]-d["B/op"][s]["floor"], fa, limit))
		}
	}
	g := geomean(allowedRatios)
	sum.geomean[fw] = g
	fmt.Fprintf(w, "\nAllowed requests, geometric mean of crossgate ÷ the fastest rival per scenario: %.2f (target <= %.1f)\n\n", g, targetGeomean)
	if g > targetGeomean {
		misses = append(misses, fmt.Sprintf("%s: allowed requests' geomean %.2fx the fastest rival (target <= %.1f)", fw, g, targetGeomean))
	}
	n := 0
	for _, s := range scenarios {
		if _, ok := t[s]["crossgate"]; ok {
			n++
		}
	}
	nPreflight, nActual := 0, 0
	for _, s := range scenarios {
		if _, ok := t[s]["crossgate"]; !ok {
			continue
		}
		switch {
		case isPreflight(s):
			nPreflight++
		case isAllowed(s):
			nActual++
		}
	}
	sum.target(targetPreflightFloorRow, fw, preflightFloorMiss.cell(nPreflight, "x"))
	sum.target(targetActualFloorRow, fw, actualFloorMiss.cell(nActual, "x"))
	if g > targetGeomean {
		sum.target(targetGeomeanRow, fw, fmt.Sprintf("**missed**: %.2f", g))
	} else {
		sum.target(targetGeomeanRow, fw, fmt.Sprintf("met: %.2f", g))
	}
	sum.target(targetSlowerRow, fw, slower.cell(len(allowedScenarios), ""))
	sum.target(targetRefusedRow, fw, refusedMiss.cell(n-len(allowedScenarios), "x"))
	if unit != "instr/op" { // callgrind counts no allocations
		sum.target(targetAllocRow, fw, allocMiss.cell(n, " allocs"))
	}
	if j, cg := t["preflight-bad-origin"]["jub0bs"], t["preflight-bad-origin"]["crossgate"]; j > 0 {
		if cg > targetJub0bs*j {
			sum.target(targetJub0bsRow, fw, fmt.Sprintf("**missed**: %.2fx", cg/j))
			misses = append(misses, fmt.Sprintf("%s preflight-bad-origin: crossgate %s is %.2fx jub0bs (%s; target <= %.1f)", fw, ns(cg), cg/j, ns(j), targetJub0bs))
		} else {
			sum.target(targetJub0bsRow, fw, fmt.Sprintf("met: %.2fx", cg/j))
		}
	}
	// The diagnostic answer: an allowed origin whose method is refused gets
	// Access-Control-Allow-Origin and the allow lists rather than a bare
	// refusal, so that the browser's console names the method.
	if m, o := t["preflight-bad-method"], t["preflight-bad-origin"]; m["crossgate"] > 0 && o["crossgate"] > 0 {
		sum.diagnostic[fw] = [2]float64{m["crossgate"] - o["crossgate"], m["writeonly"] - o["writeonly"]}
	}
	return misses
}

// worst collects the misses of one target: how many, and the worst.
type worst struct {
	n     int
	what  string
	value float64
}

func (w *worst) add(what string, v float64) {
	w.n++
	if w.n == 1 || v > w.value {
		w.what, w.value = what, v
	}
}

// cell is the summary's verdict for the target out of total checks; unit,
// when not empty, follows the worst value.
func (w *worst) cell(total int, suffix string) string {
	switch {
	case w.n == 0:
		return "met"
	case suffix == "":
		return fmt.Sprintf("**missed** %d/%d: %s", w.n, total, w.what)
	default:
		return fmt.Sprintf("**missed** %d/%d, worst %s %.2f%s", w.n, total, w.what, w.value, suffix)
	}
}

// The rows of the targets table.
const (
	targetPreflightFloorRow = "preflights, allowed and refused: at most 1.5x the floor"
	targetActualFloorRow    = "allowed actual requests: at most 1.5x the floor"
	targetGeomeanRow        = "allowed: geomean at most 0.7x the fastest rival"
	targetSlowerRow         = "allowed: no scenario slower than a rival"
	targetRefusedRow        = "refused: at most the allowed preflight"
	targetJub0bsRow         = "refused-origin preflight at most 1.3x jub0bs"
	targetAllocRow          = "allocations beyond the floor's: none (at most 1 on non-fiber actual requests)"
)

var targetRows = []string{targetPreflightFloorRow, targetActualFloorRow, targetGeomeanRow, targetSlowerRow, targetRefusedRow, targetJub0bsRow, targetAllocRow}

// summary holds, per scenario and framework, the ratios of the summary
// tables.
type summary struct {
	frameworks            []string
	scenarios             []string
	rival, floor, refused map[string]map[string]float64
	geomean               map[string]float64
	diagnostic            map[string][2]float64 // crossgate's extra ns, the writing's extra ns
	targets               map[string]map[string]string
}

func (s *summary) target(row, fw, cell string) {
	if s.targets[row] == nil {
		s.targets[row] = map[string]string{}
	}
	s.targets[row][fw] = cell
}

func newSummary() *summary {
	return &summary{
		rival: map[string]map[string]float64{}, floor: map[string]map[string]float64{},
		refused: map[string]map[string]float64{}, geomean: map[string]float64{},
		diagnostic: map[string][2]float64{}, targets: map[string]map[string]string{},
	}
}

func (s *summary) set(m map[string]map[string]float64, scen, fw string, v float64) {
	if !slices.Contains(s.scenarios, scen) {
		s.scenarios = append(s.scenarios, scen)
	}
	if m[scen] == nil {
		m[scen] = map[string]float64{}
	}
	m[scen][fw] = v
}

// table writes one scenario x framework table of m, the rows that keep
// keeps, marking in bold the values over limit of the scenarios held to it.
func (s *summary) table(w io.Writer, title string, m map[string]map[string]float64, limit float64, keep, held func(string) bool) {
	fmt.Fprintf(w, "| %s |", title)
	for _, fw := range s.frameworks {
		fmt.Fprintf(w, " %s |", fw)
	}
	fmt.Fprintf(w, "\n|---|")
	for range s.frameworks {
		fmt.Fprintf(w, "---:|")
	}
	fmt.Fprintln(w)
	for _, scen := range s.scenarios {
		if !keep(scen) {
			continue
		}
		fmt.Fprintf(w, "| %s |", scen)
		for _, fw := range s.frameworks {
			v, ok := m[scen][fw]
			switch {
			case !ok:
				fmt.Fprintf(w, " – |")
			case v > limit && held(scen):
				fmt.Fprintf(w, " **%.2f** |", v)
			default:
				fmt.Fprintf(w, " %.2f |", v)
			}
		}
		fmt.Fprintln(w)
	}
}

// writeRefused writes the refused requests' table, for the detail.
func (s *summary) writeRefused(w io.Writer) {
	fmt.Fprintf(w, "### Refused requests\n\ncrossgate's time ÷ its allowed preflight in the same framework (target <= 1; bold: over it):\n\n")
	refused := func(sc string) bool { return !isAllowed(sc) }
	s.table(w, "scenario", s.refused, 1, refused, refused)
	fmt.Fprintln(w)
}

// write writes the one-screen summary: crossgate against the fastest rival
// and against the floor, per scenario and framework.
func (s *summary) write(w io.Writer) {
	all := func(string) bool { return true }
	fmt.Fprintf(w, "| target |")
	for _, fw := range s.frameworks {
		fmt.Fprintf(w, " %s |", fw)
	}
	fmt.Fprintf(w, "\n|---|")
	for range s.frameworks {
		fmt.Fprintf(w, "---|")
	}
	fmt.Fprintln(w)
	for _, row := range targetRows {
		fmt.Fprintf(w, "| %s |", row)
		for _, fw := range s.frameworks {
			c := s.targets[row][fw]
			if c == "" {
				c = "–"
			}
			fmt.Fprintf(w, " %s |", c)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "crossgate's %s ÷ the fastest rival in the same framework (below 1: crossgate faster; bold: over the target, 1 per allowed scenario):\n\n", measure())
	s.table(w, "scenario", s.rival, 1, all, isAllowed)
	fmt.Fprintf(w, "| **allowed geomean** (target <= %.1f) |", targetGeomean)
	for _, fw := range s.frameworks {
		if g := s.geomean[fw]; g > targetGeomean {
			fmt.Fprintf(w, " **%.2f** |", g)
		} else {
			fmt.Fprintf(w, " %.2f |", g)
		}
	}
	fmt.Fprintf(w, "\n\ncrossgate's %s ÷ the floor (target <= %.1f for preflights and allowed actual requests, bold: over it; actual-refused is shown, not held to it):\n\n", measure(), targetFloor)
	s.table(w, "scenario", s.floor, targetFloor, all, floorTargeted)
	fmt.Fprintf(w, "\nThe diagnostic answer to a refused method (Access-Control-Allow-Origin and the allow lists instead of a bare refusal) costs, over a refused origin:")
	scale, u := 1e9, "ns"
	if unit == "instr/op" {
		scale, u = 1, "instructions"
	}
	for _, fw := range s.frameworks {
		if d, ok := s.diagnostic[fw]; ok {
			fmt.Fprintf(w, " %s %+.0f %s (writing alone %+.0f);", fw, d[0]*scale, u, d[1]*scale)
		}
	}
	fmt.Fprintf(w, "\n\n")
}

// measure names the unit in the tables' captions.
func measure() string {
	if unit == "instr/op" {
		return "instruction count"
	}
	return "time"
}

// decide writes the BenchmarkDecide summary and returns its misses.
func decide(w io.Writer, name string) []string {
	recs, err := readRecords(name)
	if err != nil {
		log.Fatal(err)
	}
	var col string
	type row struct{ sec, allocs float64 }
	rows := map[string]*row{}
	var order []string
	for _, rec := range recs {
		if len(rec) < 2 {
			continue
		}
		if rec[0] == "" {
			col = rec[1]
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
		switch col {
		case "sec/op", "instr/op":
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
