package cli

import (
	"fmt"
	"maps"
	"sort"
	"strconv"
	"strings"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/viz"
)

// Param is an integer parameter of a system, with its default.
type Param struct {
	Name    string `json:"name"`
	Default int    `json:"default"`
	// Min and Max bound the values -set may give, checked before the model
	// is built (exit 2): a boolean is 0..1, a bound is >= 0, a size small
	// enough to explore. Max 0 means no upper bound (an outside system that
	// states none); every system of this project states one.
	Min int    `json:"min"`
	Max int    `json:"max,omitempty"`
	Doc string `json:"doc"`
	// Needs lists the settings of other parameters without which this
	// one means nothing (inFlight bounds only a consuming network):
	// -set giving it another value than its default is then an error
	// instead of being silently ignored.
	Needs []Setting `json:"needs,omitempty"`
}

// Setting is a parameter's value.
type Setting struct {
	Name  string `json:"name"`
	Value int    `json:"value"`
}

// Range says the values p accepts: "0..5", or "0.." without an upper bound.
func (p Param) Range() string {
	if p.Max == 0 {
		return fmt.Sprintf("%d..", p.Min)
	}
	return fmt.Sprintf("%d..%d", p.Min, p.Max)
}

func (p Param) check(v int) error {
	if v < p.Min || (p.Max != 0 && v > p.Max) {
		return fmt.Errorf("%s = %d, want %s", p.Name, v, p.Range())
	}
	return nil
}

// Variant is a version of a system: the correct one or a seeded bug.
type Variant struct {
	Name string
	Doc  string
	// Bug marks a seeded bug: the same schedule on the system's first
	// (correct) variant must not violate what this one violates.
	Bug bool
	// Violates names the properties this variant is known to violate
	// within the default bounds (empty for a correct variant).
	Violates []string
	// Params overrides parameter defaults for this variant, so the default
	// bounds are ones where the bug shows.
	Params map[string]int
}

// Def defines a system whose models have states of type S.
type Def[S any] struct {
	Name     string
	Doc      string
	Params   []Param
	Variants []Variant // the first is the default
	Build    func(variant string, params map[string]int) (*checker.Model[S], error)
	// Attach, when set, renders a file to keep beside a saved
	// counterexample of prop, from its last state (for example porcupine's
	// visualization of a non-linearizable history); ext is the file's
	// extension, and no data means nothing to attach.
	Attach func(variant string, params map[string]int, prop string, last S) (ext string, data []byte, err error)
	// Abstract, when set, renders a state's spec-level (abstract) state,
	// what a conformance check compares, for HTML reports.
	Abstract func(variant string, params map[string]int, s S) string
}

// System is a registered system, type-erased.
type System interface {
	Name() string
	Doc() string
	Params() []Param
	Variants() []Variant
	Variant(name string) (Variant, error)
	// Resolve fills in defaults and checks names and values.
	Resolve(variant string, set map[string]int) (map[string]int, error)
	Properties(variant string, params map[string]int) ([]PropertyInfo, error)
	Check(variant string, params map[string]int, opt checker.Options) (*Report, error)
	// Replay re-runs a recorded path and judges prop on it.
	Replay(variant string, params map[string]int, prop string, p PathReport) (*Replayed, error)
	// Shrink shortens a violating path.
	Shrink(variant string, params map[string]int, prop string, actions []string) ([]string, error)
	// Attachment replays a violating path and renders the file to keep
	// beside its counterexample (see Def.Attach); no data when there is none.
	Attachment(variant string, params map[string]int, prop string, actions []string) (ext string, data []byte, err error)
	// Visual replays a path (a lasso when loop >= 0) and describes it for
	// an HTML report (see package viz); prop may be "" for a path alone.
	Visual(variant string, params map[string]int, prop string, actions []string, loop int, loopAction string) (*viz.Report, error)
	// Stepper builds the model for stepping through it state by state.
	Stepper(variant string, params map[string]int) (Stepper, error)
	// Monitor reports cluster metrics over seeded random walks (actor systems only).
	Monitor(variant string, params map[string]int, seed uint64, walks, depth int) (*MonitorReport, error)
}

// PropertyInfo describes a property.
type PropertyInfo struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
}

var registry = map[string]System{}

// Register adds a system; it panics on a duplicate name (a programming error).
func Register[S any](d Def[S]) {
	if _, dup := registry[d.Name]; dup {
		panic("systems: duplicate system " + d.Name)
	}
	if len(d.Variants) == 0 {
		panic("systems: " + d.Name + " has no variants")
	}
	// A default or a variant's value outside its parameter's range is a
	// programming error.
	for _, p := range d.Params {
		if p.Max != 0 && p.Max < p.Min {
			panic(fmt.Sprintf("systems: %s: parameter %s has range %d..%d", d.Name, p.Name, p.Min, p.Max))
		}
		if err := p.check(p.Default); err != nil {
			panic(fmt.Sprintf("systems: %s: default %v", d.Name, err))
		}
		for _, v := range d.Variants {
			if x, ok := v.Params[p.Name]; ok {
				if err := p.check(x); err != nil {
					panic(fmt.Sprintf("systems: %s: variant %s: %v", d.Name, v.Name, err))
				}
			}
		}
	}
	registry[d.Name] = &entry[S]{d}
}

// Lookup finds a system by name.
func Lookup(name string) (System, error) {
	s, ok := registry[name]
	if !ok {
		return nil, fmt.Errorf("unknown system %q (have %s)", name, strings.Join(Names(), ", "))
	}
	return s, nil
}

