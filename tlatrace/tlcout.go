package tlatrace

import (
	"bufio"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// TLCTrace is a behaviour TLC printed: an error trace, or a lasso for a
// liveness violation.
type TLCTrace struct {
	// Property is the invariant or temporal property TLC reports as
	// violated (empty when TLC does not name it).
	Property string
	States   []State
	// Loop >= 0 (0-based) is the state the last state steps back to
	// ("Back to state k" in TLC's output); Stutter says the behaviour ends
	// by stuttering forever in its last state. Neither: a finite trace.
	Loop    int
	Stutter bool
}

var (
	reStateHead = regexp.MustCompile(`^State (\d+): (.*)$`)
	reBackTo    = regexp.MustCompile(`^Back to state (\d+)(?:: (.*))?$`)
	reInvariant = regexp.MustCompile(`^Error: Invariant (\S+) is violated`)
	reTemporal  = regexp.MustCompile(`^Error: Temporal propert(?:y (\S+) was|ies were) violated`)
	reAssign    = regexp.MustCompile(`^(?:/\\ )?([A-Za-z_][A-Za-z0-9_]*) = (.*)$`)
)

// ParseTLCOutput reads the first error trace of TLC's plain output: the
// states of "State k: <action>" blocks, each a conjunction of
// "/\ var = value" lines (values may continue on indented lines), and for
// a liveness violation the closing "Back to state k" or "Stuttering".
func ParseTLCOutput(out string) (*TLCTrace, error) {
	tr := &TLCTrace{Loop: -1}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<28)
	var cur *State
	var lastVar string
	var buf strings.Builder
	line := 0
	flush := func() error {
		if cur != nil && lastVar != "" {
			v, err := ParseValue(buf.String())
			if err != nil {
				return fmt.Errorf("tlc output line %d: state %d, %s: %w", line, len(tr.States), lastVar, err)
			}
			cur.Vars[lastVar] = v
		}
		lastVar = ""
		buf.Reset()
		return nil
	}
	inTrace, done := false, false
	for sc.Scan() && !done {
		line++
		text := strings.TrimRight(sc.Text(), " \r")
		if m := reInvariant.FindStringSubmatch(text); m != nil && tr.Property == "" {
			tr.Property = m[1]
		}
		if m := reTemporal.FindStringSubmatch(text); m != nil && tr.Property == "" {
			tr.Property = m[1] // empty when TLC does not name the property
		}
		if m := reStateHead.FindStringSubmatch(text); m != nil {
			if err := flush(); err != nil {
				return nil, err
			}
			k, _ := strconv.Atoi(m[1])
			if k != len(tr.States)+1 {
				if inTrace { // a second trace (TLC run with -continue): keep the first
					break
				}
				return nil, fmt.Errorf("tlc output line %d: state %d where state %d was expected", line, k, len(tr.States)+1)
			}
			inTrace = true
			if strings.TrimSpace(m[2]) == "Stuttering" {
				tr.Stutter, cur, done = true, nil, true
				continue
			}
			tr.States = append(tr.States, State{Label: actionName(m[2]), Vars: map[string]Value{}})
			cur = &tr.States[len(tr.States)-1]
			continue
		}
		if m := reBackTo.FindStringSubmatch(text); m != nil && inTrace {
			if err := flush(); err != nil {
				return nil, err
			}
			k, _ := strconv.Atoi(m[1])
			if k < 1 || k > len(tr.States) {
				return nil, fmt.Errorf("tlc output line %d: back to state %d of %d", line, k, len(tr.States))
			}
			tr.Loop, done = k-1, true
			continue
		}
		if cur == nil {
			continue
		}
		if text == "" {
			if err := flush(); err != nil {
				return nil, err
			}
			cur = nil
			continue
		}
		if m := reAssign.FindStringSubmatch(text); m != nil && (strings.HasPrefix(text, "/\\ ") || lastVar == "") {
			if err := flush(); err != nil {
				return nil, err
			}
			lastVar = m[1]
			buf.WriteString(m[2])
			continue
		}
		if lastVar == "" {
			return nil, fmt.Errorf("tlc output line %d: expected \"/\\ var = value\", got %q", line, text)
		}
		buf.WriteString("\n" + text)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if len(tr.States) == 0 {
		return nil, fmt.Errorf("tlc output: no error trace found")
	}
	return tr, nil
}

// actionName reduces TLC's "<Vote(n1,A) line 41, col 5 to ... of module M>"
// or "<Initial predicate>" to the action's text.
func actionName(s string) string {
	s = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "<"), ">")
	if i := strings.Index(s, " line "); i >= 0 {
		s = s[:i]
	}
	return s
}

