package systems

import (
	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/impl/chord"
	"github.com/distcheck/distcheck/impl/chord/chordmodel"
)

func init() {
	Register(Def[chordmodel.State]{
		Name: "chord",
		Doc:  "claim C15: impl/chord's ring maintenance under joins and failures; the original protocol breaks Zave's ring invariants, her corrected one keeps one ordered ring",
		Params: []Param{
			{"nodes", 5, "node slots n1..nN, in identifier order"},
			{"bits", 3, "m: identifiers are m-bit (2^m >= nodes)"},
			{"r", 2, "successor-list length"},
			{"base", 3, "initial members n1..nB, an ideal ring (corrected: the stable base, never fails, at least r+1)"},
			{"joins", 3, "most joins (a failed node may join again)"},
			{"fails", 2, "most failures (never leaving a member without a live successor-list entry)"},
			{"live", 1, "1: also check EventuallyIdeal and the reachability guards (the whole state space)"},
			{"conform", 1, "1: also check that every step is a step of spec/chord (Conformance; needs r >= 2, the whole state space)"},
		},
		Variants: []Variant{
			{Name: "corrected", Doc: "Zave's corrected protocol (2017): two-step stabilize, rectify, join copies the list; a stable base of r+1"},
			{Name: "original", Doc: "the Chord papers' protocol as Zave (2012) reconstructs it: stabilize/notify/update/reconcile/flush, no liveness checks; from an ideal ring of 4",
				Bug:      true,
				Violates: []string{"AtLeastOneRing", "AtMostOneRing", "OrderedRing", "ConnectedAppendages"},
				Params:   map[string]int{"nodes": 4, "base": 4, "joins": 1, "fails": 2, "live": 0, "conform": 0}},
		},
		Build: func(variant string, p map[string]int) (*checker.Model[chordmodel.State], error) {
			proto := chord.Corrected
			if variant == "original" {
				proto = chord.Original
			}
			return chordmodel.Config{Protocol: proto, Nodes: p["nodes"], Bits: uint(max(p["bits"], 0)), R: p["r"], Base: p["base"],
				MaxJoins: p["joins"], MaxFails: p["fails"], Live: p["live"] != 0, Conformance: p["conform"] != 0}.Model()
		},
	})
}
