package checker

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// graph records the reachable state graph while searching, so Eventually
// properties can be judged afterwards on its cycles. Liveness is judged as
// TLC does under fairness of actions: a behaviour violates "eventually P"
// when it reaches, through states where P is false, either a state where it
// may stutter forever (no fair action enabled) or a fair cycle of such
// states. A strongly connected component is searched for a fair cycle with
// the Emerson–Lei refinement: weak fairness of A fails in a component where A
// is enabled in every state and never taken; strong fairness of A, when A is
// never taken, removes the states where A is enabled and searches the rest again.
type graph[S any] struct {
	fair    []Fairness
	instID  map[string]int32
	strong  []bool
	names   []string
	byLabel map[string][]int32

	evBit []int // property index -> bit in holds, -1 if not Eventually
	holds []uint64

	off, cnt []uint32 // per state: its edges in succ
	succ     []uint32
	eiOff    []uint32 // per edge: start of its instances in edgeInst
	eiCnt    []uint8
	edgeInst []int32
	enOff    []uint32 // per state: its enabled instances in enList
	enCnt    []uint32
	enList   []int32
	cur      []int32
}

func newGraph[S any](fair []Fairness, props []Property[S]) *graph[S] {
	g := &graph[S]{fair: fair, instID: map[string]int32{}, byLabel: map[string][]int32{}}
	n := 0
	for _, p := range props {
		if p.Kind == Eventually {
			g.evBit = append(g.evBit, n)
			n++
		} else {
			g.evBit = append(g.evBit, -1)
		}
	}
	if n > 64 {
		panic("checker: at most 64 Eventually properties per run")
	}
	return g
}

// instances returns the fairness instances an action belongs to, cached by label.
func (g *graph[S]) instances(action string) []int32 {
	if ids, ok := g.byLabel[action]; ok {
		return ids
	}
	var ids []int32
	for _, full := range fairKeys(g.fair, action) {
		id, seen := g.instID[full.key]
		if !seen {
			id = int32(len(g.strong))
			g.instID[full.key] = id
			g.strong = append(g.strong, full.strong)
			g.names = append(g.names, full.name)
		}
		ids = append(ids, id)
	}
	g.byLabel[action] = ids
	return ids
}

func (g *graph[S]) grow(id uint32) {
	for uint32(len(g.off)) <= id {
		g.off = append(g.off, 0)
		g.cnt = append(g.cnt, 0)
		g.enOff = append(g.enOff, 0)
		g.enCnt = append(g.enCnt, 0)
		g.holds = append(g.holds, 0)
	}
}

// setHolds records which Eventually properties hold in state id, from the
// truth values of all properties (bit i: property i holds).
func (g *graph[S]) setHolds(id uint32, props []Property[S], bits []uint64) {
	g.grow(id)
	var h uint64
	for i := range props {
		if b := g.evBit[i]; b >= 0 && bits[i/64]&(1<<(i%64)) != 0 {
			h |= 1 << b
		}
	}
	g.holds[id] = h
}

func (g *graph[S]) beginState(id uint32) {
	g.grow(id)
	g.off[id] = uint32(len(g.succ))
	g.cur = g.cur[:0]
}

// enabled notes that action is enabled (leads to a different state) in the state being expanded.
func (g *graph[S]) enabled(action string) { g.cur = append(g.cur, g.instances(action)...) }

func (g *graph[S]) edge(to uint32, action string) {
	inst := g.instances(action)
	g.succ = append(g.succ, to)
	g.eiOff = append(g.eiOff, uint32(len(g.edgeInst)))
	g.eiCnt = append(g.eiCnt, uint8(len(inst)))
	g.edgeInst = append(g.edgeInst, inst...)
}

func (g *graph[S]) endState(id uint32) {
	g.cnt[id] = uint32(len(g.succ)) - g.off[id]
	sort.Slice(g.cur, func(i, j int) bool { return g.cur[i] < g.cur[j] })
	g.enOff[id] = uint32(len(g.enList))
	var last int32 = -1
	for _, x := range g.cur {
		if x != last {
			g.enList = append(g.enList, x)
			last = x
		}
	}
	g.enCnt[id] = uint32(len(g.enList)) - g.enOff[id]
}

