package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/distcheck/distcheck/corpus"
	"github.com/distcheck/distcheck/viz"
)

// Limits of the web explorer: memory per session is bounded by the
// history it keeps, and the number of sessions by evicting the least
// recently used.
const (
	MaxSessions = 32
	MaxHistory  = 5000
)

// Explorer serves the web explorer of one model (system, variant,
// parameters): a page that steps through states, and its JSON API.
type Explorer struct {
	sys       System
	variant   string
	params    map[string]int
	st        Stepper
	findLimit int
	initial   *corpus.Entry // loaded into every new session when set

	mu       sync.Mutex // guards everything below and every use of st
	sessions map[string]*session
	lru      []string // session ids, least recently used first
}

type session struct {
	hist []Successor // hist[0] is an initial state
	pos  int         // the state shown
	note string      // a message for the next response
}

// NewExplorer builds the model of sys's variant with params. findLimit
// bounds the states a shortest-path search explores.
func NewExplorer(sys System, variant string, params map[string]int, findLimit int) (*Explorer, error) {
	st, err := sys.Stepper(variant, params)
	if err != nil {
		return nil, err
	}
	if len(st.Init()) == 0 {
		return nil, fmt.Errorf("%s/%s has no initial state", sys.Name(), variant)
	}
	return &Explorer{sys: sys, variant: variant, params: params, st: st, findLimit: findLimit, sessions: map[string]*session{}}, nil
}

// Load makes every new session start on a saved path (a corpus entry of
// the same system, variant and parameters).
func (x *Explorer) Load(e *corpus.Entry) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, err := x.replay(e); err != nil {
		return err
	}
	x.initial = e
	return nil
}