// ParseTLCJSON reads the file TLC writes with -dumpTrace json FILE:
// {"counterexample": {"state": [[k, vars], ...], "action": [[[k, vars],
// action, [k', vars]], ...]}}. JSON loses the difference between sets and
// sequences (both arrays), strings and model values (both strings), so
// each state keeps its variables as decoded JSON (State.JSON) and Match
// compares them with a rendered twin state guided by the rendered value's
// kind. An action whose target is an earlier state closes a lasso. JSON
// does not say whether a liveness counterexample ends by stuttering: the
// caller, who knows the property, decides (see MatchOptions.Stutter).
func ParseTLCJSON(data []byte) (*TLCTrace, error) {
	var doc struct {
		Counterexample *struct {
			Action [][3]json.RawMessage `json:"action"`
			State  []json.RawMessage    `json:"state"`
		} `json:"counterexample"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("tlc json trace: %w", err)
	}
	if doc.Counterexample == nil || len(doc.Counterexample.State) == 0 {
		return nil, fmt.Errorf("tlc json trace: no counterexample states")
	}
	tr := &TLCTrace{Loop: -1}
	decodeState := func(raw json.RawMessage) (int, map[string]any, error) {
		var pair []json.RawMessage
		if err := json.Unmarshal(raw, &pair); err != nil || len(pair) != 2 {
			return 0, nil, fmt.Errorf("tlc json trace: a state is not [index, variables]: %.80s", raw)
		}
		var k int
		if err := json.Unmarshal(pair[0], &k); err != nil {
			return 0, nil, fmt.Errorf("tlc json trace: state index: %w", err)
		}
		dec := json.NewDecoder(strings.NewReader(string(pair[1])))
		dec.UseNumber()
		var vars map[string]any
		if err := dec.Decode(&vars); err != nil {
			return 0, nil, fmt.Errorf("tlc json trace: state %d: %w", k, err)
		}
		return k, vars, nil
	}
	for n, raw := range doc.Counterexample.State {
		k, vars, err := decodeState(raw)
		if err != nil {
			return nil, err
		}
		if k != n+1 {
			return nil, fmt.Errorf("tlc json trace: state %d where %d was expected", k, n+1)
		}
		tr.States = append(tr.States, State{JSON: vars})
	}
	tr.States[0].Label = "Initial predicate"
	for _, a := range doc.Counterexample.Action {
		from, _, err := decodeState(a[0])
		if err != nil {
			return nil, err
		}
		to, _, err := decodeState(a[2])
		if err != nil {
			return nil, err
		}
		var act struct {
			Name       string                     `json:"name"`
			Context    map[string]json.RawMessage `json:"context"`
			Parameters []string                   `json:"parameters"`
		}
		if err := json.Unmarshal(a[1], &act); err != nil {
			return nil, fmt.Errorf("tlc json trace: action: %w", err)
		}
		label := act.Name
		if len(act.Parameters) > 0 {
			args := make([]string, len(act.Parameters))
			for k, p := range act.Parameters {
				args[k] = strings.Trim(string(act.Context[p]), `"`)
			}
			label += "(" + strings.Join(args, ",") + ")"
		}
		switch {
		case from < 1 || from > len(tr.States) || to < 1 || to > len(tr.States):
			return nil, fmt.Errorf("tlc json trace: action from state %d to %d of %d", from, to, len(tr.States))
		case to == from+1:
			tr.States[to-1].Label = label
		case from == len(tr.States) && to <= from:
			tr.Loop = to - 1
		default:
			return nil, fmt.Errorf("tlc json trace: action from state %d to state %d", from, to)
		}
	}
	return tr, nil
}
