package tlatrace

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Kind is the kind of a TLA+ value.
type Kind uint8

// The kinds of value a trace holds. Sequences and records are functions
// (with domain 1..n, and a domain of strings), as in TLA+, so that a value
// read back from TLC, which prints a function over 1..n as a sequence,
// equals the value that was written.
const (
	IntKind Kind = iota
	BoolKind
	StringKind
	ModelKind // a model value (an identifier such as s1 or None)
	SetKind
	FuncKind
)

// Value is a TLA+ value: an integer, a Boolean, a string, a model value, a
// finite set or a function. Values are immutable; build them with Int,
// Bool, Str, Model, Set, Seq, Rec and Fn.
type Value struct {
	kind  Kind
	i     int
	s     string  // string or model value
	elems []Value // set: sorted and without repeats; function: the domain, sorted
	vals  []Value // function: vals[k] is the value at elems[k]
	// order, for a record, is the field order it was built with, so a
	// rendered record reads in the order the spec declares its fields.
	order []int
}

// Int is an integer.
func Int(n int) Value { return Value{kind: IntKind, i: n} }

// Bool is TRUE or FALSE.
func Bool(b bool) Value {
	if b {
		return Value{kind: BoolKind, i: 1}
	}
	return Value{kind: BoolKind}
}

// Str is a string.
func Str(s string) Value { return Value{kind: StringKind, s: s} }

// Model is a model value, written as its name (s1, None, ...).
func Model(name string) Value { return Value{kind: ModelKind, s: name} }

// Set is the set of the given elements (repeats are dropped).
func Set(elems ...Value) Value {
	es := slices.Clone(elems)
	slices.SortFunc(es, Compare)
	es = slices.CompactFunc(es, func(a, b Value) bool { return Compare(a, b) == 0 })
	return Value{kind: SetKind, elems: es}
}

// Seq is the sequence <<elems...>>, the function over 1..len(elems).
func Seq(elems ...Value) Value {
	dom := make([]Value, len(elems))
	for k := range elems {
		dom[k] = Int(k + 1)
	}
	return Value{kind: FuncKind, elems: dom, vals: slices.Clone(elems)}
}

// Field is a record field.
type Field struct {
	Name  string
	Value Value
}

// Rec is the record [f1 |-> v1, ...]; fields keep their order when printed.
func Rec(fields ...Field) Value {
	keys := make([]Value, len(fields))
	vals := make([]Value, len(fields))
	for k, f := range fields {
		keys[k], vals[k] = Str(f.Name), f.Value
	}
	v := Fn(keys, vals)
	v.order = make([]int, len(fields))
	for k, f := range fields {
		v.order[k], _ = slices.BinarySearchFunc(v.elems, Str(f.Name), Compare)
	}
	return v
}

// Fn is the function mapping keys[k] to vals[k]; a repeated key keeps its
// last value.
func Fn(keys, vals []Value) Value {
	if len(keys) != len(vals) {
		panic("tlatrace.Fn: keys and values differ in length")
	}
	idx := make([]int, len(keys))
	for k := range idx {
		idx[k] = k
	}
	slices.SortStableFunc(idx, func(a, b int) int { return Compare(keys[a], keys[b]) })
	v := Value{kind: FuncKind}
	for _, k := range idx {
		if n := len(v.elems); n > 0 && Compare(v.elems[n-1], keys[k]) == 0 {
			v.vals[n-1] = vals[k]
			continue
		}
		v.elems = append(v.elems, keys[k])
		v.vals = append(v.vals, vals[k])
	}
	return v
}

// Kind is v's kind.
func (v Value) Kind() Kind { return v.kind }

// AsInt returns an integer's value.
func (v Value) AsInt() (int, bool) { return v.i, v.kind == IntKind }

// AsBool returns a Boolean's value.
func (v Value) AsBool() (bool, bool) { return v.i == 1, v.kind == BoolKind }

