// Package detector is the seed's heartbeat failure detector (Algorithm
// 4.1) as a deterministic state machine: a monitor counts ticks of its own
// clock since the last heartbeat from a process, suspects the process when
// the count passes its timeout, declares it failed after further missed
// timeouts, and, when a heartbeat from a suspected process arrives after
// all, trusts it again and doubles the timeout (exponential backoff).
package detector

// Monitor watches one process.
type Monitor struct {
	Timeout    int // ticks without a heartbeat before suspecting
	MaxTimeout int // the backoff stops here
	FailAfter  int // further missed timeouts before declaring failure
	// NeverRevise is the seed's behaviour: a declared failure is permanent.
	NeverRevise bool

	elapsed   int
	misses    int
	suspected bool
	failed    bool
}

// Suspected reports whether the process is suspected (or declared failed).
func (m *Monitor) Suspected() bool { return m.suspected || m.failed }

// Failed reports whether the process was declared failed.
func (m *Monitor) Failed() bool { return m.failed }

// Elapsed is the ticks since the last heartbeat or timeout.
func (m *Monitor) Elapsed() int { return m.elapsed }

// Tick advances the monitor's clock by one tick.
func (m *Monitor) Tick() {
	m.elapsed++
	if m.elapsed <= m.Timeout {
		return
	}
	m.elapsed = 0
	if !m.suspected {
		m.suspected = true
		return
	}
	m.misses++
	if m.misses >= m.FailAfter {
		m.failed = true
	}
}

// Heartbeat records a heartbeat from the process.
func (m *Monitor) Heartbeat() {
	if m.failed && m.NeverRevise {
		return
	}
	m.elapsed = 0
	if m.suspected || m.failed {
		// A mistake: the process was slow, not dead. Trust it again and
		// wait longer next time.
		m.suspected, m.failed, m.misses = false, false, 0
		m.Timeout = min(2*m.Timeout, m.MaxTimeout)
	}
}
