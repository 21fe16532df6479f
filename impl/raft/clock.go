package raft

// Source is the randomness a Clock needs; *math/rand/v2.Rand satisfies it.
// It is injected so the core stays deterministic and a test can replay it.
type Source interface{ IntN(n int) int }

// Clock drives a Node's timers from ticks, for running the node in real
// time: the election timeout is drawn anew from [ElectionTicks,
// 2*ElectionTicks) each time it is reset (Raft §5.2), heartbeats repeat
// every HeartbeatTicks.
type Clock struct {
	ElectionTicks  int
	HeartbeatTicks int
	Rand           Source

	elapsed  int
	deadline int
	beat     int
}

// Reset restarts the election timeout; call it when Ready.ResetElectionTimer is set.
func (c *Clock) Reset() {
	c.elapsed = 0
	c.deadline = c.ElectionTicks + c.Rand.IntN(c.ElectionTicks)
}

// Tick advances time by one tick and returns the timers of n that expired,
// for the caller to pass to n.Timeout.
func (c *Clock) Tick(n *Node) []Timer {
	if c.deadline == 0 {
		c.Reset()
	}
	if n.Role() == Leader {
		c.beat++
		if c.beat < c.HeartbeatTicks {
			return nil
		}
		c.beat = 0
		return n.Timers()
	}
	c.elapsed++
	if c.elapsed < c.deadline {
		return nil
	}
	c.Reset()
	return []Timer{ElectionTimer}
}
