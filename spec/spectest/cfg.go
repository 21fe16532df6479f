package spectest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/distcheck/distcheck/checker"
)

// Cfg is what a TLC .cfg file says, in the subset the models use.
type Cfg struct {
	Constants              map[string]string
	Specification          string
	Invariants, Properties []string
	Symmetry               string // the SYMMETRY definition, if any
}

// ParseCfg reads "NAME = value" lines under CONSTANT(S), and names (one
// per line or on the keyword's line) under INVARIANT(S), PROPERTY
// (PROPERTIES), SPECIFICATION and SYMMETRY; `\*` starts a comment.
func ParseCfg(text string) Cfg {
	c := Cfg{Constants: map[string]string{}}
	section := ""
	for _, line := range strings.Split(text, "\n") {
		line, _, _ = strings.Cut(line, `\*`)
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "CONSTANTS", "CONSTANT", "INVARIANTS", "INVARIANT", "PROPERTY", "PROPERTIES", "SPECIFICATION", "CHECK_DEADLOCK", "SYMMETRY":
			section, f = f[0], f[1:]
		}
		if len(f) == 0 {
			continue
		}
		switch section {
		case "CONSTANTS", "CONSTANT":
			if k, v, ok := strings.Cut(strings.Join(f, " "), "="); ok {
				c.Constants[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		case "INVARIANTS", "INVARIANT":
			c.Invariants = append(c.Invariants, f...)
		case "PROPERTY", "PROPERTIES":
			c.Properties = append(c.Properties, f...)
		case "SPECIFICATION":
			c.Specification = f[0]
		case "SYMMETRY":
			c.Symmetry = f[0]
		}
	}
	return c
}

// PropertiesMatch requires the Go model's Always properties to be the
// .cfg's INVARIANTS and its Eventually properties its PROPERTY, in order,
// and the specification to be LiveSpec exactly when there are any.
func PropertiesMatch[S any](t *testing.T, m *checker.Model[S], c Cfg) {
	t.Helper()
	var always, eventually []string
	for _, p := range m.Properties {
		switch p.Kind {
		case checker.Always:
			always = append(always, p.Name)
		case checker.Eventually:
			eventually = append(eventually, p.Name)
		}
	}
	assert.Equal(t, c.Invariants, always, "INVARIANTS")
	assert.Equal(t, c.Properties, eventually, "PROPERTY")
	want := "Spec"
	if len(eventually) > 0 {
		want = "LiveSpec"
	}
	assert.Equal(t, want, c.Specification, "SPECIFICATION")
}

// ModelValues is TLC's set of model values prefix1..prefixN as a .cfg
// writes it: ModelValues("s", 3) is "{s1, s2, s3}".
func ModelValues(prefix string, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("%s%d", prefix, i+1)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
