package viz

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
)

// Report is a counterexample (or any path) to render.
type Report struct {
	// Title heads the page; a default is made from System and Variant.
	Title string
	// System, Variant and Params (rendered "k=v k=v") say what was checked.
	System, Variant, Params string
	// Strategy is how the path was found (bfs, dfs, simulate, scripted...).
	Strategy string
	// Property is the property violated, Kind its kind (always, step,
	// sometimes, eventually) and Detail the checker's explanation.
	Property, Kind, Detail string
	// Note is free text kept with a saved counterexample.
	Note string
	// Command reproduces the path.
	Command string
	// Lanes names the nodes of an actor model, one lane each; empty for a
	// model without actors, which gets the state table alone.
	Lanes []string
	// Steps is the path, Init first.
	Steps []Step
	// Violation is the index of the violating step, -1 when none is known
	// (for a sometimes property: the step that satisfies it).
	Violation int
	// Loop, when not -1, is the index of the first state of the cycle that
	// repeats forever (a lasso); LoopAction is the action that closes it
	// from the last state back to state Loop ("" for a stutter).
	Loop       int
	LoopAction string
	// Attachment, when set, is embedded below the diagram.
	Attachment *Attachment
}

// Attachment is an HTML document shown in a frame of the report.
type Attachment struct {
	Title string
	HTML  []byte
}

// Step is one step of a path.
type Step struct {
	// Label is the action that led to this state ("Init" first).
	Label string
	// State is the rendered state: one component per line, "name: value";
	// a single line is split at "; ".
	State string
	// Abstract is the spec-level state, where the system has one: shown
	// in a column of its own, as a diff like the rest.
	Abstract string
	// Events is what the step did in an actor model; nil without actors.
	Events *Events
}

// Events is what one step of an actor model did (see actor.Describe).
type Events struct {
	// Kind is the action's kind: Init, Deliver, Drop, Duplicate, Timer,
	// Input, Crash, Restart, Partition or Heal.
	Kind string
	// Node is the lane that acts (the receiver of a delivery), -1 for none.
	Node int
	// From, To and Message name the message delivered, dropped or duplicated.
	From, To int
	Message  string
	// Name is the timer's or the client input's name.
	Name string
	// Side is each lane's partition side after a Partition.
	Side []bool
	// Sent lists the messages the step sent.
	Sent []Message
}

// Message is Count copies of a message Key sent From one lane To another.
type Message struct {
	From, To int
	Key      string
	Count    int
}

// FromActor describes each step of a path of an actor model from its labels
// and the Views of its states (labels[0] is Init). It errs on a label that
// is not an actor action.
func FromActor(labels []string, views []actor.View) ([]*Events, error) {
	if len(labels) != len(views) {
		return nil, fmt.Errorf("viz: %d labels but %d states", len(labels), len(views))
	}
	out := make([]*Events, len(labels))
	for i, l := range labels {
		if i == 0 {
			out[i] = &Events{Kind: string(actor.KindInit), Node: -1, From: -1, To: -1}
			continue
		}
		st, err := actor.Describe(l, views[i-1], views[i])
		if err != nil {
			return nil, fmt.Errorf("viz: step %d: %w", i, err)
		}
		a := st.Action
		e := &Events{Kind: string(a.Kind), Node: a.Node, From: a.From, To: a.To, Message: a.Key, Name: a.Name, Side: a.Side}
		for _, p := range st.Sent {
			e.Sent = append(e.Sent, Message{From: p.From, To: p.To, Key: p.Key, Count: p.Count})
		}
		out[i] = e
	}
	return out, nil
}

// Lanes names n nodes as the actor layer does (n1..nN).
func Lanes(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = actor.Name(i)
	}
	return out
}

// Arrow is a message drawn on the diagram: sent at step Send from lane
// From, delivered (or dropped) at step At on lane To.
type Arrow struct {
	From, To  int
	Send, At  int
	Message   string
	Dropped   bool // lost at step At: the arrow ends half-way
	Duplicate bool // a copy made by a Duplicate step
	InFlight  bool // never delivered nor dropped: At is the last step
}

// Mark is an event on one lane at one step: a timer, an input, a crash, a
// restart or a duplication.
type Mark struct {
	Step, Lane int
	Kind, Text string
}

