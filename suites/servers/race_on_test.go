//go:build race

package servers_test

// raceEnabled: the race detector slows compiling a large policy about
// tenfold, so the large soak test shrinks its policy under -race.
const raceEnabled = true