// Names lists the registered systems, sorted.
func Names() []string {
	out := make([]string, 0, len(registry))
	for n := range registry {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// ParseParams reads "k=v,k=v" (or space separated).
func ParseParams(s string) (map[string]int, error) {
	out := map[string]int{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		k, v, ok := strings.Cut(f, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("parameter %q is not of the form name=integer", f)
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, fmt.Errorf("parameter %s: %q is not an integer", k, v)
		}
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("parameter %s given twice", k)
		}
		out[k] = n
	}
	return out, nil
}

// FormatParams renders parameters as "k=v k=v" in the system's order.
func FormatParams(sys System, params map[string]int) string {
	var parts []string
	for _, p := range sys.Params() {
		parts = append(parts, fmt.Sprintf("%s=%d", p.Name, params[p.Name]))
	}
	return strings.Join(parts, " ")
}

type entry[S any] struct{ d Def[S] }

func (e *entry[S]) Name() string        { return e.d.Name }
func (e *entry[S]) Doc() string         { return e.d.Doc }
func (e *entry[S]) Params() []Param     { return e.d.Params }
func (e *entry[S]) Variants() []Variant { return e.d.Variants }

func (e *entry[S]) Variant(name string) (Variant, error) {
	if name == "" {
		return e.d.Variants[0], nil
	}
	var names []string
	for _, v := range e.d.Variants {
		if v.Name == name {
			return v, nil
		}
		names = append(names, v.Name)
	}
	return Variant{}, fmt.Errorf("system %s has no variant %q (have %s)", e.d.Name, name, strings.Join(names, ", "))
}

func (e *entry[S]) Resolve(variant string, set map[string]int) (map[string]int, error) {
	v, err := e.Variant(variant)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, p := range e.d.Params {
		out[p.Name] = p.Default
		if x, ok := v.Params[p.Name]; ok {
			out[p.Name] = x
		}
	}
	base := maps.Clone(out) // the defaults, with the variant's own settings
	for k, x := range set {
		if _, ok := out[k]; !ok {
			var names []string
			for _, p := range e.d.Params {
				names = append(names, p.Name)
			}
			return nil, fmt.Errorf("system %s has no parameter %q (have %s)", e.d.Name, k, strings.Join(names, ", "))
		}
		out[k] = x
	}
	for _, p := range e.d.Params {
		if err := p.check(out[p.Name]); err != nil {
			return nil, err
		}
		if _, ok := set[p.Name]; !ok || out[p.Name] == base[p.Name] {
			continue
		}
		for _, n := range p.Needs {
			if out[n.Name] != n.Value {
				return nil, fmt.Errorf("system %s: %s=%d has no effect unless %s=%d (it is %d)", e.d.Name, p.Name, out[p.Name], n.Name, n.Value, out[n.Name])
			}
		}
	}
	return out, nil
}

func (e *entry[S]) build(variant string, params map[string]int) (*checker.Model[S], error) {
	m, _, _, err := e.resolvedBuild(variant, params)
	return m, err
}

// resolvedBuild builds the model and returns the variant's name and the
// full parameters it was built with.
func (e *entry[S]) resolvedBuild(variant string, params map[string]int) (*checker.Model[S], string, map[string]int, error) {
	v, err := e.Variant(variant)
	if err != nil {
		return nil, "", nil, err
	}
	full, err := e.Resolve(v.Name, params)
	if err != nil {
		return nil, "", nil, err
	}
	m, err := e.d.Build(v.Name, full)
	return m, v.Name, full, err
}

func (e *entry[S]) Properties(variant string, params map[string]int) ([]PropertyInfo, error) {
	m, err := e.build(variant, params)
	if err != nil {
		return nil, err
	}
	out := make([]PropertyInfo, len(m.Properties))
	for i, p := range m.Properties {
		out[i] = PropertyInfo{p.Name, p.Kind.String()}
	}
	return out, nil
}

func (e *entry[S]) Check(variant string, params map[string]int, opt checker.Options) (*Report, error) {
	m, err := e.build(variant, params)
	if err != nil {
		return nil, err
	}
	res, err := checker.Check(m, opt)
	if err != nil {
		return nil, err
	}
	return report(m, res), nil
}

func (e *entry[S]) Replay(variant string, params map[string]int, prop string, p PathReport) (*Replayed, error) {
	m, err := e.build(variant, params)
	if err != nil {
		return nil, err
	}
	var path *checker.Path[S]
	if p.Loop >= 0 {
		path, err = checker.ReplayLasso(m, p.Actions(), p.Loop, p.LoopAction)
	} else {
		path, err = checker.Replay(m, p.Actions())
	}
	if err != nil {
		return nil, err
	}
	at, detail, err := checker.Judge(m, prop, path)
	if err != nil {
		return nil, err
	}
	return &Replayed{At: at, Detail: detail, Path: pathReport(m, path)}, nil
}

func (e *entry[S]) Attachment(variant string, params map[string]int, prop string, actions []string) (string, []byte, error) {
	if e.d.Attach == nil {
		return "", nil, nil
	}
	m, name, full, err := e.resolvedBuild(variant, params)
	if err != nil {
		return "", nil, err
	}
	path, err := checker.Replay(m, actions)
	if err != nil {
		return "", nil, err
	}
	return e.d.Attach(name, full, prop, path.Steps[len(path.Steps)-1].State)
}

func (e *entry[S]) Shrink(variant string, params map[string]int, prop string, actions []string) ([]string, error) {
	m, err := e.build(variant, params)
	if err != nil {
		return nil, err
	}
	return checker.Shrink(m, prop, actions)
}
