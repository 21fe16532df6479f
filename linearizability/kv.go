package linearizability

import (
	"fmt"
	"strings"
)

// KVOp is the kind of a key-value operation.
type KVOp uint8

const (
	// Get reads a key; a missing key reads "".
	Get KVOp = iota
	// Put sets a key to Value.
	Put
	// Append appends Value to the key's value.
	Append
	// CAS sets a key to Value if it holds Expect, and reports whether it did.
	CAS
)

var kvOpNames = [...]string{Get: "get", Put: "put", Append: "append", CAS: "cas"}

func (o KVOp) String() string {
	if int(o) < len(kvOpNames) {
		return kvOpNames[o]
	}
	return fmt.Sprintf("KVOp(%d)", uint8(o))
}

// ParseKVOp is the inverse of KVOp.String.
func ParseKVOp(s string) (KVOp, error) {
	for i, name := range kvOpNames {
		if s == name {
			return KVOp(i), nil
		}
	}
	return 0, fmt.Errorf("unknown op %q (want %s)", s, strings.Join(kvOpNames[:], ", "))
}

// KVInput is a key-value operation. Value is the value written by put and
// append and the new value of cas; Expect is used by cas only.
type KVInput struct {
	Op                 KVOp
	Key, Value, Expect string
}

// KVOutput is what a key-value operation returned: Value is what a get
// read, OK whether a cas succeeded. Unknown marks an outcome that is not
// known (the client timed out); the other fields are then ignored.
type KVOutput struct {
	Value   string
	OK      bool
	Unknown bool
}

// KVModel is a key-value store with get, put, append and cas on string keys
// and values, partitioned per key: each key is checked on its own, with
// the key's value ("" when missing) as the state.
func KVModel() Model[string, KVInput, KVOutput] {
	m := RegisterModel()
	m.Name = "kv"
	m.Partition = func(in KVInput) string { return in.Key }
	return m
}

// RegisterModel is a single register with the operations of KVModel: keys
// are ignored, so every operation acts on the same value. Use it for
// histories of one key, or to check a history without partitioning.
func RegisterModel() Model[string, KVInput, KVOutput] {
	return Model[string, KVInput, KVOutput]{
		Name:          "register",
		Init:          func() string { return "" },
		Step:          kvStep,
		Equal:         func(a, b string) bool { return a == b },
		Hash:          hashString,
		Unknown:       func(out KVOutput) bool { return out.Unknown },
		MarkUnknown:   func(out KVOutput) KVOutput { return KVOutput{Unknown: true} },
		DescribeOp:    describeKV,
		DescribeState: func(s string) string { return fmt.Sprintf("%q", s) },
	}
}

// kvStep is the sequential specification of one key. An unknown output is
// accepted in every state and leads where the input leads (a cas then
// succeeds exactly when the state holds Expect).
func kvStep(s string, in KVInput, out KVOutput) (bool, string) {
	switch in.Op {
	case Get:
		return out.Unknown || out.Value == s, s
	case Put:
		return true, in.Value
	case Append:
		return true, s + in.Value
	case CAS:
		swapped := s == in.Expect
		if !out.Unknown && out.OK != swapped {
			return false, s
		}
		if swapped {
			return true, in.Value
		}
		return true, s
	}
	return false, s // an undefined op can never happen
}

func describeKV(in KVInput, out KVOutput) string {
	var b strings.Builder
	switch in.Op {
	case Get:
		fmt.Fprintf(&b, "get(%s) -> ", in.Key)
		if !out.Unknown {
			fmt.Fprintf(&b, "%q", out.Value)
		}
	case CAS:
		fmt.Fprintf(&b, "cas(%s, %q -> %q) -> ", in.Key, in.Expect, in.Value)
		if !out.Unknown {
			b.WriteString(map[bool]string{true: "ok", false: "failed"}[out.OK])
		}
	default:
		fmt.Fprintf(&b, "%v(%s, %q)", in.Op, in.Key, in.Value)
		if out.Unknown {
			b.WriteString(" -> ")
		}
	}
	if out.Unknown {
		b.WriteString("?")
	}
	return b.String()
}

// hashString is FNV-1a, inlined to avoid an allocation per state.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
