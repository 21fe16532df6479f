// Package spec holds the TLA+ specifications (one folder per claim family,
// each with its Go transliteration) and the manifest that records, per TLC
// model, the constants, the expected result and TLC's own figures.
//
// The manifest is the contract between the two worlds: each Go twin's tests
// explore the same constants and must reproduce TLC's distinct-state count,
// generated-state count and depth; internal/tlc re-runs TLC on every model
// when a tla2tools.jar is available and checks the manifest is still true.
package spec
