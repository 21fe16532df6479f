package spec

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:embed manifest.json
var manifestJSON []byte

// Manifest is spec/manifest.json.
type Manifest struct {
	TLC struct {
		Version string `json:"version"`
		Source  string `json:"source"`
		Command string `json:"command"`
	} `json:"tlc"`
	Models []Model `json:"models"`
}

// Model is one TLC model and what TLC reported for it.
type Model struct {
	Name      string            `json:"name"`
	Spec      string            `json:"spec"`   // path under spec/
	Config    string            `json:"config"` // path under spec/
	Constants map[string]string `json:"constants"`
	// Expect is TLC's result: "success", "safety" (an invariant fails),
	// "liveness" (a temporal property fails) or "deadlock".
	Expect string `json:"expect"`
	// Property is the invariant or temporal property TLC reports as violated.
	Property string `json:"property,omitempty"`
	// Symmetry says the .cfg declares SYMMETRY (permutations of the
	// model's interchangeable identities): the Go twin is checked with
	// checker.Options.Symmetry.
	Symmetry bool `json:"symmetry,omitempty"`
	// Twin names the Go model when it differs from Name: a symmetric model
	// shares the constants of its asymmetric twin.
	Twin      string `json:"twin,omitempty"`
	Distinct  int    `json:"distinct"`
	Generated int    `json:"generated"`
	Depth     int    `json:"depth"`
}

// Load parses the embedded manifest.
func Load() (*Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(manifestJSON, &m); err != nil {
		return nil, fmt.Errorf("spec/manifest.json: %w", err)
	}
	for i, x := range m.Models {
		switch x.Expect {
		case "success", "safety", "liveness", "deadlock":
		default:
			return nil, fmt.Errorf("spec/manifest.json: model %d (%s): unknown expect %q", i, x.Name, x.Expect)
		}
	}
	return &m, nil
}

// Find returns the named model.
func (m *Manifest) Find(name string) (Model, bool) {
	for _, x := range m.Models {
		if x.Name == name {
			return x, true
		}
	}
	return Model{}, false
}
