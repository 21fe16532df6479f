package systems

import (
	"fmt"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"
	cspec "github.com/distcheck/distcheck/spec/chord"
)

// chordUnordered is the Go-only model of spec/chord in which OrderedRing
// fails; it has no .cfg because TLC with -continue cannot report it briefly.
const chordUnordered = "OriginalUnordered"

func init() {
	params := func(c cspec.Config) map[string]int {
		base := 0
		for _, b := range c.Base {
			base |= 1 << (b - 1)
		}
		return map[string]int{"n": c.N, "r": c.R, "base": base, "corrected": boolInt(c.Corrected),
			"maxJoins": c.MaxJoins, "maxFails": c.MaxFails, "live": boolInt(c.Live)}
	}
	var variants []cli.Variant
	for _, name := range cspec.ModelNames {
		c := cspec.Models[name]
		v := cli.Variant{Name: name, Doc: "the constants of spec/chord/" + name + ".cfg", Params: params(c)}
		switch name {
		case "MCChordCorrect":
			v.Doc += " (Zave's corrected protocol over a stable base: one ordered ring)"
		case "MCChordCorrectR3":
			v.Doc += " (corrected protocol, successor lists of length 3)"
		case "MCChordLive":
			v.Doc += " (corrected protocol: after the last join and failure the ring becomes ideal)"
		case "MCChordNoRing":
			v.Doc += " (original protocol: stabilize adopts a dead predecessor and no ring is left)"
			v.Violates = []string{cspec.AtLeastOneRing}
		case "MCChordDetached":
			v.Doc += " (original protocol: a node joins behind a dead successor and cannot reach the ring)"
			v.Violates = []string{cspec.ConnectedAppendages}
		case "MCChordTwoRings":
			v.Doc += " (original protocol: failures split the network into two rings)"
			v.Violates = []string{cspec.AtMostOneRing}
		}
		variants = append(variants, v)
	}
	variants = append(variants, cli.Variant{Name: chordUnordered,
		Doc:      "original protocol, no TLC model (3.2M states): a failed node rejoins and the ring winds past it",
		Params:   params(cspec.Unordered),
		Violates: []string{cspec.OrderedRing}})
	cli.Register(cli.Def[cspec.State]{
		Name: "chord-spec",
		Doc:  "spec/chord: Chord ring maintenance after Zave, original vs corrected protocol (claim C15); state counts equal TLC's",
		Params: []cli.Param{
			{Name: "n", Default: 5, Min: 1, Max: 8, Doc: "N: identifiers (nodes) 1..N"},
			{Name: "r", Default: 2, Min: 1, Max: 8, Doc: "R: successor-list length"},
			{Name: "base", Default: 7, Min: 1, Max: 255, Doc: "Base as a bit set (bit i-1: node i), the initial ring and, corrected, the stable base"},
			{Name: "corrected", Default: 1, Min: 0, Max: 1, Doc: "1: Zave's corrected protocol; 0: the original"},
			{Name: "maxJoins", Default: 3, Min: 0, Max: 6, Doc: "MaxJoins"},
			{Name: "maxFails", Default: 2, Min: 0, Max: 6, Doc: "MaxFails"},
			{Name: "live", Default: 0, Min: 0, Max: 1, Doc: "1: LiveSpec with EventuallyIdeal"},
		},
		Variants: variants,
		Build: func(variant string, p map[string]int) (*checker.Model[cspec.State], error) {
			c, err := chordSpecConfig(variant, p)
			if err != nil {
				return nil, err
			}
			return c.Model(), nil
		},
	})
}

// chordSpecConfig is chord-spec's constants for a variant and resolved
// parameters.
func chordSpecConfig(variant string, p map[string]int) (cspec.Config, error) {
	if p["base"] <= 0 || p["base"] >= 1<<cspec.MaxNodes {
		return cspec.Config{}, fmt.Errorf("chord spec: base = %d is not a non-empty set of nodes 1..%d (a bit set)", p["base"], cspec.MaxNodes)
	}
	c := cspec.Config{N: p["n"], R: p["r"], Corrected: p["corrected"] != 0,
		MaxJoins: p["maxJoins"], MaxFails: p["maxFails"], Live: p["live"] != 0}
	for i := range cspec.MaxNodes {
		if p["base"]&(1<<i) != 0 {
			c.Base = append(c.Base, i+1)
		}
	}
	// The variant chooses the invariants, as its .cfg does.
	if m, ok := cspec.Models[variant]; ok {
		c.Invariants = m.Invariants
	} else if variant == chordUnordered {
		c.Invariants = cspec.Unordered.Invariants
	}
	return c, c.Validate()
}
