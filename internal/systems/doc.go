// Package systems is the registry that names every checkable system for the
// CLI and the corpus tests. A system is registered once, with its variants
// (the correct protocol and its seeded bugs), its integer parameters and a
// function that builds a checker model; everything else (checking,
// simulation, replay, shrinking, reports) is shared and type-erased here.
package systems