func (g *graph[S]) edges(id uint32) (from, to uint32) { return g.off[id], g.off[id] + g.cnt[id] }

func (g *graph[S]) enabledAt(id uint32) []int32 {
	return g.enList[g.enOff[id] : g.enOff[id]+g.enCnt[id]]
}

func (g *graph[S]) edgeInstances(e uint32) []int32 {
	return g.edgeInst[g.eiOff[e] : g.eiOff[e]+uint32(g.eiCnt[e])]
}

// check judges Eventually property i on the complete graph. It returns the
// shortest stuttering counterexample if there is one, else a lasso through
// the fair component entered closest to an initial state, else nil.
func (g *graph[S]) check(r *run[S], i int) (*Path[S], string) {
	bit := uint64(1) << g.evBit[i]
	name := r.props[i].Name
	n := uint32(r.st.len())
	bad := func(id uint32) bool { return g.holds[id]&bit == 0 }

	// States reachable from an initial state through states where P is false,
	// in BFS order with parents, so prefixes are shortest.
	par := make([]uint32, n)
	dist := make([]int32, n)
	for k := range dist {
		dist[k] = -1
	}
	var order []uint32
	for id := uint32(0); id < n; id++ {
		if r.st.parent[id] == noParent && bad(id) {
			dist[id], par[id] = 0, noParent
			order = append(order, id)
		}
	}
	for h := 0; h < len(order); h++ {
		u := order[h]
		a, b := g.edges(u)
		for e := a; e < b; e++ {
			v := g.succ[e]
			if dist[v] < 0 && bad(v) {
				dist[v], par[v] = dist[u]+1, u
				order = append(order, v)
			}
		}
	}
	prefix := func(id uint32) []uint32 {
		var ids []uint32
		for x := id; x != noParent; x = par[x] {
			ids = append(ids, x)
		}
		slices.Reverse(ids)
		return ids
	}

	for _, id := range order {
		if len(g.enabledAt(id)) == 0 {
			steps := r.materialize(prefix(id))
			return &Path[S]{Steps: steps, Loop: len(steps) - 1},
				fmt.Sprintf("%s never holds: the behaviour may stop (stutter forever) in a state where no fair action is enabled", name)
		}
	}

	t := newTarjan(n)
	in := func(id uint32) bool { return dist[id] >= 0 }
	var best []uint32
	var bestEntry uint32
	for _, comp := range t.sccs(g, order, in) {
		core := g.fairCore(t, comp)
		if core == nil {
			continue
		}
		entry := core[0]
		for _, x := range core {
			if dist[x] < dist[entry] {
				entry = x
			}
		}
		if best == nil || dist[entry] < dist[bestEntry] {
			best, bestEntry = core, entry
		}
	}
	if best == nil {
		return nil, ""
	}
	cycle, need := g.cycle(best, bestEntry)
	ids := append(prefix(bestEntry), cycle[1:len(cycle)-1]...)
	loop := len(prefix(bestEntry)) - 1
	needAt := map[int]int32{}
	for pos, inst := range need {
		needAt[loop+pos] = inst
	}
	steps := r.materializeNeed(ids, needAt)
	p := &Path[S]{Steps: steps, Loop: loop}
	last := steps[len(steps)-1].State
	want := r.st.fps[bestEntry]
	lastNeed, hasNeed := needAt[len(ids)]
	r.m.Next(last, func(action string, s S) bool {
		if r.m.within(s) && r.fpr.fp(s) == want && (!hasNeed || containsInst(g.instances(action), lastNeed)) {
			p.LoopAction = action
			return false
		}
		return true
	})
	var fairNames []string
	seen := map[int32]bool{}
	for _, u := range best {
		for _, x := range g.enabledAt(u) {
			if !seen[x] {
				seen[x] = true
				fairNames = append(fairNames, g.names[x])
			}
		}
	}
	sort.Strings(fairNames)
	detail := fmt.Sprintf("%s never holds: a fair cycle of %d states repeats forever", name, len(cycle)-1)
	if len(fairNames) > 0 {
		detail += " (fair actions enabled on it are taken or disabled in turn: " + strings.Join(fairNames, ", ") + ")"
	}
	return p, detail
}