// replay checks that e is a path of this model and returns its states.
func (x *Explorer) replay(e *corpus.Entry) ([]Successor, error) {
	if e.System != x.sys.Name() || e.Variant != x.variant {
		return nil, fmt.Errorf("the file is a path of %s/%s, the explorer shows %s/%s", e.System, e.Variant, x.sys.Name(), x.variant)
	}
	set, err := ParseParams(e.Params)
	if err != nil {
		return nil, err
	}
	full, err := x.sys.Resolve(e.Variant, set)
	if err != nil {
		return nil, err
	}
	if FormatParams(x.sys, full) != FormatParams(x.sys, x.params) {
		return nil, fmt.Errorf("the file's parameters (%s) are not the explorer's (%s)", FormatParams(x.sys, full), FormatParams(x.sys, x.params))
	}
	if len(e.Steps) > MaxHistory {
		return nil, fmt.Errorf("the path has %d steps, more than the explorer keeps (%d)", len(e.Steps), MaxHistory)
	}
	var hist []Successor
	next := x.st.Init()
	for i, a := range e.Steps {
		found := false
		for _, s := range next {
			if s.Action == a {
				hist = append(hist, s)
				found = true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("step %d %q is not enabled", i, a)
		}
		if i+1 < len(e.Steps) {
			next = x.st.Next(hist[i].State)
		}
	}
	return hist, nil
}

// Handler is the explorer's HTTP handler. It answers only requests whose
// Host is the loopback address or localhost (against DNS rebinding).
func (x *Explorer) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, explorerPage)
	})
	mux.HandleFunc("POST /api/{op}", x.api)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.Host)
		if err != nil {
			host = r.Host
		}
		if host != "127.0.0.1" && host != "localhost" && host != "::1" {
			http.Error(w, "the explorer answers only on localhost", http.StatusForbidden)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// newSession starts a session (evicting the least recently used beyond
// MaxSessions) on the first initial state, or on the loaded path.
func (x *Explorer) newSession() (string, *session) {
	var b [12]byte
	rand.Read(b[:])
	id := hex.EncodeToString(b[:])
	s := &session{hist: x.st.Init()[:1]}
	if len(x.st.Init()) > 1 {
		s.note = fmt.Sprintf("%d initial states: this is the first", len(x.st.Init()))
	}
	if x.initial != nil {
		if h, err := x.replay(x.initial); err == nil {
			s.hist, s.pos = h, 0
			s.note = "loaded the saved path: step forward through it"
		}
	}
	x.sessions[id] = s
	x.lru = append(x.lru, id)
	for len(x.lru) > MaxSessions {
		delete(x.sessions, x.lru[0])
		x.lru = x.lru[1:]
	}
	return id, s
}

func (x *Explorer) touch(id string) {
	for i, v := range x.lru {
		if v == id {
			x.lru = append(append(x.lru[:i:i], x.lru[i+1:]...), id)
			return
		}
	}
}

// component is a state component with its diff against a base state.
type component struct {
	Name    string      `json:"name"`
	Tokens  []viz.Token `json:"tokens"`
	Changed bool        `json:"changed"`
}

func diff(state, base string, first bool) []component {
	prev := map[string]string{}
	for _, c := range viz.Components(base) {
		prev[c.Name] = c.Value
	}
	var out []component
	for _, c := range viz.Components(state) {
		p, had := prev[c.Name]
		out = append(out, component{Name: c.Name, Tokens: viz.Tokens(c.Value, p, first || !had), Changed: !first && (!had || p != c.Value)})
	}
	return out
}

type action struct {
	Label string      `json:"label"`
	Next  []component `json:"next"`
}

type histEntry struct {
	Label  string `json:"label"`
	Broken bool   `json:"broken"` // a property is violated in this state
}

type response struct {
	Session    string         `json:"session"`
	Title      string         `json:"title"`
	Pos        int            `json:"pos"`
	History    []histEntry    `json:"history"`
	State      []component    `json:"state"`
	Properties []Judgement    `json:"properties"`
	Actions    []action       `json:"actions"`
	Note       string         `json:"note,omitempty"`
	Error      string         `json:"error,omitempty"`
	Limits     map[string]int `json:"limits"`
}

func (x *Explorer) judge(s *session, i int) []Judgement {
	var prev any
	if i > 0 {
		prev = s.hist[i-1].State
	}
	return x.st.Judge(prev, s.hist[i].Action, s.hist[i].State)
}

func (x *Explorer) respond(id string, s *session, errMsg string) response {
	cur := s.hist[s.pos]
	text := x.st.Format(cur.State)
	base := ""
	if s.pos > 0 {
		base = x.st.Format(s.hist[s.pos-1].State)
	}
	r := response{Session: id, Pos: s.pos, Error: errMsg, Note: s.note,
		Title:  fmt.Sprintf("%s · %s (%s)", x.sys.Name(), x.variant, FormatParams(x.sys, x.params)),
		State:  diff(text, base, s.pos == 0),
		Limits: map[string]int{"history": MaxHistory, "sessions": MaxSessions, "find": x.findLimit}}
	s.note = ""
	r.Properties = x.judge(s, s.pos)
	for i, h := range s.hist {
		broken := false
		if i <= s.pos+50 { // judging is cheap, but a long loaded future need not be judged on every response
			for _, j := range x.judge(s, i) {
				broken = broken || j.Status == "violated"
			}
		}
		r.History = append(r.History, histEntry{Label: h.Action, Broken: broken})
	}
	for _, n := range x.st.Next(cur.State) {
		r.Actions = append(r.Actions, action{Label: n.Action, Next: diff(x.st.Format(n.State), text, false)})
	}
	return r
}

func (x *Explorer) api(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	x.mu.Lock()
	defer x.mu.Unlock()
	op := r.PathValue("op")
	id := r.URL.Query().Get("s")
	s, ok := x.sessions[id]
	if op == "new" || !ok {
		id, s = x.newSession()
		if op != "new" {
			s.note = "your session had expired: a new one starts here"
		}
	}
	x.touch(id)
	var errMsg string
	num := func(name string) (int, bool) {
		n, err := strconv.Atoi(r.URL.Query().Get(name))
		return n, err == nil
	}
	switch op {
	case "new", "state":
	case "step":
		i, ok := num("i")
		next := x.st.Next(s.hist[s.pos].State)
		switch {
		case !ok || i < 0 || i >= len(next):
			errMsg = "no such action"
		case s.pos+1 >= MaxHistory:
			errMsg = fmt.Sprintf("the history is full (%d states): go back or start again", MaxHistory)
		default:
			// A new step replaces the future, unless it is the step already there.
			if s.pos+1 < len(s.hist) && s.hist[s.pos+1].Action == next[i].Action {
				s.pos++
				break
			}
			s.hist = append(s.hist[:s.pos+1:s.pos+1], next[i])
			s.pos++
		}
	case "goto":
		i, ok := num("pos")
		if !ok || i < 0 || i >= len(s.hist) {
			errMsg = "no such step"
		} else {
			s.pos = i
		}
	case "restart":
		s.hist, s.pos = x.st.Init()[:1], 0
	case "load":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			errMsg = "reading the file: " + err.Error()
			break
		}
		e, err := corpus.Parse("uploaded file", strings.NewReader(string(body)))
		if err != nil {
			errMsg = err.Error()
			break
		}
		h, err := x.replay(e)
		if err != nil {
			errMsg = err.Error()
			break
		}
		s.hist, s.pos = h, 0
		s.note = fmt.Sprintf("loaded a path of %d steps (%s): step forward through it", len(h)-1, e.Property)
	case "find":
		prop := r.URL.Query().Get("prop")
		path, complete, err := x.st.Find(s.hist[s.pos].State, prop, x.findLimit)
		switch {
		case err != nil:
			errMsg = err.Error()
		case path == nil && complete:
			s.note = fmt.Sprintf("no state reachable from here violates %s", prop)
		case path == nil:
			s.note = fmt.Sprintf("no violation of %s within %d states of here", prop, x.findLimit)
		case s.pos+len(path) >= MaxHistory:
			errMsg = fmt.Sprintf("the path (%d steps) does not fit the history (%d states)", len(path), MaxHistory)
		default:
			s.hist = append(s.hist[:s.pos+1:s.pos+1], path...)
			s.pos = len(s.hist) - 1
			s.note = fmt.Sprintf("the shortest path from step %d: %d steps (go back to see them)", len(s.hist)-1-len(path), len(path))
		}
	default:
		http.Error(w, "unknown operation "+op, http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(x.respond(id, s, errMsg))
}

func runServe(args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	variantName := fs.String("variant", "", "variant to explore (default: the system's first)")
	setFlag := fs.String("set", "", "parameters, name=value[,name=value...]")
	port := fs.Int("port", 8321, "port on 127.0.0.1 (0: any free port)")
	load := fs.String("load", "", "start every session on this saved counterexample (a corpus `FILE`)")
	find := fs.Int("find-states", 200000, "most states a shortest-path search explores")
	pos, err := ParseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		FlagHelp(fs, stdout, "serve SYSTEM [-variant V] [-set k=v,...] [-port N] [-load FILE]")
		return ExitHolds, nil
	}
	if err != nil {
		return ExitUsage, err
	}
	if len(pos) != 1 {
		return ExitUsage, Usagef("want exactly one SYSTEM (have %s)", strings.Join(Names(), ", "))
	}
	if *port < 0 || *port > 65535 || *find < 1 {
		return ExitUsage, Usagef("-port must be 0..65535 and -find-states positive")
	}
	sys, err := Lookup(pos[0])
	if err != nil {
		return ExitUsage, UsageError{err}
	}
	v, err := sys.Variant(*variantName)
	if err != nil {
		return ExitUsage, UsageError{err}
	}
	set, err := ParseParams(*setFlag)
	if err != nil {
		return ExitUsage, UsageError{err}
	}
	params, err := sys.Resolve(v.Name, set)
	if err != nil {
		return ExitUsage, UsageError{err}
	}
	x, err := NewExplorer(sys, v.Name, params, *find)
	if err != nil {
		return ExitUsage, UsageError{err}
	}
	if *load != "" {
		e, err := corpus.ParseFile(*load)
		if err != nil {
			return ExitUsage, UsageError{err}
		}
		if err := x.Load(e); err != nil {
			return ExitUsage, UsageError{fmt.Errorf("%s: %w", *load, err)}
		}
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(*port)))
	if err != nil {
		return ExitUsage, err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := x.Serve(ctx, ln, stdout); err != nil {
		return ExitUsage, err
	}
	fmt.Fprintln(stderr, "explorer stopped")
	return ExitHolds, nil
}

// Serve prints the explorer's URL and serves it on ln until ctx ends
// (serve stops it on SIGINT), then shuts down, letting requests in
// progress finish.
func (x *Explorer) Serve(ctx context.Context, ln net.Listener, stdout io.Writer) error {
	srv := &http.Server{Handler: x.Handler(), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "explorer of %s/%s at http://%s/  (Ctrl-C stops it)\n", x.sys.Name(), x.variant, ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shut)
}
