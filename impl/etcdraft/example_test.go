package etcdraft_test

import (
	"fmt"

	"github.com/distcheck/distcheck/impl/etcdraft"
)

// A single-voter cluster: the server campaigns, wins at once, and applies
// its no-op entry and a proposal; every write was durable before applying.
func Example() {
	s, err := etcdraft.New(etcdraft.Config{ID: 1, Peers: []uint64{1}}, etcdraft.Durable{})
	if err != nil {
		panic(err)
	}
	s.Campaign()
	if _, err := s.Propose("x=1"); err != nil {
		panic(err)
	}
	st := s.Status()
	fmt.Println(st.Role, "term", st.Term, "commit", st.Commit)
	fmt.Println("applied", s.Applied())
	fmt.Println("durable", s.Durable().Hard, s.Durable().Log)
	// Output:
	// StateLeader term 1 commit 2
	// applied [1.1: 2.1:x=1]
	// durable {1 1 2} [1.1: 2.1:x=1]
}
