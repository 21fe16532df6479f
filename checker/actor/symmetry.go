package actor

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/distcheck/distcheck/checker"
)

// maxGroup bounds the number of permutations a symmetry may have: each
// state is fingerprinted once per permutation, so 8 interchangeable nodes
// (8! = 40320) is already far past what pays.
const maxGroup = 40320

// sysFunc is the shape of Model.Symmetry and Model.Representatives.
type sysFunc[N, M any] func(System[N, M], func(System[N, M]) bool)

// symmetry returns the model's Symmetry and Representatives when the
// protocol declares a symmetry (Protocol.PermuteNode), or nils.
func (b *builder[N, M]) symmetry() (sym, reps sysFunc[N, M], err error) {
	perms, err := b.group()
	if err != nil || perms == nil {
		return nil, nil, err
	}
	y := &symmetric[N, M]{b: b, perms: perms}
	y.useCache()
	return func(s System[N, M], yield func(System[N, M]) bool) {
		for k := 1; k < len(perms); k++ { // perms[0] is the identity
			if !yield(y.image(s, k)) {
				return
			}
		}
	}, y.representatives, nil
}

// representatives yields the images of s that are least by their nodes
// alone (position by position: the Down flag, then the node's encoding),
// the network aside. Every state of an orbit has the same images, so it
// yields the same set; once the nodes differ (a term, a role, a log) the
// set is one image, and only it has its network renamed, sorted and
// fingerprinted (checker.Model.Representatives).
func (y *symmetric[N, M]) representatives(s System[N, M], yield func(System[N, M]) bool) {
	for _, k := range y.leastByNodes(s) {
		img := s // the identity's image is s, already canonical
		if k != 0 {
			img = y.image(s, k)
		}
		if !yield(img) {
			return
		}
	}
}

// leastByNodes lists the permutations (indexes into perms) whose images of
// s are least by their nodes; a panic while renaming names the node.
func (y *symmetric[N, M]) leastByNodes(s System[N, M]) (tied []int) {
	n := len(s.Nodes)
	best, cur := make([][]byte, n), make([][]byte, n)
	bestDown, curDown := make([]bool, n), make([]bool, n)
	i := 0
	defer func() {
		if r := recover(); r != nil {
			repanic(r, "Symmetry", i)
		}
	}()
	for k, p := range y.perms {
		for i = 0; i < n; i++ {
			cur[p[i]] = y.nodeEnc(s.Nodes[i], k)
			curDown[p[i]] = s.Down[i]
		}
		c := -1
		if k > 0 {
			c = cmpNodes(cur, curDown, best, bestDown)
		}
		switch {
		case c < 0:
			best, cur = cur, best
			bestDown, curDown = curDown, bestDown
			tied = append(tied[:0], k)
		case c == 0:
			tied = append(tied, k)
		}
	}
	return tied
}

// cmpNodes orders two images by their nodes: position by position, the
// Down flag, then the node's encoding.
func cmpNodes(a [][]byte, aDown []bool, b [][]byte, bDown []bool) int {
	for j := range a {
		if aDown[j] != bDown[j] {
			if aDown[j] {
				return 1
			}
			return -1
		}
		if c := bytes.Compare(a[j], b[j]); c != 0 {
			return c
		}
	}
	return 0
}