type fairKey struct {
	key, name string
	strong    bool
}

// fairKeys lists the fairness instances an action belongs to.
func fairKeys(fair []Fairness, action string) []fairKey {
	var out []fairKey
	for k, f := range fair {
		key, ok := f.Instance(action)
		if !ok {
			continue
		}
		name := f.Name
		if key != "" {
			name += "(" + key + ")"
		}
		out = append(out, fairKey{key: fmt.Sprintf("%d\x00%s", k, key), name: name, strong: f.Strong})
	}
	return out
}

func containsInst(xs []int32, x int32) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// fairCore returns a subset of comp (a strongly connected component) that is
// strongly connected and admits a fair cycle, or nil.
func (g *graph[S]) fairCore(t *tarjan, comp []uint32) []uint32 {
	if len(comp) < 2 {
		return nil // self-loops are stutters and were never recorded as edges
	}
	t.stamp++
	for _, u := range comp {
		t.mark[u] = t.stamp
	}
	member := t.stamp
	taken := map[int32]bool{}
	enCount := map[int32]int{}
	for _, u := range comp {
		a, b := g.edges(u)
		for e := a; e < b; e++ {
			if t.mark[g.succ[e]] == member {
				for _, x := range g.edgeInstances(e) {
					taken[x] = true
				}
			}
		}
		for _, x := range g.enabledAt(u) {
			enCount[x]++
		}
	}
	var prune []int32
	for x, c := range enCount {
		if taken[x] {
			continue
		}
		if !g.strong[x] && c == len(comp) {
			return nil // weakly fair action enabled throughout and never taken
		}
		if g.strong[x] {
			prune = append(prune, x)
		}
	}
	if len(prune) == 0 {
		return comp
	}
	sort.Slice(prune, func(i, j int) bool { return prune[i] < prune[j] })
	var rest []uint32
	for _, u := range comp {
		keep := true
		for _, x := range g.enabledAt(u) {
			if containsInst(prune, x) {
				keep = false
				break
			}
		}
		if keep {
			rest = append(rest, u)
		}
	}
	t.stamp++
	for _, u := range rest {
		t.mark[u] = t.stamp
	}
	inRest := t.stamp
	for _, sub := range t.sccs(g, rest, func(id uint32) bool { return t.mark[id] == inRest }) {
		if core := g.fairCore(t, sub); core != nil {
			return core
		}
	}
	return nil
}

// cycle builds a cycle through core from entry and back that takes an edge
// of every fairness instance taken in core and visits a state where every
// other enabled weakly fair instance is disabled. It returns the ids (first
// and last are entry) and, per position, the instance the step into that
// position must belong to.
func (g *graph[S]) cycle(core []uint32, entry uint32) ([]uint32, map[int]int32) {
	in := map[uint32]bool{}
	for _, u := range core {
		in[u] = true
	}
	type edgeReq struct {
		u, v uint32
		inst int32
	}
	var edgeReqs []edgeReq
	var stateReqs []uint32
	takenBy := map[int32]edgeReq{}
	enCount := map[int32]int{}
	for _, u := range core {
		a, b := g.edges(u)
		for e := a; e < b; e++ {
			if v := g.succ[e]; in[v] {
				for _, x := range g.edgeInstances(e) {
					if _, ok := takenBy[x]; !ok {
						takenBy[x] = edgeReq{u, v, x}
					}
				}
			}
		}
		for _, x := range g.enabledAt(u) {
			enCount[x]++
		}
	}
	insts := make([]int32, 0, len(enCount))
	for x := range enCount {
		insts = append(insts, x)
	}
	sort.Slice(insts, func(i, j int) bool { return insts[i] < insts[j] })
	for _, x := range insts {
		if req, ok := takenBy[x]; ok {
			edgeReqs = append(edgeReqs, req)
			continue
		}
		if !g.strong[x] {
			for _, u := range core {
				if !containsInst(g.enabledAt(u), x) {
					stateReqs = append(stateReqs, u)
					break
				}
			}
		}
	}
	path := []uint32{entry}
	need := map[int]int32{}
	cur := entry
	goTo := func(target uint32) {
		path = append(path, g.bfsWithin(in, cur, target)...)
		cur = target
	}
	for _, s := range stateReqs {
		goTo(s)
	}
	for _, e := range edgeReqs {
		goTo(e.u)
		path = append(path, e.v)
		need[len(path)-1] = e.inst
		cur = e.v
	}
	if len(path) == 1 {
		// Nothing required: any step inside the component and back.
		a, b := g.edges(entry)
		for e := a; e < b; e++ {
			if v := g.succ[e]; in[v] {
				path = append(path, v)
				cur = v
				break
			}
		}
	}
	goTo(entry)
	return path, need
}

