package tlatrace

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// ParseValue reads a TLA+ value as TLC prints it: integers, TRUE and
// FALSE, strings, model values, sets {...} and intervals a..b, sequences
// <<...>>, records [f |-> v, ...] and functions (k :> v @@ ...).
func ParseValue(text string) (Value, error) {
	p := &parser{src: text}
	v, err := p.value()
	if err != nil {
		return Value{}, err
	}
	p.space()
	if p.pos < len(p.src) {
		return Value{}, p.errorf("unexpected %q after the value", p.rest(10))
	}
	return v, nil
}

// maxInterval bounds the intervals a..b that ParseValue expands.
const maxInterval = 1 << 16

type parser struct {
	src string
	pos int
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("tla value at offset %d: %s", p.pos, fmt.Sprintf(format, args...))
}

func (p *parser) rest(n int) string {
	r := p.src[p.pos:]
	if len(r) > n {
		r = r[:n] + "..."
	}
	return r
}

func (p *parser) space() {
	for p.pos < len(p.src) && unicode.IsSpace(rune(p.src[p.pos])) {
		p.pos++
	}
}

// eat consumes tok (after spaces) if it comes next.
func (p *parser) eat(tok string) bool {
	p.space()
	if strings.HasPrefix(p.src[p.pos:], tok) {
		p.pos += len(tok)
		return true
	}
	return false
}

func (p *parser) expect(tok string) error {
	if !p.eat(tok) {
		return p.errorf("expected %q, found %q", tok, p.rest(10))
	}
	return nil
}

func (p *parser) value() (Value, error) {
	p.space()
	if p.pos >= len(p.src) {
		return Value{}, p.errorf("unexpected end of input")
	}
	switch c := p.src[p.pos]; {
	case strings.HasPrefix(p.src[p.pos:], "<<"):
		p.pos += 2
		elems, err := p.list(">>", p.value)
		if err != nil {
			return Value{}, err
		}
		return Seq(elems...), nil
	case c == '{':
		p.pos++
		elems, err := p.list("}", p.value)
		if err != nil {
			return Value{}, err
		}
		return Set(elems...), nil
	case c == '[':
		p.pos++
		var keys, vals []Value
		_, err := p.list("]", func() (Value, error) {
			p.space()
			name := p.ident()
			if !isIdent(name) {
				return Value{}, p.errorf("expected a field name, found %q", p.rest(10))
			}
			if err := p.expect("|->"); err != nil {
				return Value{}, err
			}
			v, err := p.value()
			keys, vals = append(keys, Str(name)), append(vals, v)
			return v, err
		})
		if err != nil {
			return Value{}, err
		}
		fields := make([]Field, len(keys))
		for k := range keys {
			fields[k] = Field{keys[k].s, vals[k]}
		}
		return Rec(fields...), nil
	case c == '(':
		p.pos++
		var keys, vals []Value
		for {
			k, err := p.value()
			if err != nil {
				return Value{}, err
			}
			if err := p.expect(":>"); err != nil {
				return Value{}, err
			}
			v, err := p.value()
			if err != nil {
				return Value{}, err
			}
			keys, vals = append(keys, k), append(vals, v)
			if p.eat(")") {
				return Fn(keys, vals), nil
			}
			if err := p.expect("@@"); err != nil {
				return Value{}, err
			}
		}
	case c == '"':
		return p.str()
	case c == '-' || (c >= '0' && c <= '9'):
		n, err := p.int()
		if err != nil {
			return Value{}, err
		}
		if p.eat("..") {
			m, err := p.int()
			if err != nil {
				return Value{}, err
			}
			if m-n >= maxInterval {
				return Value{}, p.errorf("interval %d..%d has more than %d elements", n, m, maxInterval)
			}
			var es []Value
			for k := n; k <= m; k++ {
				es = append(es, Int(k))
			}
			return Set(es...), nil
		}
		return Int(n), nil
	default:
		name := p.ident()
		switch name {
		case "":
			return Value{}, p.errorf("unexpected %q", p.rest(10))
		case "TRUE":
			return Bool(true), nil
		case "FALSE":
			return Bool(false), nil
		}
		return Model(name), nil
	}
}

// list reads elements separated by commas up to close.
func (p *parser) list(close string, elem func() (Value, error)) ([]Value, error) {
	var out []Value
	if p.eat(close) {
		return out, nil
	}
	for {
		v, err := elem()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		if p.eat(close) {
			return out, nil
		}
		if err := p.expect(","); err != nil {
			return nil, err
		}
	}
}

func (p *parser) int() (int, error) {
	p.space()
	start := p.pos
	if p.pos < len(p.src) && p.src[p.pos] == '-' {
		p.pos++
	}
	for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
		p.pos++
	}
	n, err := strconv.Atoi(p.src[start:p.pos])
	if err != nil {
		p.pos = start
		return 0, p.errorf("bad integer %q", p.rest(10))
	}
	return n, nil
}

func (p *parser) ident() string {
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') {
			p.pos++
			continue
		}
		break
	}
	return p.src[start:p.pos]
}

func (p *parser) str() (Value, error) {
	start := p.pos
	p.pos++ // opening quote
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case '\\':
			p.pos += 2
			continue
		case '"':
			p.pos++
			s, err := strconv.Unquote(p.src[start:p.pos])
			if err != nil {
				return Value{}, p.errorf("bad string %s", p.src[start:p.pos])
			}
			return Str(s), nil
		}
		p.pos++
	}
	return Value{}, p.errorf("unterminated string")
}
