package ring

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
)

// Hash is the position of name on the circle: the first eight bytes of
// SHA-256(name), big-endian.
func Hash(name string) uint64 {
	sum := sha256.Sum256([]byte(name))
	return binary.BigEndian.Uint64(sum[:8])
}

// VNodeName is the name hashed for virtual node i of node.
func VNodeName(node string, i int) string { return node + "#" + strconv.Itoa(i) }

// Clockwise returns the index in ids (sorted ascending) of the successor
// of pos: the first id >= pos, wrapping to 0 past the largest. ids must be
// non-empty.
func Clockwise(ids []uint64, pos uint64) int {
	i, _ := slices.BinarySearch(ids, pos)
	if i == len(ids) {
		return 0
	}
	return i
}

// point is one virtual node.
type point struct {
	pos  uint64
	node string
}

// Ring is a consistent-hash ring. The zero value is not usable; call New.
// A Ring is a value owned by one goroutine; Clone copies it.
type Ring struct {
	vnodes int
	// points is sorted by position, ties (astronomically rare) broken by
	// node name so the order never depends on insertion order.
	points []point
	pos    []uint64 // pos[i] == points[i].pos, for Clockwise
	nodes  []string // sorted
}

// New returns an empty ring whose nodes each stand at vnodes positions.
func New(vnodes int) (*Ring, error) {
	if vnodes < 1 {
		return nil, fmt.Errorf("ring: %d virtual nodes per node, want at least 1", vnodes)
	}
	return &Ring{vnodes: vnodes}, nil
}

// Clone copies r.
func (r *Ring) Clone() *Ring {
	c := *r
	c.points, c.pos, c.nodes = slices.Clone(r.points), slices.Clone(r.pos), slices.Clone(r.nodes)
	return &c
}

// VNodes is the number of positions per node.
func (r *Ring) VNodes() int { return r.vnodes }

// Nodes lists the nodes, sorted by name.
func (r *Ring) Nodes() []string { return slices.Clone(r.nodes) }

// Len is the number of nodes.
func (r *Ring) Len() int { return len(r.nodes) }

// Add places node at its vnodes hashed positions.
func (r *Ring) Add(node string) error {
	if node == "" {
		return fmt.Errorf("ring: empty node name")
	}
	i, found := slices.BinarySearch(r.nodes, node)
	if found {
		return fmt.Errorf("ring: node %q is already on the ring", node)
	}
	r.nodes = slices.Insert(r.nodes, i, node)
	for v := range r.vnodes {
		r.points = append(r.points, point{Hash(VNodeName(node, v)), node})
	}
	r.sort()
	return nil
}

// Remove takes node and all its virtual nodes off the ring.
func (r *Ring) Remove(node string) error {
	i, found := slices.BinarySearch(r.nodes, node)
	if !found {
		return fmt.Errorf("ring: node %q is not on the ring", node)
	}
	r.nodes = slices.Delete(r.nodes, i, i+1)
	r.points = slices.DeleteFunc(r.points, func(p point) bool { return p.node == node })
	r.sort()
	return nil
}

func (r *Ring) sort() {
	slices.SortFunc(r.points, func(a, b point) int {
		if c := cmp.Compare(a.pos, b.pos); c != 0 {
			return c
		}
		return cmp.Compare(a.node, b.node)
	})
	r.pos = r.pos[:0]
	for _, p := range r.points {
		r.pos = append(r.pos, p.pos)
	}
}

// Owner is the node that owns key: the successor of Hash(key). It is
// false on an empty ring.
func (r *Ring) Owner(key string) (string, bool) { return r.OwnerOf(Hash(key)) }

// OwnerOf is the node owning position pos.
func (r *Ring) OwnerOf(pos uint64) (string, bool) {
	if len(r.points) == 0 {
		return "", false
	}
	return r.points[Clockwise(r.pos, pos)].node, true
}

// Successors lists the first k distinct physical nodes clockwise from
// Hash(key), the owner first: where a key and its k-1 replicas go. Virtual
// nodes of a node already listed are skipped, so the list never names a
// node twice. It has min(k, Len()) nodes.
func (r *Ring) Successors(key string, k int) []string { return r.SuccessorsOf(Hash(key), k) }

// SuccessorsOf is Successors for a position.
func (r *Ring) SuccessorsOf(pos uint64, k int) []string {
	k = min(k, len(r.nodes))
	if k <= 0 {
		return nil
	}
	out := make([]string, 0, k)
	start := Clockwise(r.pos, pos)
	for j := 0; j < len(r.points) && len(out) < k; j++ {
		n := r.points[(start+j)%len(r.points)].node
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}
