package systems

import (
	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"
	"github.com/distcheck/distcheck/impl/chord"
	"github.com/distcheck/distcheck/impl/chord/chordmodel"
)

func init() {
	cli.Register(cli.Def[chordmodel.State]{
		Name: "chord",
		Doc:  "claim C15: impl/chord's ring maintenance under joins and failures; the original protocol breaks Zave's ring invariants, her corrected one keeps one ordered ring",
		Params: []cli.Param{
			{Name: "nodes", Default: 5, Min: 1, Max: 8, Doc: "node slots n1..nN, in identifier order"},
			{Name: "bits", Default: 3, Min: 1, Max: 8, Doc: "m: identifiers are m-bit (2^m >= nodes)"},
			{Name: "r", Default: 2, Min: 1, Max: 8, Doc: "successor-list length"},
			{Name: "base", Default: 3, Min: 1, Max: 8, Doc: "initial members n1..nB, an ideal ring (corrected: the stable base, never fails, at least r+1)"},
			{Name: "joins", Default: 3, Min: 0, Max: 6, Doc: "most joins (a failed node may join again)"},
			{Name: "fails", Default: 2, Min: 0, Max: 6, Doc: "most failures (never leaving a member without a live successor-list entry)"},
			{Name: "live", Default: 1, Min: 0, Max: 1, Doc: "1: also check EventuallyIdeal and the reachability guards (the whole state space)"},
			{Name: "conform", Default: 1, Min: 0, Max: 1, Doc: "1: also check that every step is a step of spec/chord (Conformance; needs r >= 2, the whole state space)"},
		},
		Variants: []cli.Variant{
			{Name: "corrected", Doc: "Zave's corrected protocol (2017): two-step stabilize, rectify, join copies the list; a stable base of r+1"},
			{Name: "original", Doc: "the Chord papers' protocol as Zave (2012) reconstructs it: stabilize/notify/update/reconcile/flush, no liveness checks; from an ideal ring of 4",
				Bug:      true,
				Violates: []string{"AtLeastOneRing", "AtMostOneRing", "OrderedRing", "ConnectedAppendages"},
				Params:   map[string]int{"nodes": 4, "base": 4, "joins": 1, "fails": 2, "live": 0, "conform": 0}},
		},
		Build: func(variant string, p map[string]int) (*checker.Model[chordmodel.State], error) {
			return chordConfig(variant, p).Model()
		},
	})
}

// chordConfig is the chord system's model configuration for a variant and
// resolved parameters.
func chordConfig(variant string, p map[string]int) chordmodel.Config {
	proto := chord.Corrected
	if variant == "original" {
		proto = chord.Original
	}
	return chordmodel.Config{Protocol: proto, Nodes: p["nodes"], Bits: uint(max(p["bits"], 0)), R: p["r"], Base: p["base"],
		MaxJoins: p["joins"], MaxFails: p["fails"], Live: p["live"] != 0, Conformance: p["conform"] != 0}
}