// Span is a stretch of steps [From, To] in which a lane is down, or
// (Partition) the lanes on side B of a partition are cut off.
type Span struct {
	From, To int
	Lane     int    // -1 for a partition
	Side     []bool // the partition's sides
	Text     string
}

// Diagram is the message sequence diagram of a report, ready to draw.
type Diagram struct {
	Lanes      []string
	Arrows     []Arrow
	Marks      []Mark
	Down       []Span
	Partitions []Span
}

// Layout matches each delivery to the send it delivers (the oldest copy
// still in flight, or in a persistent network the first send) and collects
// the marks and spans. It is nil for a report without lanes.
func Layout(r *Report) *Diagram {
	if len(r.Lanes) == 0 {
		return nil
	}
	d := &Diagram{Lanes: r.Lanes}
	type key struct {
		from, to int
		msg      string
	}
	type copy struct {
		send int
		dup  bool
	}
	pending := map[key][]copy{} // lookups only: the oldest copy first
	first := map[key]int{}
	take := func(k key) (copy, bool) {
		if q := pending[k]; len(q) > 0 {
			pending[k] = q[1:]
			return q[0], true
		}
		if s, ok := first[k]; ok {
			return copy{send: s}, true // a persistent network delivers a message again
		}
		return copy{}, false
	}
	last := len(r.Steps) - 1
	downSince := map[int]int{}
	partSince, partSide := -1, []bool(nil)
	for i, st := range r.Steps {
		e := st.Events
		if e == nil {
			continue
		}
		switch e.Kind {
		case "Deliver", "Drop":
			k := key{e.From, e.To, e.Message}
			c, ok := take(k)
			if !ok {
				c.send = 0 // sent before the path began (never, from Init)
			}
			d.Arrows = append(d.Arrows, Arrow{From: e.From, To: e.To, Send: c.send, At: i, Message: e.Message,
				Dropped: e.Kind == "Drop", Duplicate: c.dup})
		case "Duplicate":
			k := key{e.From, e.To, e.Message}
			s := 0
			if q := pending[k]; len(q) > 0 {
				s = q[0].send
			} else if f, ok := first[k]; ok {
				s = f
			}
			pending[k] = append(pending[k], copy{send: s, dup: true})
			d.Marks = append(d.Marks, Mark{Step: i, Lane: e.From, Kind: "dup", Text: "duplicate " + e.Message + " → " + r.Lanes[e.To]})
		case "Timer":
			d.Marks = append(d.Marks, Mark{Step: i, Lane: e.Node, Kind: "timer", Text: "timer " + e.Name})
		case "Input":
			d.Marks = append(d.Marks, Mark{Step: i, Lane: e.Node, Kind: "input", Text: "client " + e.Name})
		case "Crash":
			d.Marks = append(d.Marks, Mark{Step: i, Lane: e.Node, Kind: "crash", Text: "crash"})
			downSince[e.Node] = i
		case "Restart":
			d.Marks = append(d.Marks, Mark{Step: i, Lane: e.Node, Kind: "restart", Text: "restart"})
			if s, ok := downSince[e.Node]; ok {
				d.Down = append(d.Down, Span{From: s, To: i, Lane: e.Node, Text: r.Lanes[e.Node] + " down"})
				delete(downSince, e.Node)
			}
		case "Partition":
			partSince, partSide = i, e.Side
		case "Heal":
			if partSince >= 0 {
				d.Partitions = append(d.Partitions, Span{From: partSince, To: i, Lane: -1, Side: partSide, Text: sides(r.Lanes, partSide)})
				partSince = -1
			}
		}
		for _, m := range e.Sent {
			k := key{m.From, m.To, m.Key}
			if _, ok := first[k]; !ok {
				first[k] = i
			}
			for range max(m.Count, 1) {
				pending[k] = append(pending[k], copy{send: i})
			}
		}
	}
	// What is still in flight at the end: sends never delivered or dropped,
	// in send order (a persistent network keeps what it delivered: those
	// are not shown again).
	var stuck []Arrow
	for k, q := range pending {
		for _, c := range q {
			stuck = append(stuck, Arrow{From: k.from, To: k.to, Send: c.send, At: last, Message: k.msg, InFlight: true, Duplicate: c.dup})
		}
	}
	slices.SortFunc(stuck, func(a, b Arrow) int {
		return cmp.Or(cmp.Compare(a.Send, b.Send), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), strings.Compare(a.Message, b.Message))
	})
	d.Arrows = append(d.Arrows, stuck...)
	for lane := range r.Lanes {
		if s, ok := downSince[lane]; ok {
			d.Down = append(d.Down, Span{From: s, To: last, Lane: lane, Text: r.Lanes[lane] + " down"})
		}
	}
	if partSince >= 0 {
		d.Partitions = append(d.Partitions, Span{From: partSince, To: last, Lane: -1, Side: partSide, Text: sides(r.Lanes, partSide)})
	}
	return d
}

