package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Targets of the scale benchmarks.
const (
	targetScaleOwn    = 1.5 // crossgate at N / crossgate at N = 1, same kind and outcome
	targetScaleJub0bs = 1.0 // crossgate / jub0bs at 10,000 entries
)

// scaleLibraries are the columns of BenchmarkScale, in table order.
var scaleLibraries = []string{"crossgate-decide", "crossgate", "jub0bs", "rscors"}

// scaleTable reads benchstat's CSV of BenchmarkScale (rows
// "Scale/<kind>-<N>/<outcome>", one column per library) and writes one
// row per policy, allowed / refused in each cell, then the target checks.
func scaleTable(w io.Writer, name string) error {
	recs, err := readRecords(name)
	if err != nil {
		return err
	}
	// policy -> outcome -> library -> sec/op
	v := map[string]map[string]map[string]float64{}
	var policies []string
	var cols []string
	for _, rec := range recs {
		switch {
		case len(rec) > 1 && rec[0] == "" && cols == nil:
			cols = fill(rec)
		case len(rec) > 1 && strings.HasPrefix(rec[0], "Scale/"):
			parts := strings.Split(rec[0], "/")
			if len(parts) != 3 {
				continue
			}
			pol, outcome := parts[1], scenarioName(parts[2])
			if v[pol] == nil {
				v[pol] = map[string]map[string]float64{}
				policies = append(policies, pol)
			}
			if v[pol][outcome] == nil {
				v[pol][outcome] = map[string]float64{}
			}
			for i, c := range rec {
				if i == 0 || i >= len(cols) || cols[i] == "" || v[pol][outcome][cols[i]] != 0 {
					continue
				}
				if x, err := strconv.ParseFloat(c, 64); err == nil {
					v[pol][outcome][cols[i]] = x
				}
			}
		case len(rec) > 0 && rec[0] == "geomean":
			cols = nil // only the first table: sec/op
		}
	}
	fmt.Fprintf(w, "| policy (allowed / refused, ns) | crossgate Decide | crossgate via net/http | jub0bs | rs/cors |\n|---|---:|---:|---:|---:|\n")
	for _, pol := range policies {
		fmt.Fprintf(w, "| %s |", pol)
		for _, lib := range scaleLibraries {
			fmt.Fprintf(w, " %s / %s |", nsShort(v[pol]["allowed"][lib]), nsShort(v[pol]["refused"][lib]))
		}
		fmt.Fprintln(w)
	}
	var misses []string
	worst := 0.0
	for _, pol := range policies {
		kind, _, _ := strings.Cut(pol, "-")
		for _, outcome := range []string{"allowed", "refused"} {
			for _, lib := range []string{"crossgate-decide", "crossgate"} {
				base := v[kind+"-1"][outcome][lib]
				x := v[pol][outcome][lib]
				if base == 0 || x == 0 {
					continue
				}
				worst = max(worst, x/base)
				if x/base > targetScaleOwn {
					misses = append(misses, fmt.Sprintf("%s %s %s: %.2fx its N = 1", pol, outcome, lib, x/base))
				}
			}
			if strings.HasSuffix(pol, "-10000") {
				cg, j := v[pol][outcome]["crossgate"], v[pol][outcome]["jub0bs"]
				if j > 0 && cg/j > targetScaleJub0bs {
					misses = append(misses, fmt.Sprintf("%s %s: crossgate %.2fx jub0bs", pol, outcome, cg/j))
				}
			}
		}
	}
	fmt.Fprintf(w, "\nTargets: crossgate within %.1fx of its own N = 1 at every N (worst %.2fx), and no slower than jub0bs at 10,000 entries: ", targetScaleOwn, worst)
	if len(misses) == 0 {
		fmt.Fprintf(w, "met.\n")
	} else {
		fmt.Fprintf(w, "missed: %s.\n", strings.Join(misses, "; "))
	}
	return nil
}

// nsShort prints seconds as ns, or µs from 10 µs on.
func nsShort(sec float64) string {
	if sec == 0 {
		return "–"
	}
	if v := sec * 1e9; v < 1e4 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.0f µs", sec*1e6)
}