// AsString returns a string's or a model value's text.
func (v Value) AsString() (string, bool) { return v.s, v.kind == StringKind || v.kind == ModelKind }

// Elems returns a set's elements in canonical order.
func (v Value) Elems() []Value {
	if v.kind != SetKind {
		return nil
	}
	return v.elems
}

// Domain returns a function's domain in canonical order.
func (v Value) Domain() []Value {
	if v.kind != FuncKind {
		return nil
	}
	return v.elems
}

// Apply returns the function's value at key.
func (v Value) Apply(key Value) (Value, bool) {
	if v.kind != FuncKind {
		return Value{}, false
	}
	k, ok := slices.BinarySearchFunc(v.elems, key, Compare)
	if !ok {
		return Value{}, false
	}
	return v.vals[k], true
}

// Field returns a record's field.
func (v Value) Field(name string) (Value, bool) { return v.Apply(Str(name)) }

// Equal reports whether a and b are the same TLA+ value.
func Equal(a, b Value) bool { return Compare(a, b) == 0 }

// Compare orders values: by kind, then integers numerically, strings
// lexically, sets and functions element by element. It is the canonical
// order of set elements and function domains.
func Compare(a, b Value) int {
	if c := cmp.Compare(a.kind, b.kind); c != 0 {
		return c
	}
	switch a.kind {
	case IntKind, BoolKind:
		return cmp.Compare(a.i, b.i)
	case StringKind, ModelKind:
		return cmp.Compare(a.s, b.s)
	}
	if c := slices.CompareFunc(a.elems, b.elems, Compare); c != 0 {
		return c
	}
	return slices.CompareFunc(a.vals, b.vals, Compare)
}

// isSeq: a function whose domain is 1..n (the empty function included).
func (v Value) isSeq() bool {
	for k, d := range v.elems {
		if d.kind != IntKind || d.i != k+1 {
			return false
		}
	}
	return true
}

func (v Value) isRecord() bool {
	for _, d := range v.elems {
		if d.kind != StringKind || !isIdent(d.s) {
			return false
		}
	}
	return len(v.elems) > 0
}

// String renders v as TLA+ source, the way TLC prints values: a function
// over 1..n as a sequence <<...>>, one over field names as a record
// [f |-> ...], any other as (k1 :> v1 @@ k2 :> v2) (operators of the TLC
// module).
func (v Value) String() string {
	var b strings.Builder
	v.write(&b)
	return b.String()
}

func (v Value) write(b *strings.Builder) {
	switch v.kind {
	case IntKind:
		b.WriteString(strconv.Itoa(v.i))
	case BoolKind:
		if v.i == 1 {
			b.WriteString("TRUE")
		} else {
			b.WriteString("FALSE")
		}
	case StringKind:
		b.WriteString(strconv.Quote(v.s))
	case ModelKind:
		b.WriteString(v.s)
	case SetKind:
		b.WriteString("{")
		for k, e := range v.elems {
			if k > 0 {
				b.WriteString(", ")
			}
			e.write(b)
		}
		b.WriteString("}")
	case FuncKind:
		switch {
		case v.isSeq():
			b.WriteString("<<")
			for k, e := range v.vals {
				if k > 0 {
					b.WriteString(", ")
				}
				e.write(b)
			}
			b.WriteString(">>")
		case v.isRecord():
			b.WriteString("[")
			for k := range v.elems {
				j := k
				if v.order != nil {
					j = v.order[k]
				}
				if k > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(b, "%s |-> ", v.elems[j].s)
				v.vals[j].write(b)
			}
			b.WriteString("]")
		default:
			b.WriteString("(")
			for k := range v.elems {
				if k > 0 {
					b.WriteString(" @@ ")
				}
				v.elems[k].write(b)
				b.WriteString(" :> ")
				v.vals[k].write(b)
			}
			b.WriteString(")")
		}
	}
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	letter := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			letter = true
		case r >= '0' && r <= '9', r == '_':
		default:
			return false
		}
	}
	return letter
}
