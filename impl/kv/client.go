package kv

import "fmt"

// Client runs a script of operations, one at a time. Its address is
// Servers+k for client k. A request is sent to the client's current
// target; a redirect names the leader (or, when none is known, the client
// tries the next server); Retry resends to the next server.
type Client struct {
	addr, servers int
	script        []Command
	next          int    // index of the next operation to issue
	pending       bool   // the operation script[next] is outstanding
	seq           uint64 // sequence number of the outstanding operation (next+1)
	target        int
	results       []Result // answers of completed operations, in order
	abandoned     bool     // crashed with an operation outstanding: it stays unknown
	retries       int      // retries so far (a model bounds them)
}

// NewClient makes client k of a store of servers servers.
func NewClient(k, servers int, script []Command) *Client {
	return &Client{addr: servers + k, servers: servers, script: script, target: k % servers}
}

// Clone copies the client.
func (c *Client) Clone() *Client {
	t := *c
	return &t
}

// Addr is the client's address.
func (c *Client) Addr() int { return c.addr }

// Pending reports whether an operation is outstanding, and which.
func (c *Client) Pending() (int, bool) { return c.next, c.pending }

// Results are the answers of completed operations.
func (c *Client) Results() []Result { return c.results }

// Script is the client's operations.
func (c *Client) Script() []Command { return c.script }

// Retries counts the retries so far.
func (c *Client) Retries() int { return c.retries }

// Target is the server the client sends to.
func (c *Client) Target() int { return c.target }

// Abandoned reports a client that crashed with an operation outstanding.
func (c *Client) Abandoned() bool { return c.abandoned }

// CanInvoke reports whether the next operation can be issued.
func (c *Client) CanInvoke() bool { return !c.pending && !c.abandoned && c.next < len(c.script) }

// Invoke issues the next operation.
func (c *Client) Invoke() ([]Envelope, error) {
	if !c.CanInvoke() {
		return nil, fmt.Errorf("kv: client c%d cannot invoke now", c.addr-c.servers+1)
	}
	c.pending, c.seq = true, uint64(c.next+1)
	return c.send(), nil
}

func (c *Client) send() []Envelope {
	return []Envelope{{To: c.target, Msg: Msg{Kind: MsgRequest, Client: c.addr, Seq: c.seq, Cmd: c.script[c.next]}}}
}

// Retry resends the outstanding operation to the next server.
func (c *Client) Retry() []Envelope {
	if !c.pending {
		return nil
	}
	c.target = (c.target + 1) % c.servers
	c.retries++
	return c.send()
}

// Deliver handles a reply; it reports whether the outstanding operation completed.
func (c *Client) Deliver(m Msg) ([]Envelope, bool) {
	if m.Kind != MsgReply || !c.pending || m.Seq != c.seq {
		return nil, false // a late or duplicate reply
	}
	if m.Result.Status == NotLeader {
		if m.Result.Leader >= 0 && m.Result.Leader != c.target {
			c.target = m.Result.Leader
			return c.send(), false
		}
		return nil, false // wait for the retry timer
	}
	c.results = append(c.results[:len(c.results):len(c.results)], m.Result)
	c.pending = false
	c.next++
	return nil, true
}

// Crash abandons the outstanding operation: its outcome stays unknown.
func (c *Client) Crash() {
	if c.pending {
		c.pending, c.abandoned = false, true
	}
}

// String renders the client canonically.
func (c *Client) String() string {
	st := "idle"
	switch {
	case c.abandoned:
		st = fmt.Sprintf("abandoned %v", c.script[c.next])
	case c.pending:
		st = fmt.Sprintf("waiting %v at n%d", c.script[c.next], c.target+1)
	case c.next == len(c.script):
		st = "done"
	}
	return fmt.Sprintf("c%d %s results=%d", c.addr-c.servers+1, st, len(c.results))
}
