package tlatrace

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Spec describes the TLA+ specification a trace is validated against.
type Spec struct {
	// Module is the name of the spec's module, which the trace module
	// extends (Raft for Raft.tla).
	Module string
	// Source is the text of Module's .tla file; when set, Write puts a copy
	// beside the trace so the directory is self-contained.
	Source string
	// Vars are the spec's variables, in declaration order.
	Vars []string
	// Constants are the .cfg's constant assignments, in order.
	Constants []Constant
	// ModelValues are the model values the trace mentions that the spec
	// does not declare (servers s1, s2, ...). The trace module declares
	// them as constants and the .cfg makes each a model value.
	ModelValues []string
}

// Constant is one assignment of a .cfg's CONSTANTS section; Value is TLA+
// text as a .cfg takes it (3, TRUE, {s1, s2}, Nil).
type Constant struct {
	Name, Value string
}

// State is one state of a trace: the label of the step that led to it (the
// implementation's action, or Init) and the values of the spec's variables.
type State struct {
	Label string
	Vars  map[string]Value
	// JSON holds the variables as decoded from TLC's JSON trace (see
	// ParseTLCJSON) when Vars is nil.
	JSON map[string]any
}

// Trace is a sequence of states to be confirmed as a behaviour of a spec.
type Trace struct {
	Spec   Spec
	States []State
}

// Options select how a trace is rendered.
type Options struct {
	// Name is the trace module's name (default: the spec's module name
	// followed by "Trace").
	Name string
	// Observe lists the variables the trace records; nil means all. TLC
	// finds values for the others, as trace validation of real logs does.
	Observe []string
}

// Reserved names of the trace module; a spec that uses one cannot be traced.
var reserved = []string{"Trace", "Traces", "traceNo", "TraceReject", "TraceInv", "TraceLabels", "traceIdx", "TraceInit", "TraceNext", "TraceSpec", "TraceAccepted", "TraceVars", "TraceMatch"}

func (t *Trace) observed(opt Options) ([]string, error) {
	if len(t.States) == 0 {
		return nil, fmt.Errorf("tlatrace: the trace has no states")
	}
	for _, v := range t.Spec.Vars {
		if slices.Contains(reserved, v) {
			return nil, fmt.Errorf("tlatrace: spec variable %q clashes with a name of the trace module", v)
		}
	}
	obs := opt.Observe
	if obs == nil {
		obs = t.Spec.Vars
	}
	if len(obs) == 0 {
		return nil, fmt.Errorf("tlatrace: no variable to observe")
	}
	for _, v := range obs {
		if !slices.Contains(t.Spec.Vars, v) {
			return nil, fmt.Errorf("tlatrace: %q is not a variable of %s (variables: %s)", v, t.Spec.Module, strings.Join(t.Spec.Vars, ", "))
		}
	}
	for k, s := range t.States {
		for _, v := range obs {
			if _, ok := s.Vars[v]; !ok {
				return nil, fmt.Errorf("tlatrace: state %d has no value for %s", k+1, v)
			}
		}
	}
	// Declaration order, so the records read like the spec.
	var out []string
	for _, v := range t.Spec.Vars {
		if slices.Contains(obs, v) {
			out = append(out, v)
		}
	}
	return out, nil
}

func (opt Options) name(s Spec) string {
	if opt.Name != "" {
		return opt.Name
	}
	return s.Module + "Trace"
}