// bfsWithin returns the shortest path from a to b inside in, without a.
func (g *graph[S]) bfsWithin(in map[uint32]bool, a, b uint32) []uint32 {
	if a == b {
		return nil
	}
	par := map[uint32]uint32{a: a}
	q := []uint32{a}
	for h := 0; h < len(q); h++ {
		u := q[h]
		x, y := g.edges(u)
		for e := x; e < y; e++ {
			v := g.succ[e]
			if !in[v] {
				continue
			}
			if _, seen := par[v]; seen {
				continue
			}
			par[v] = u
			if v == b {
				var out []uint32
				for z := b; z != a; z = par[z] {
					out = append(out, z)
				}
				slices.Reverse(out)
				return out
			}
			q = append(q, v)
		}
	}
	panic("checker: component is not strongly connected")
}

// tarjan computes strongly connected components iteratively (no recursion,
// so deep graphs cannot overflow the stack).
type tarjan struct {
	index, low []int32
	onStack    []bool
	mark       []uint32
	stamp      uint32
}

func newTarjan(n uint32) *tarjan {
	return &tarjan{index: make([]int32, n), low: make([]int32, n), onStack: make([]bool, n), mark: make([]uint32, n)}
}

func (t *tarjan) sccs(g interface {
	edges(uint32) (uint32, uint32)
	succAt(uint32) uint32
}, nodes []uint32, in func(uint32) bool) [][]uint32 {
	for _, u := range nodes {
		t.index[u] = -1
	}
	var out [][]uint32
	var stack []uint32
	type frame struct {
		u    uint32
		e, b uint32
	}
	next := int32(0)
	for _, root := range nodes {
		if t.index[root] >= 0 {
			continue
		}
		a, b := g.edges(root)
		call := []frame{{root, a, b}}
		t.index[root], t.low[root] = next, next
		next++
		stack = append(stack, root)
		t.onStack[root] = true
		for len(call) > 0 {
			f := &call[len(call)-1]
			if f.e < f.b {
				v := g.succAt(f.e)
				f.e++
				if !in(v) {
					continue
				}
				if t.index[v] < 0 {
					t.index[v], t.low[v] = next, next
					next++
					stack = append(stack, v)
					t.onStack[v] = true
					a, b := g.edges(v)
					call = append(call, frame{v, a, b})
				} else if t.onStack[v] && t.index[v] < t.low[f.u] {
					t.low[f.u] = t.index[v]
				}
				continue
			}
			u := f.u
			call = call[:len(call)-1]
			if len(call) > 0 {
				p := call[len(call)-1].u
				if t.low[u] < t.low[p] {
					t.low[p] = t.low[u]
				}
			}
			if t.low[u] == t.index[u] {
				var comp []uint32
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					t.onStack[w] = false
					comp = append(comp, w)
					if w == u {
						break
					}
				}
				out = append(out, comp)
			}
		}
	}
	return out
}

func (g *graph[S]) succAt(e uint32) uint32 { return g.succ[e] }
