//go:build race

package app

// raceEnabled: the race detector slows the two-node burst several times.
const raceEnabled = true
