package main

import (
	"fmt"
	"io"
	"math"
	"slices"
)

// compareRuns prints, for two runs' benchstat CSVs, crossgate's ratio to
// the floor and to the fastest rival in each, scenario by scenario, and
// how far apart the two runs put each ratio (|first ÷ second - 1|): the
// benchmarks agree with themselves when every ratio is within 10%.
func compareRuns(w io.Writer, first, second string) error {
	a, order, err := readFile(first)
	if err != nil {
		return err
	}
	b, _, err := readFile(second)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "| framework | scenario | ÷ floor, run 1 | run 2 | apart | ÷ fastest rival, run 1 | run 2 | apart |\n|---|---|---:|---:|---:|---:|---:|---:|\n")
	worst, worstWhat, n, within := 0.0, "", 0, 0
	var aparts []float64
	for _, fw := range frameworks {
		ta, tb := a[fw][unit], b[fw][unit]
		if ta == nil || tb == nil {
			continue
		}
		for _, s := range order[fw] {
			row := fmt.Sprintf("| %s | %s |", fw, s)
			for _, ratio := range []func(map[string]map[string]float64) float64{
				func(t map[string]map[string]float64) float64 { return t[s]["crossgate"] / t[s]["floor"] },
				func(t map[string]map[string]float64) float64 {
					_, v := fastestRival(fw, t, s)
					return t[s]["crossgate"] / v
				},
			} {
				ra, rb := ratio(ta), ratio(tb)
				if math.IsNaN(ra) || math.IsNaN(rb) || ra == 0 || rb == 0 || math.IsInf(ra, 0) || math.IsInf(rb, 0) {
					row += " – | – | – |"
					continue
				}
				apart := math.Abs(ra/rb - 1)
				aparts = append(aparts, apart)
				n++
				if apart <= 0.10 {
					within++
				}
				if apart > worst {
					worst, worstWhat = apart, fmt.Sprintf("%s %s", fw, s)
				}
				row += fmt.Sprintf(" %.2f | %.2f | %.1f%% |", ra, rb, apart*100)
			}
			fmt.Fprintln(w, row)
		}
	}
	slices.Sort(aparts)
	median := 0.0
	if len(aparts) > 0 {
		median = aparts[len(aparts)/2]
	}
	fmt.Fprintf(w, "\n%d of %d ratios within 10%% of each other; median %.1f%% apart, the worst %.1f%% (%s). Measure: %s.\n",
		within, n, median*100, worst*100, worstWhat, unit)
	return nil
}