func sides(lanes []string, side []bool) string {
	var a, b []string
	for i, s := range side {
		if i >= len(lanes) {
			break
		}
		if s {
			b = append(b, lanes[i])
		} else {
			a = append(a, lanes[i])
		}
	}
	return "partition {" + strings.Join(a, ",") + "} | {" + strings.Join(b, ",") + "}"
}

// Component is one part of a rendered state ("n1", "network", ...).
type Component struct {
	Name  string
	Value string
}

// Components splits a rendered state into its parts: one a line, each
// "name: value" (a name's first word is its key, so "n1 (down): x" is part
// n1 with value "(down) x"); a single line is split at "; ". A part
// without a name is named "state".
func Components(state string) []Component {
	lines := strings.Split(strings.TrimRight(state, "\n"), "\n")
	if len(lines) == 1 && strings.Contains(lines[0], "; ") {
		lines = strings.Split(lines[0], "; ")
	}
	var out []Component
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		name, value, ok := strings.Cut(l, ": ")
		if !ok && strings.HasSuffix(l, ":") {
			name, ok = strings.TrimSuffix(l, ":"), true
		}
		if !ok || strings.ContainsAny(name, "={[") {
			out = append(out, Component{Name: "state", Value: l})
			continue
		}
		first, rest, _ := strings.Cut(name, " ")
		if rest != "" {
			value = rest + " " + value
		}
		out = append(out, Component{Name: first, Value: strings.TrimSpace(value)})
	}
	return out
}

// Token is a word of a component's value, marked when it is new.
type Token struct {
	Text    string
	Changed bool
}

// Tokens splits a value into words (spaces inside brackets and quotes do
// not split) and marks each word that the previous value did not have.
func Tokens(value, prev string, first bool) []Token {
	had := map[string]int{} // lookups only
	for _, w := range words(prev) {
		had[w]++
	}
	var out []Token
	for _, w := range words(value) {
		changed := !first && had[w] == 0
		if had[w] > 0 {
			had[w]--
		}
		out = append(out, Token{Text: w, Changed: changed})
	}
	return out
}

func words(s string) []string {
	var out []string
	depth, start, quote := 0, -1, false
	prev := rune(0)
	for i, r := range s {
		arrow := r == '>' && prev == '-'
		prev = r
		switch {
		case r == '"':
			quote = !quote
		case quote:
		case r == '[' || r == '{' || r == '(' || r == '<' && !arrow:
			depth++
		case (r == ']' || r == '}' || r == ')' || r == '>' && !arrow) && depth > 0:
			depth--
		case r == ' ' && depth == 0:
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// FromPath renders the steps of a checker path: each state with the
// model's Format, and, when the states are actor systems (they implement
// actor.Viewer), the events each step did and the lanes to draw them on.
func FromPath[S any](m *checker.Model[S], p *checker.Path[S]) (steps []Step, lanes []string, err error) {
	steps = make([]Step, len(p.Steps))
	var views []actor.View
	for i, s := range p.Steps {
		steps[i].Label = s.Action
		if m.Format != nil {
			steps[i].State = m.Format(s.State)
		}
		if v, ok := any(s.State).(actor.Viewer); ok {
			views = append(views, v.ActorView())
		}
	}
	if len(views) != len(steps) || len(steps) == 0 {
		return steps, nil, nil
	}
	evs, err := FromActor(p.Actions(), views)
	if err != nil {
		return nil, nil, err
	}
	for i := range steps {
		steps[i].Events = evs[i]
	}
	return steps, Lanes(len(views[0].Down)), nil
}