// Module renders the trace module and its .cfg. The module extends the
// spec and defines Trace, one record per state of the observed
// variables, with each step's label as a comment. Its TraceSpec starts in
// a state of Init that matches Trace[1] and, at step i, takes a Next step
// or a stutter whose primed variables match Trace[i+1]. TLC explores
// TraceSpec; the postcondition TraceAccepted holds when the search reached
// the last state of the trace, and otherwise prints the first step no
// Next step matches (see ParseVerdict).
func (t *Trace) Module(opt Options) (tla, cfg string, err error) {
	obs, err := t.observed(opt)
	if err != nil {
		return "", "", err
	}
	name := opt.name(t.Spec)
	if !isIdent(name) {
		return "", "", fmt.Errorf("tlatrace: module name %q is not an identifier", name)
	}
	var b strings.Builder
	head := fmt.Sprintf(" MODULE %s ", name)
	dashes := strings.Repeat("-", max(4, (77-len(head))/2))
	fmt.Fprintf(&b, "%s%s%s\n", dashes, head, dashes)
	fmt.Fprintf(&b, "(* A trace to validate against %s: written by distcheck's tlatrace.\n", t.Spec.Module)
	fmt.Fprintf(&b, "   Check: java -cp tla2tools.jar tlc2.TLC -config %s.cfg %s\n", name, name)
	b.WriteString("   The trace is accepted when TLC finds no error: every step is a Next\n")
	b.WriteString("   step or a stutter of the spec. *)\n")
	fmt.Fprintf(&b, "EXTENDS %s, TLC, Sequences, Naturals\n\n", t.Spec.Module)
	if len(t.Spec.ModelValues) > 0 {
		fmt.Fprintf(&b, "CONSTANTS %s\n\n", strings.Join(t.Spec.ModelValues, ", "))
	}
	if len(obs) < len(t.Spec.Vars) {
		var hidden []string
		for _, v := range t.Spec.Vars {
			if !slices.Contains(obs, v) {
				hidden = append(hidden, v)
			}
		}
		fmt.Fprintf(&b, "\\* Partial observation: the trace records %s; TLC finds values for %s.\n",
			strings.Join(obs, ", "), strings.Join(hidden, ", "))
	}
	b.WriteString("Trace == <<\n")
	writeRecords(&b, t.States, obs)
	b.WriteString(">>\n\n")
	b.WriteString("TraceLabels == <<")
	for k, s := range t.States {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(tlaString(s.Label))
	}
	b.WriteString(">>\n\n")
	b.WriteString("VARIABLE traceIdx  \\* the position in Trace of the current state\n\n")
	fmt.Fprintf(&b, "TraceVars == <<%s>>\n\n", strings.Join(t.Spec.Vars, ", "))
	b.WriteString("TraceMatch(t) ==\n")
	for _, v := range obs {
		fmt.Fprintf(&b, "    /\\ %s = t.%s\n", v, v)
	}
	b.WriteString("\nTraceInit ==\n    /\\ traceIdx = 1\n    /\\ TraceMatch(Trace[1])\n    /\\ Init\n\n")
	b.WriteString("(* The primed variables are fixed first, so Next only has to confirm them. *)\n")
	b.WriteString("TraceNext ==\n    /\\ traceIdx < Len(Trace)\n    /\\ traceIdx' = traceIdx + 1\n")
	for _, v := range obs {
		fmt.Fprintf(&b, "    /\\ %s' = Trace[traceIdx + 1].%s\n", v, v)
	}
	b.WriteString("    /\\ Next \\/ UNCHANGED TraceVars\n\n")
	b.WriteString("TraceSpec == TraceInit /\\ [][TraceNext]_<<traceIdx, TraceVars>>\n\n")
	b.WriteString("(* Every step is matched when the search reaches the last state. TLC's\n")
	b.WriteString("   diameter is the length of the longest behaviour it found. *)\n")
	b.WriteString("TraceAccepted ==\n    LET d == TLCGet(\"stats\").diameter IN\n")
	b.WriteString("    IF d >= Len(Trace) THEN TRUE\n")
	b.WriteString("    ELSE IF d = 0\n")
	b.WriteString("         THEN PrintT(<<\"distcheck-trace: rejected at state\", 1, TraceLabels[1], \"no initial state matches\">>) /\\ FALSE\n")
	b.WriteString("         ELSE PrintT(<<\"distcheck-trace: rejected at state\", d + 1, TraceLabels[d + 1], \"no Next step or stutter from the state before\">>) /\\ FALSE\n")
	b.WriteString("=============================================================================\n")

	var c strings.Builder
	fmt.Fprintf(&c, "\\* Trace validation of %s against %s.\nCONSTANTS\n", name, t.Spec.Module)
	for _, mv := range t.Spec.ModelValues {
		fmt.Fprintf(&c, "    %s = %s\n", mv, mv)
	}
	for _, k := range t.Spec.Constants {
		fmt.Fprintf(&c, "    %s = %s\n", k.Name, k.Value)
	}
	c.WriteString("SPECIFICATION TraceSpec\nPOSTCONDITION TraceAccepted\nCHECK_DEADLOCK FALSE\n")
	return b.String(), c.String(), nil
}