// group lists the permutations the protocol and environment allow, the
// identity first; nil when the protocol declares no symmetry. Nodes are
// permuted only within their class (Protocol.Class) and only among nodes
// that Env.Crashable treats alike, so that every action the environment
// offers one node it offers its image too.
func (b *builder[N, M]) group() ([][]int, error) {
	p := b.p
	if p.PermuteNode == nil {
		switch {
		case p.PermuteMsg != nil:
			return nil, fmt.Errorf("actor: Protocol.PermuteMsg is set but Protocol.PermuteNode is nil")
		case p.Class != nil:
			return nil, fmt.Errorf("actor: Protocol.Class is set but Protocol.PermuteNode is nil")
		}
		return nil, nil
	}
	if p.Clone == nil {
		// A rebuilt node is its start and its events, which name nodes
		// (senders, timers): renaming those is not something the actor
		// layer can do for an opaque node.
		return nil, fmt.Errorf("actor: Protocol.PermuteNode needs Protocol.Clone: nodes rebuilt from their events cannot be permuted")
	}
	type class struct {
		id        int
		crashable bool
	}
	var keys []class
	var members [][]int
	for i := 0; i < p.Nodes; i++ {
		k := class{crashable: b.env.Crashable == nil || b.env.Crashable(i)}
		if p.Class != nil {
			k.id = p.Class(i)
		}
		j := slices.Index(keys, k)
		if j < 0 {
			j = len(keys)
			keys = append(keys, k)
			members = append(members, nil)
		}
		members[j] = append(members[j], i)
	}
	size := 1
	for _, c := range members {
		for f := 2; f <= len(c); f++ {
			size *= f
			if size > maxGroup {
				return nil, fmt.Errorf("actor: the nodes' symmetry has more than %d permutations; declare classes (Protocol.Class) or leave PermuteNode nil", maxGroup)
			}
		}
	}
	id := make([]int, p.Nodes)
	for i := range id {
		id[i] = i
	}
	perms := [][]int{id}
	for _, c := range members {
		if len(c) < 2 {
			continue
		}
		var out [][]int
		for _, q := range perms {
			for _, r := range checker.Permutations(len(c)) {
				x := slices.Clone(q)
				for j, node := range c {
					x[node] = c[r[j]]
				}
				out = append(out, x)
			}
		}
		perms = out
	}
	return perms, nil
}

// symmetric builds the images of states under the group's permutations.
type symmetric[N, M any] struct {
	b     *builder[N, M]
	perms [][]int
	msgs  sync.Map                       // permKey -> *Message: a message's image under perms[k]; read lock-free by every worker
	nodes []atomic.Pointer[nodeImage[N]] // a direct-mapped cache of node images; nil when off
}

// nodeCacheSize is the number of node images remembered. The successors
// of a state share all nodes but the one that acted, and are fingerprinted
// one after the other, so a small cache spares most renamings.
const nodeCacheSize = 1 << 12

// nodeImage is a cached renaming: node (a pointer) under perms[k] is img,
// whose encoding is enc (nil until Representatives asks for it).
type nodeImage[N any] struct {
	node N
	k    int
	img  N
	enc  atomic.Pointer[[]byte]
}

// useCache turns the node image cache on when nodes are pointers, whose
// identity is cheap to compare; a cached node stays reachable from the
// cache, so its address cannot be reused by another node meanwhile.
func (y *symmetric[N, M]) useCache() {
	if reflect.TypeFor[N]().Kind() == reflect.Pointer {
		y.nodes = make([]atomic.Pointer[nodeImage[N]], nodeCacheSize)
	}
}

// addr is a pointer node's address (only called when the cache is on).
func addr[N any](n N) uintptr { return uintptr(*(*unsafe.Pointer)(unsafe.Pointer(&n))) }

// node is n renamed by perms[k], from the cache when it is there.
func (y *symmetric[N, M]) node(n N, k int) N {
	if e := y.cached(n, k); e != nil {
		return e.img
	}
	return y.b.p.PermuteNode(n, y.perms[k])
}

// cached is the cache entry of n under perms[k], made on a miss; nil when
// the cache is off.
func (y *symmetric[N, M]) cached(n N, k int) *nodeImage[N] {
	if y.nodes == nil {
		return nil
	}
	a := addr(n)
	slot := &y.nodes[(a>>4^a>>16^uintptr(k)*0x9e3779b9)%nodeCacheSize]
	if e := slot.Load(); e != nil && e.k == k && addr(e.node) == a {
		return e
	}
	e := &nodeImage[N]{node: n, k: k, img: y.b.p.PermuteNode(n, y.perms[k])}
	slot.Store(e)
	return e
}

// nodeEnc is the encoding of n renamed by perms[k], from the cache when it
// is there.
func (y *symmetric[N, M]) nodeEnc(n N, k int) []byte {
	encode := func(n N) []byte {
		var enc checker.Encoder
		y.b.p.Encode(n, &enc)
		return enc.Bytes()
	}
	e := y.cached(n, k)
	if e == nil {
		return encode(y.b.p.PermuteNode(n, y.perms[k]))
	}
	if b := e.enc.Load(); b != nil {
		return *b
	}
	b := encode(e.img)
	e.enc.Store(&b)
	return b
}

type permKey[M any] struct {
	m *Message[M]
	k int
}

