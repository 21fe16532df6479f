package linearizability

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// ReadJepsenLog reads a history of Jepsen's single-register workload
// (read, write, cas) from a Jepsen log, as recorded against a real system
// (for example etcd): the lines of the jepsen.util logger,
//
//	INFO  jepsen.util - 3	:invoke	:cas	[1 4]
//	INFO  jepsen.util - 3	:fail	:cas	[1 4]
//
// with a process, a type (:invoke, :ok, :fail, :info) and the operation
// with its value (nil for "no value"). Other lines are skipped; a
// jepsen.util line that does not parse is a *LineError. Every operation
// is on key "r", times are line numbers, and processes are numbered as
// clients in order of appearance. Outcomes, as Jepsen defines them: :ok is
// a result; :info is indeterminate (the operation may or may not have
// happened: pending, as an unfinished invocation at the end of the log);
// :fail on a cas is a compare that did not match (OK false); :fail on a
// write means it did not happen, so it is left out; :fail on a read says
// nothing, so its output is unknown.
func ReadJepsenLog(r io.Reader) (KVHistory, error) {
	var h KVHistory
	open := map[int]int{}    // process -> index in h of its invocation; lookups only
	clients := map[int]int{} // process -> client number; lookups only
	var drop []int           // indices of writes that failed
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		_, rest, ok := strings.Cut(line, "jepsen.util - ")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) < 3 {
			return nil, &LineError{n, fmt.Errorf("want 'PROCESS :TYPE :F VALUE', got %q", rest)}
		}
		proc, err := strconv.Atoi(f[0])
		if err != nil {
			return nil, &LineError{n, fmt.Errorf("process %q is not an integer", f[0])}
		}
		typ, fn, val := f[1], f[2], strings.Join(f[3:], " ")
		if _, seen := clients[proc]; !seen {
			clients[proc] = len(clients)
		}
		if typ == ":invoke" {
			if _, busy := open[proc]; busy {
				return nil, &LineError{n, fmt.Errorf("process %d invokes again before its last operation completed", proc)}
			}
			in, err := jepsenInput(fn, val)
			if err != nil {
				return nil, &LineError{n, err}
			}
			open[proc] = len(h)
			h = append(h, Op[KVInput, KVOutput]{Client: clients[proc], Input: in, Call: int64(n), Return: Pending, Output: KVOutput{Unknown: true}})
			continue
		}
		k, busy := open[proc]
		if !busy {
			return nil, &LineError{n, fmt.Errorf("process %d completes an operation it never invoked", proc)}
		}
		op := &h[k]
		if want := ":" + op.Input.Op.jepsen(); fn != want {
			return nil, &LineError{n, fmt.Errorf("process %d completes %s but invoked %s", proc, fn, want)}
		}
		delete(open, proc)
		switch typ {
		case ":ok":
			op.Return, op.Output = int64(n), KVOutput{OK: true}
			if op.Input.Op == Get {
				if op.Output.Value, err = jepsenValue(val); err != nil {
					return nil, &LineError{n, err}
				}
			}
		case ":fail":
			switch op.Input.Op {
			case CAS:
				op.Return, op.Output = int64(n), KVOutput{}
			case Put:
				drop = append(drop, k)
			default:
				op.Return = int64(n) // the output stays unknown
			}
		case ":info":
			// Indeterminate: stays pending.
		default:
			return nil, &LineError{n, fmt.Errorf("unknown type %q (want :invoke, :ok, :fail or :info)", typ)}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", n+1, err)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(drop)))
	for _, k := range drop {
		h = append(h[:k], h[k+1:]...)
	}
	if len(h) == 0 {
		return nil, ErrEmpty
	}
	return h, nil
}

func (o KVOp) jepsen() string {
	switch o {
	case Get:
		return "read"
	case Put:
		return "write"
	case CAS:
		return "cas"
	}
	return o.String()
}

// jepsenValue reads an integer or nil (the register's initial "no value", "").
func jepsenValue(v string) (string, error) {
	if v == "nil" {
		return "", nil
	}
	if _, err := strconv.Atoi(v); err != nil {
		return "", fmt.Errorf("value %q is neither an integer nor nil", v)
	}
	return v, nil
}

func jepsenInput(fn, val string) (KVInput, error) {
	switch fn {
	case ":read":
		return KVInput{Op: Get, Key: "r"}, nil
	case ":write":
		v, err := jepsenValue(val)
		if err != nil || v == "" {
			return KVInput{}, fmt.Errorf("write of %q: want an integer", val)
		}
		return KVInput{Op: Put, Key: "r", Value: v}, nil
	case ":cas":
		pair := strings.Fields(strings.Trim(val, "[]"))
		if len(pair) != 2 || !strings.HasPrefix(val, "[") || !strings.HasSuffix(val, "]") {
			return KVInput{}, fmt.Errorf("cas of %q: want [EXPECTED NEW]", val)
		}
		for _, x := range pair {
			if _, err := strconv.Atoi(x); err != nil {
				return KVInput{}, fmt.Errorf("cas of %q: %q is not an integer", val, x)
			}
		}
		return KVInput{Op: CAS, Key: "r", Expect: pair[0], Value: pair[1]}, nil
	}
	return KVInput{}, errors.New("unknown operation " + strconv.Quote(fn) + " (want :read, :write or :cas)")
}