// Batch renders many traces of one spec as one module and .cfg, so that a
// single TLC run validates them all. Every variable must be observed: the
// check is an invariant (each state of trace k but the last enables a
// matching Next step, the first satisfies Init), which is exact only when
// each trace position determines the whole state. TLC runs with -continue
// to report every rejected trace; see ParseBatchVerdicts.
func Batch(traces []*Trace, name string) (tla, cfg string, err error) {
	if len(traces) == 0 {
		return "", "", fmt.Errorf("tlatrace: no traces")
	}
	spec := traces[0].Spec
	for k, t := range traces {
		if t.Spec.Module != spec.Module || !slices.Equal(t.Spec.Vars, spec.Vars) || !slices.Equal(t.Spec.Constants, spec.Constants) {
			return "", "", fmt.Errorf("tlatrace: trace %d is of another spec or other constants than trace 1", k+1)
		}
		if _, err := t.observed(Options{}); err != nil {
			return "", "", fmt.Errorf("trace %d: %w", k+1, err)
		}
	}
	if name == "" {
		name = spec.Module + "Traces"
	}
	if !isIdent(name) {
		return "", "", fmt.Errorf("tlatrace: module name %q is not an identifier", name)
	}
	var b strings.Builder
	head := fmt.Sprintf(" MODULE %s ", name)
	dashes := strings.Repeat("-", max(4, (77-len(head))/2))
	fmt.Fprintf(&b, "%s%s%s\n", dashes, head, dashes)
	fmt.Fprintf(&b, "(* %d traces to validate against %s: written by distcheck's tlatrace.\n", len(traces), spec.Module)
	fmt.Fprintf(&b, "   Check: java -cp tla2tools.jar tlc2.TLC -continue -config %s.cfg %s\n", name, name)
	b.WriteString("   Every trace is accepted when TLC finds no error. *)\n")
	fmt.Fprintf(&b, "EXTENDS %s, TLC, Sequences, Naturals\n\n", spec.Module)
	if len(spec.ModelValues) > 0 {
		fmt.Fprintf(&b, "CONSTANTS %s\n\n", strings.Join(spec.ModelValues, ", "))
	}
	b.WriteString("Traces == <<\n")
	for k, t := range traces {
		fmt.Fprintf(&b, "  \\* trace %d\n  <<\n", k+1)
		writeRecords(&b, t.States, spec.Vars)
		b.WriteString("  >>")
		if k < len(traces)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString(">>\n\nTraceLabels == <<")
	for k, t := range traces {
		if k > 0 {
			b.WriteString(",\n    ")
		}
		b.WriteString("<<")
		for j, s := range t.States {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(tlaString(s.Label))
		}
		b.WriteString(">>")
	}
	b.WriteString(">>\n\n")
	b.WriteString("VARIABLES traceNo, traceIdx  \\* which trace, and the position in it\n\n")
	fmt.Fprintf(&b, "TraceVars == <<%s>>\n\n", strings.Join(spec.Vars, ", "))
	b.WriteString("TraceInit ==\n    /\\ traceNo \\in 1..Len(Traces)\n    /\\ traceIdx = 1\n")
	for _, v := range spec.Vars {
		fmt.Fprintf(&b, "    /\\ %s = Traces[traceNo][1].%s\n", v, v)
	}
	b.WriteString("\nTraceNext ==\n    /\\ traceIdx < Len(Traces[traceNo])\n    /\\ traceNo' = traceNo\n    /\\ traceIdx' = traceIdx + 1\n")
	for _, v := range spec.Vars {
		fmt.Fprintf(&b, "    /\\ %s' = Traces[traceNo][traceIdx + 1].%s\n", v, v)
	}
	b.WriteString("    /\\ Next \\/ UNCHANGED TraceVars\n\n")
	b.WriteString("TraceSpec == TraceInit /\\ [][TraceNext]_<<traceNo, traceIdx, TraceVars>>\n\n")
	b.WriteString("TraceReject(i, why) ==\n    PrintT(<<\"distcheck-trace: rejected trace\", traceNo, \"at state\", i, TraceLabels[traceNo][i], why>>) /\\ FALSE\n\n")
	b.WriteString("(* Each state is the only one at its position of its trace, so a state\n   that enables no matching step rejects the trace. *)\n")
	b.WriteString("TraceInv ==\n    /\\ traceIdx = 1 => Init \\/ TraceReject(1, \"not an initial state\")\n")
	b.WriteString("    /\\ traceIdx < Len(Traces[traceNo]) =>\n           ENABLED TraceNext \\/ TraceReject(traceIdx + 1, \"no Next step or stutter from the state before\")\n")
	b.WriteString("=============================================================================\n")

	var c strings.Builder
	fmt.Fprintf(&c, "\\* Trace validation of %d traces against %s.\nCONSTANTS\n", len(traces), spec.Module)
	for _, mv := range spec.ModelValues {
		fmt.Fprintf(&c, "    %s = %s\n", mv, mv)
	}
	for _, k := range spec.Constants {
		fmt.Fprintf(&c, "    %s = %s\n", k.Name, k.Value)
	}
	c.WriteString("SPECIFICATION TraceSpec\nINVARIANT TraceInv\nCHECK_DEADLOCK FALSE\n")
	return b.String(), c.String(), nil
}

// Write renders the trace into dir as NAME.tla and NAME.cfg, with a copy of
// the spec's source when Spec.Source is set, and returns the module's path.
func (t *Trace) Write(dir string, opt Options) (string, error) {
	tla, cfg, err := t.Module(opt)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	name := opt.name(t.Spec)
	files := []struct{ name, text string }{{name + ".tla", tla}, {name + ".cfg", cfg}}
	if t.Spec.Source != "" {
		files = append(files, struct{ name, text string }{t.Spec.Module + ".tla", t.Spec.Source})
	}
	for _, f := range files {
		if err := writeFile(filepath.Join(dir, f.name), f.text); err != nil {
			return "", err
		}
	}
	return filepath.Join(dir, name+".tla"), nil
}

// writeFile writes atomically (temp file and rename) and never replaces
// something that is not a regular file.
func writeFile(path, text string) error {
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		return fmt.Errorf("tlatrace: %s exists and is not a regular file", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tlatrace-*")
	if err != nil {
		return err
	}
	if _, err := tmp.WriteString(text); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// comment keeps a label on one comment line.
func comment(s string) string {
	return strings.NewReplacer("\n", " ", "\r", " ").Replace(s)
}

// tlaString quotes s as a TLA+ string: TLA+ strings have the escapes \" and
// \\ only, so other control and non-ASCII characters become '?'.
func tlaString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r > 0x7e:
			b.WriteByte('?')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

var reLabelLine = regexp.MustCompile(`^\s*\\\* (\d+)\. (.*)$`)

// ReadTrace reads back the states of a module written by Module: each
// "\* k. label" comment line and the record on the line after it. It is
// the inverse of Module for the observed variables.
func ReadTrace(tla string) ([]State, error) {
	lines := strings.Split(tla, "\n")
	var out []State
	in := false
	for k := 0; k < len(lines); k++ {
		line := lines[k]
		if strings.HasPrefix(line, "Trace == <<") {
			in = true
			continue
		}
		if !in {
			continue
		}
		if strings.TrimSpace(line) == ">>" {
			return out, nil
		}
		m := reLabelLine.FindStringSubmatch(line)
		if m == nil {
			return nil, fmt.Errorf("tlatrace: line %d: expected a state's label comment, got %q", k+1, line)
		}
		if n, _ := strconv.Atoi(m[1]); n != len(out)+1 || k+1 >= len(lines) {
			return nil, fmt.Errorf("tlatrace: line %d: state %s out of order", k+1, m[1])
		}
		k++
		rec, err := ParseValue(strings.TrimSuffix(strings.TrimSpace(lines[k]), ","))
		if err != nil {
			return nil, fmt.Errorf("tlatrace: line %d: %w", k+1, err)
		}
		s := State{Label: m[2], Vars: map[string]Value{}}
		for i, f := range rec.Domain() {
			name, ok := f.AsString()
			if !ok || f.Kind() != StringKind {
				return nil, fmt.Errorf("tlatrace: line %d: the state is not a record", k+1)
			}
			s.Vars[name] = rec.vals[i]
		}
		out = append(out, s)
	}
	return nil, fmt.Errorf("tlatrace: no Trace == << ... >> in the module")
}

// writeRecords writes states as TLA+ records of vars, one a line, each
// after a comment with its step's label, separated by commas.
func writeRecords(b *strings.Builder, states []State, vars []string) {
	for k, s := range states {
		fmt.Fprintf(b, "    \\* %d. %s\n    [", k+1, comment(s.Label))
		for j, v := range vars {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(b, "%s |-> %s", v, s.Vars[v])
		}
		b.WriteString("]")
		if k < len(states)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
}
