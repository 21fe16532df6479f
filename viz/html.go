package viz

import (
	"fmt"
	"html/template"
	"io"
)

// page is what the template sees.
type page struct {
	*Report
	Verb    string // what happens at step Violation: "violated", or "satisfied" for a sometimes witness
	Columns []string
	Rows    []row
	Diagram *Diagram
	Data    any
	Frame   string
}

type row struct {
	Index     int
	Label     string
	Violation bool
	Cycle     bool
	Cells     []cell
}

type cell struct {
	Hidden  int // unchanged words folded away
	Text    string
	Tokens  []Token
	Changed bool
	Missing bool
}

func build(r *Report) *page {
	p := &page{Report: r, Diagram: Layout(r), Verb: "violated"}
	if r.Kind == "sometimes" {
		p.Verb = "satisfied"
	}
	if p.Title == "" {
		p.Title = r.System
		if r.Variant != "" {
			p.Title += " · " + r.Variant
		}
		if r.Property != "" {
			p.Title += " · " + r.Property
		}
	}
	comps := make([]map[string]string, len(r.Steps))
	for i, st := range r.Steps {
		comps[i] = map[string]string{}
		cs := Components(st.State)
		if st.Abstract != "" {
			cs = append(cs, Component{Name: "spec state", Value: st.Abstract})
		}
		for _, c := range cs {
			if _, dup := comps[i][c.Name]; dup {
				comps[i][c.Name] += "\n" + c.Value
				continue
			}
			comps[i][c.Name] = c.Value
			if !contains(p.Columns, c.Name) {
				p.Columns = append(p.Columns, c.Name)
			}
		}
	}
	for i, st := range r.Steps {
		rw := row{Index: i, Label: st.Label, Violation: i == r.Violation, Cycle: r.Loop >= 0 && i >= r.Loop}
		for _, col := range p.Columns {
			v, ok := comps[i][col]
			prev, had := "", false
			if i > 0 {
				prev, had = comps[i-1][col]
			}
			c := cell{Missing: !ok, Text: v, Tokens: Tokens(v, prev, i == 0)}
			c.Changed = i > 0 && ok && (!had || v != prev)
			c.Tokens, c.Hidden = fold(c.Tokens, c.Changed)
			rw.Cells = append(rw.Cells, c)
		}
		p.Rows = append(p.Rows, rw)
	}
	p.Data = map[string]any{"diagram": p.Diagram, "steps": len(r.Steps), "violation": r.Violation, "loop": r.Loop}
	if r.Attachment != nil {
		p.Frame = string(r.Attachment.HTML)
	}
	return p
}

// fold keeps a changed cell with many words readable: what changed, and
// a count of the unchanged words (the whole value is the cell's title).
func fold(ts []Token, changed bool) ([]Token, int) {
	same := 0
	for _, t := range ts {
		if !t.Changed {
			same++
		}
	}
	if !changed || same <= 2 {
		return ts, 0
	}
	var out []Token
	for _, t := range ts {
		if t.Changed {
			out = append(out, t)
		}
	}
	return out, same
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// Write renders r as one self-contained HTML page.
func Write(w io.Writer, r *Report) error {
	if r == nil || len(r.Steps) == 0 {
		return fmt.Errorf("viz: a report needs at least one step")
	}
	if r.Violation >= len(r.Steps) || r.Loop >= len(r.Steps) {
		return fmt.Errorf("viz: step index beyond the %d steps (violation %d, loop %d)", len(r.Steps), r.Violation, r.Loop)
	}
	return tmpl.Execute(w, build(r))
}

var tmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"add": func(a, b int) int { return a + b },
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>` + css + `</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<dl class="facts">
{{if .Property}}<dt>property</dt><dd><b class="prop">{{.Property}}</b>{{if .Kind}} <span class="kind">{{.Kind}}</span>{{end}}{{if ge .Violation 0}} {{.Verb}} at <a href="#step-{{.Violation}}">step {{.Violation}}</a>{{end}}{{if ge .Loop 0}}; the steps from {{.Loop}} on <span class="cyclemark">repeat forever</span>{{end}}</dd>{{end}}
{{if .System}}<dt>system</dt><dd>{{.System}}{{if .Variant}}, variant <b>{{.Variant}}</b>{{end}}</dd>{{end}}
{{if .Params}}<dt>bounds</dt><dd><code>{{.Params}}</code></dd>{{end}}
{{if .Strategy}}<dt>found by</dt><dd>{{.Strategy}}, {{len .Steps}} states ({{add (len .Steps) -1}} steps)</dd>{{end}}
{{if .Command}}<dt>reproduce</dt><dd><code class="cmd">{{.Command}}</code></dd>{{end}}
</dl>
{{if .Note}}<p class="note">{{.Note}}</p>{{end}}
{{if .Detail}}<pre class="detail">{{.Detail}}</pre>{{end}}
</header>
<main>
{{if .Diagram}}<div id="diagram-wrap"><svg id="diagram" role="img" aria-label="message sequence diagram"></svg></div>{{end}}
<div id="table-wrap">
<table id="steps">
<thead><tr><th>#</th><th>action</th>{{range .Columns}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr id="step-{{.Index}}" class="step{{if .Violation}} violation{{end}}{{if .Cycle}} cycle{{end}}" data-step="{{.Index}}">
<td class="num">{{.Index}}</td><td class="action">{{.Label}}{{if .Violation}} <span class="badge{{if eq $.Kind "sometimes"}} witness{{end}}">{{$.Property}} {{$.Verb}}</span>{{end}}</td>
{{range .Cells}}<td class="{{if .Changed}}changed{{else}}same{{end}}"{{if or (not .Changed) .Hidden}} title="{{.Text}}"{{end}}>{{range .Tokens}}{{if .Changed}}<mark>{{.Text}}</mark>{{else}}<span>{{.Text}}</span>{{end}} {{end}}{{if .Hidden}}<span class="folded">+{{.Hidden}} unchanged</span>{{end}}</td>{{end}}
</tr>
{{end}}{{if ge .Loop 0}}<tr class="loopback"><td class="num">↺</td><td class="action" colspan="{{add (len .Columns) 1}}">{{if .LoopAction}}{{.LoopAction}}: back to the state of step {{.Loop}}{{else}}stutters in this state forever{{end}}</td></tr>{{end}}
</tbody>
</table>
</div>
</main>
{{if .Attachment}}<section class="attachment"><h2>{{.Attachment.Title}}</h2><iframe id="attachment" title="{{.Attachment.Title}}" sandbox="allow-scripts" srcdoc="{{.Frame}}"></iframe></section>{{end}}
<script type="application/json" id="viz-data">{{.Data}}</script>
<script>` + js + `</script>
</body>
</html>
`))
