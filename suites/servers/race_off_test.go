//go:build !race

package servers_test

// raceEnabled: see race_on_test.go.
const raceEnabled = false
