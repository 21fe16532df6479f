package linearizability

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// KVHistory is a history of key-value operations, as ReadJSONL returns it.
type KVHistory = []Op[KVInput, KVOutput]

// LineError is a malformed line of a JSON-lines history.
type LineError struct {
	Line int // 1-based
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// ErrEmpty is returned by ReadJSONL for a history without operations.
var ErrEmpty = errors.New("empty history: no operations")

// jsonOp is one line of the format. Pointers tell a missing field from a
// zero value; the field order is the order WriteJSONL writes.
type jsonOp struct {
	Client *int    `json:"client"`
	Op     *string `json:"op"`
	Key    *string `json:"key"`
	Expect *string `json:"expect,omitempty"`
	Value  *string `json:"value,omitempty"`
	OK     *bool   `json:"ok,omitempty"`
	Call   *int64  `json:"call"`
	Return *int64  `json:"return"` // null or absent: outcome unknown
}

// ReadJSONL reads a key-value history in the JSON-lines format described in
// the package documentation. Every malformed line is a *LineError naming
// the line and the problem; a history without operations is ErrEmpty.
func ReadJSONL(r io.Reader) (KVHistory, error) {
	var h KVHistory
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] != '#' {
			op, perr := parseLine(t)
			if perr != nil {
				return nil, &LineError{n, perr}
			}
			h = append(h, op)
		}
		if err != nil { // io.EOF
			break
		}
	}
	if len(h) == 0 {
		return nil, ErrEmpty
	}
	return h, nil
}

func parseLine(line []byte) (Op[KVInput, KVOutput], error) {
	var op Op[KVInput, KVOutput]
	var j jsonOp
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return op, jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return op, errors.New("unexpected text after the JSON object")
	}
	for _, f := range []struct {
		name    string
		missing bool
	}{{"client", j.Client == nil}, {"op", j.Op == nil}, {"key", j.Key == nil}, {"call", j.Call == nil}} {
		if f.missing {
			return op, fmt.Errorf("missing field %q", f.name)
		}
	}
	kind, err := ParseKVOp(*j.Op)
	if err != nil {
		return op, err
	}
	op.Client, op.Call, op.Return = *j.Client, *j.Call, Pending
	op.Input = KVInput{Op: kind, Key: *j.Key}
	if j.Return != nil {
		if *j.Return < 0 {
			return op, fmt.Errorf("return %d is negative (write null for an unknown outcome)", *j.Return)
		}
		op.Return = *j.Return
	}
	pending := op.Return == Pending
	op.Output.Unknown = pending

	// Which of value, expect and ok a line must or must not have.
	need := map[string]bool{"value": kind != Get || !pending, "expect": kind == CAS, "ok": kind == CAS && !pending}
	has := map[string]bool{"value": j.Value != nil, "expect": j.Expect != nil, "ok": j.OK != nil}
	for _, f := range []string{"expect", "value", "ok"} {
		switch {
		case need[f] && !has[f]:
			return op, fmt.Errorf("%s needs field %q", describeNeed(kind, pending), f)
		case !need[f] && has[f]:
			return op, fmt.Errorf("%s has no field %q", describeNeed(kind, pending), f)
		}
	}
	if j.Expect != nil {
		op.Input.Expect = *j.Expect
	}
	if j.Value != nil {
		if kind == Get {
			op.Output.Value = *j.Value
		} else {
			op.Input.Value = *j.Value
		}
	}
	if j.OK != nil {
		op.Output.OK = *j.OK
	}
	if err := validateOp(op); err != nil {
		return op, err
	}
	return op, nil
}

func describeNeed(kind KVOp, pending bool) string {
	if pending && (kind == Get || kind == CAS) {
		return "a " + kind.String() + " with an unknown outcome (return null)"
	}
	return "a " + kind.String()
}

// jsonError rewords encoding/json's errors, which name Go types, in the
// format's terms.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		want := te.Type.String()
		switch {
		case strings.Contains(want, "int"):
			want = "an integer"
		case strings.Contains(want, "string"):
			want = "a string"
		case strings.Contains(want, "bool"):
			want = "true or false"
		case strings.Contains(want, "jsonOp"):
			return fmt.Errorf("want a JSON object, got %s", te.Value)
		}
		return fmt.Errorf("field %q: want %s, got %s", te.Field, want, te.Value)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("truncated JSON object")
	}
	return errors.New(strings.TrimPrefix(err.Error(), "json: "))
}

// WriteJSONL writes h in the JSON-lines format, one operation per line.
// An operation whose outcome is unknown (pending, or with Output.Unknown)
// is written with "return": null, its output omitted: for Check the two
// are the same thing, and ReadJSONL reads them back as Return == Pending
// with Output.Unknown set.
func WriteJSONL(w io.Writer, h KVHistory) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i, op := range h {
		if err := validateOp(op); err != nil {
			return fmt.Errorf("operation %d (client %d): %w", i, op.Client, err)
		}
		in, out := op.Input, op.Output
		if int(in.Op) >= len(kvOpNames) {
			return fmt.Errorf("operation %d (client %d): undefined op %v", i, op.Client, in.Op)
		}
		name := in.Op.String()
		j := jsonOp{Client: &op.Client, Op: &name, Key: &in.Key, Call: &op.Call}
		pending := op.Return < 0 || out.Unknown
		if !pending {
			j.Return = &op.Return
		}
		switch in.Op {
		case Get:
			if !pending {
				j.Value = &out.Value
			}
		case CAS:
			j.Expect, j.Value = &in.Expect, &in.Value
			if !pending {
				j.OK = &out.OK
			}
		default:
			j.Value = &in.Value
		}
		if err := enc.Encode(j); err != nil {
			return err
		}
	}
	return bw.Flush()
}
