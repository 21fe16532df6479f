// Package examples holds runnable modules that use distcheck from the
// outside, through its public packages only; each is its own Go module
// (ownprotocol: two-phase commit with the whole explore command line).
// The tests here build and run them.
package examples