// image is s with node i renamed perms[k][i] everywhere: node i's state
// (renamed) moves to position perms[k][i] with its Down flag; messages
// change sender, receiver and payload, and the network is sorted anew; a
// partition is renormalized as Next builds it (n1 on side A).
func (y *symmetric[N, M]) image(s System[N, M], k int) System[N, M] {
	p := y.perms[k]
	t := s
	t.Nodes = make([]N, len(s.Nodes))
	t.Down = make([]bool, len(s.Down))
	i := 0
	defer func() {
		// One guard for the whole image (guard's closure per node costs
		// more than the renaming of a small node).
		if r := recover(); r != nil {
			repanic(r, "Symmetry", i)
		}
	}()
	for ; i < len(s.Nodes); i++ {
		t.Nodes[p[i]] = y.node(s.Nodes[i], k)
		t.Down[p[i]] = s.Down[i]
	}
	t.Net = y.net(s.Net, k, y.b.env.Ordered)
	if s.Sent != nil {
		t.Sent = y.net(s.Sent, k, false)
	}
	if s.Side != nil {
		t.Side = make([]bool, len(s.Side))
		for i, x := range s.Side {
			t.Side[p[i]] = x
		}
		if t.Side[0] {
			for i := range t.Side {
				t.Side[i] = !t.Side[i]
			}
		}
	}
	return t
}

// net permutes a network (or the sent set) and sorts it canonically. An
// ordered network keeps each pair's messages in send order: the sort is
// stable and compares pairs only.
func (y *symmetric[N, M]) net(net []Flight[M], k int, ordered bool) []Flight[M] {
	if net == nil {
		return nil
	}
	out := make([]Flight[M], len(net))
	for j, f := range net {
		out[j] = Flight[M]{Message: y.message(f.Message, k), Count: f.Count}
	}
	if ordered {
		slices.SortStableFunc(out, cmpFlight[M](true))
	} else {
		slices.SortFunc(out, cmpFlight[M](false)) // no two flights compare equal
	}
	return out
}

// message is m's image under perms[k], interned as sent messages are.
func (y *symmetric[N, M]) message(m *Message[M], k int) *Message[M] {
	key := permKey[M]{m, k}
	if x, ok := y.msgs.Load(key); ok {
		return x.(*Message[M])
	}
	p := y.perms[k]
	msg := m.Msg
	if y.b.p.PermuteMsg != nil {
		guard("Symmetry", m.To, func() { msg = y.b.p.PermuteMsg(msg, p) })
	}
	x := y.b.message(Envelope[M]{From: p[m.From], To: p[m.To], Msg: msg})
	y.msgs.Store(key, x)
	return x
}

// Permuter returns the permutations of the nodes under which proto and
// env are symmetric, the identity first (p[i] is node i's new name): the
// group the Symmetry of Model(name, proto, env) ranges over. With it comes
// permute, which builds the image of a state under one of them (it panics
// on any other permutation), for tests of a protocol's symmetry: the image
// of a reachable state must be reachable, its successors the images of the
// state's, and every property must judge it as the state (see
// proptest.Symmetric). It fails when proto declares no symmetry.
func Permuter[N, M any](proto Protocol[N, M], env Env) (perms [][]int, permute func(s System[N, M], p []int) System[N, M], err error) {
	y, err := newSymmetric(proto, env)
	if err != nil {
		return nil, nil, err
	}
	return y.perms, func(s System[N, M], p []int) System[N, M] {
		k := slices.IndexFunc(y.perms, func(q []int) bool { return slices.Equal(q, p) })
		if k < 0 {
			panic(fmt.Sprintf("actor: %v is not a permutation of the protocol's symmetry", p))
		}
		return y.image(s, k)
	}, nil
}

func newSymmetric[N, M any](proto Protocol[N, M], env Env) (*symmetric[N, M], error) {
	b := &builder[N, M]{p: proto, env: env, intern: map[string]*Message[M]{}}
	perms, err := b.group()
	if err == nil && perms == nil {
		err = fmt.Errorf("actor: Protocol.PermuteNode is nil: the protocol declares no symmetry")
	}
	if err != nil {
		return nil, err
	}
	return &symmetric[N, M]{b: b, perms: perms}, nil
}

// Inverse returns the permutation that undoes p.
func Inverse(p []int) []int {
	q := make([]int, len(p))
	for i, x := range p {
		q[x] = i
	}
	return q
}
