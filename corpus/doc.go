// Package corpus reads and writes counterexample files: durable, readable
// records of a path that shows a property's outcome, replayed by the tests
// so that a refuted claim stays refuted and a fixed bug stays fixed. The
// format is described in corpora/README.md.
package corpus
