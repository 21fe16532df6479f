package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"
)

// evidence is one piece of support for a verdict: it runs (a model check
// or a measurement) and says what it found and whether that agrees with
// the verdict.
type evidence func(budget time.Duration) (found string, ok bool, err error)

// ev: property of a system variant, at its default bounds, must have
// status want ("holds" or "violated").
func ev(system, variant, property, want string) evidence {
	return evSet(system, variant, property, want, nil)
}

// evSet is ev with some parameters set.
func evSet(system, variant, property, want string, set map[string]int) evidence {
	return func(budget time.Duration) (string, bool, error) {
		sys, err := cli.Lookup(system)
		if err != nil {
			return "", false, err
		}
		params, err := sys.Resolve(variant, set)
		if err != nil {
			return "", false, err
		}
		rep, err := sys.Check(variant, params, checker.Options{Properties: []string{property}, StopOnViolation: true, Timeout: budget})
		if err != nil {
			return "", false, fmt.Errorf("%s/%s %s: %w", system, variant, property, err)
		}
		got := rep.Properties[0].Status
		found := fmt.Sprintf("%s/%s %s %s (%d states)", system, variant, property, got, rep.Stats.Distinct)
		if got == "unknown" {
			return found, false, fmt.Errorf("%s: %w (%s)", found, errUndecided, rep.Stopped)
		}
		return found, got == want, nil
	}
}

// measured: a measurement that reports its figures and whether they agree
// with the verdict (tolerances are stated in each judge).
func measured(name string, judge func() (string, bool, error)) evidence {
	return func(time.Duration) (string, bool, error) {
		figures, ok, err := judge()
		if err != nil {
			return "", false, fmt.Errorf("measure %s: %w", name, err)
		}
		return "measure " + name + ": " + figures, ok, nil
	}
}

// claim is a line of the ledger (shared/CLAIMS.md).
type claim struct {
	id, section, text, verdict string
	evidence                   []evidence
}

// twoF is Paxos with one proposer, one round and n acceptors of which one
// may crash for good: n = 2 is n = 2f, n = 3 is n = 2f+1 (f = 1).
func twoF(n int) map[string]int {
	return map[string]int{"proposers": 1, "acceptors": n, "maxBallot": 0, "crashes": 1, "acceptorCrashesOnly": 1}
}

// ledger is the claims ledger. A verdict is "holds", "holds under
// assumptions" or "refuted" (with its qualification); every verdict with
// evidence is re-derived by running it.
var ledger = []claim{
	{"C1", "1.1 Def 1.1–1.3", "the system model: nodes, links, states, messages, failures", "definition (checker/actor)", nil},
	{"C2", "1.2 Thm 1.1", "a connected system stays connected when at most f nodes fail", "refuted (holds for (f+1)-vertex-connected graphs)", []evidence{
		ev("connectivity", "seed-theorem", "StaysConnected", "violated"),
		ev("connectivity", "vertex-connected", "StaysConnected", "holds")}},
	{"C3", "1.2 Def 1.5; 4.1 Thm 4.1", "f-fault tolerance needs n >= 2f+1", "holds", []evidence{
		ev("quorum-spec", "MCQuorumSplit", "AtMostOneWinner", "violated"),
		ev("quorum-spec", "MCQuorumBlocked", "EventuallyDecided", "violated"),
		ev("quorum-spec", "MCQuorumSafe", "AtMostOneWinner", "holds"),
		ev("quorum-spec", "MCQuorumLive", "EventuallyDecided", "holds"),
		evSet("paxos", "half-quorum", "LearnersAgree", "violated", map[string]int{"crashes": 0}),
		evSet("paxos", "correct", "EventuallyLearned", "violated", twoF(2)),
		evSet("paxos", "correct", "EventuallyLearned", "holds", twoF(3))}},
	{"C4", "2.1 Def 2.1–2.3", "consistency, linearizability, causal consistency", "definitions; linearizability checked on client histories with porcupine (explore lin)", []evidence{
		ev("kv", "cp", "Linearizable", "holds"),
		ev("kv", "cp-paxos", "Linearizable", "holds"),
		ev("kv", "cp-stale-reads", "Linearizable", "violated")}},
	{"C5", "2.2 Thm 2.1", "CAP: no store is consistent, available and partition tolerant", "holds (shown both ways)", []evidence{
		ev("cap-spec", "MCCapAP", "Linearizable", "violated"),
		ev("cap-spec", "MCCapCP", "Linearizable", "holds"),
		ev("cap-spec", "MCCapCPLive", "EveryRequestAnswered", "violated"),
		ev("cap-spec", "MCCapCPNoPartition", "EveryRequestAnswered", "holds"),
		ev("kv", "ap", "Linearizable", "violated"),
		measured("cap", judgeCAP)}},
	{"C6", "2.2 Cor 2.1", "PACELC: without partitions, choose latency or consistency", "holds (measured)", []evidence{
		measured("pacelc", judgePACELC)}},
	{"C7", "3.1 Thm 3.1", "Paxos safety: at most one value chosen", "holds", []evidence{
		ev("paxos-spec", "MCPaxos", "Agreement", "holds"),
		evSet("paxos", "correct", "LearnersAgree", "holds", map[string]int{"crashes": 0}),
		evSet("paxos", "correct", "Conformance", "holds", map[string]int{"crashes": 0}),
		ev("multipaxos", "correct", "OneValuePerSlot", "holds")}},
	{"C8", "4.2 Thm 4.3", "Paxos liveness: a proposed value is eventually chosen", "refuted (holds with one proposer)", []evidence{
		ev("paxos-spec", "MCPaxosDuel", "EventuallyChosen", "violated"),
		ev("paxos-spec", "MCPaxosLeader", "EventuallyChosen", "holds")}},
	{"C9", "3.2 Thm 3.2; 4.2 Thm 4.4", "Raft: at most one leader per term (and log matching, leader completeness, state machine safety)", "holds", []evidence{
		ev("raft-spec", "MCRaft", "ElectionSafety", "holds"),
		ev("raft-spec", "MCRaftElection", "ElectionSafety", "holds"),
		ev("raft", "correct", "Conformance", "holds"),
		ev("raft", "correct", "StateMachineSafety", "holds")}},
	{"C10", "4.1 Def 4.1–4.2, Thm 4.1", "no perfect failure detector in an asynchronous system", "holds", []evidence{
		ev("detector-spec", "MCDetectorAsync", "StrongAccuracy", "violated"),
		ev("detector", "backoff", "StrongAccuracy", "violated")}},
	{"C11", "4.2 Alg 4.1", "heartbeats with suspicion and exponential backoff", "holds under assumptions (partial synchrony)", []evidence{
		ev("detector-spec", "MCDetectorPartialSync", "EventualAccuracy", "holds"),
		ev("detector-spec", "MCDetectorPartialSync", "StrongCompleteness", "holds"),
		ev("detector-spec", "MCDetectorNoBackoff", "EventualAccuracy", "violated")}},
	{"C12", "4.1 Thm 4.2", "reliable message delivery is impossible when messages can be lost", "refuted for eventual delivery (retransmission + de-duplication); agreement with certainty in bounded messages is impossible (two generals)", []evidence{
		ev("link", "correct", "AllDelivered", "holds"),
		ev("link", "correct", "AtMostOnce", "holds"),
		ev("link", "send-once", "AllDelivered", "violated"),
		ev("generals", "handshake", "Agreement", "violated")}},
	{"C13", "5.1 Def 5.2", "consistent hashing is balanced and monotone", "monotone; balanced only with virtual nodes (measured)", []evidence{
		measured("hashing", judgeHashing)}},
	{"C14", "5.2 Alg 5.1, Thm 5.1", "Chord lookup takes O(log n) hops", "holds on stable rings with correct fingers (measured: about ½ log2 n)", []evidence{
		measured("chord-hops", judgeHops)}},
	{"C15", "5.2", "Chord's ring stays correct as nodes join and fail", "refuted for the original protocol; Zave's corrected protocol keeps one ordered ring", []evidence{
		ev("chord-spec", "MCChordNoRing", "AtLeastOneRing", "violated"),
		ev("chord-spec", "MCChordTwoRings", "AtMostOneRing", "violated"),
		ev("chord-spec", "MCChordDetached", "ConnectedAppendages", "violated"),
		ev("chord-spec", "OriginalUnordered", "OrderedRing", "violated"),
		ev("chord-spec", "MCChordCorrect", "OrderedRing", "holds"),
		ev("chord-spec", "MCChordLive", "EventuallyIdeal", "holds"),
		ev("chord", "corrected", "Conformance", "holds"),
		ev("chord", "original", "AtLeastOneRing", "violated"),
		ev("chord", "original", "AtMostOneRing", "violated"),
		ev("chord", "original", "ConnectedAppendages", "violated"),
		ev("chord", "corrected", "OrderedRing", "holds"),
		ev("chord", "corrected", "ConnectedAppendages", "holds")}},
	{"C16", "3.1 DistributedStorage", "replication factor 3 keeps a file available", "refuted for the seed's design (replicas under other keys); successor-list replication survives r-1 failures between repairs", []evidence{
		ev("ringstore", "seed", "NoAckedWriteLost", "violated"),
		ev("ringstore", "correct", "NoAckedWriteLost", "holds"),
		ev("ringstore", "r-failures", "NoAckedWriteLost", "violated")}},
	{"C17", "3.2 DistributedComputing", "submitted tasks run on active nodes and complete", "holds under assumptions (a complete detector, one worker up)", []evidence{
		ev("sched", "correct", "AllComplete", "holds"),
		ev("sched", "correct", "EffectOnce", "holds"),
		ev("sched", "no-reassign", "AllComplete", "violated")}},
	{"C18", "2.5 SystemMonitor", "metrics and alerts", "reported by explore monitor", nil},
	{"C19", "seed code", "the seed's Python code works", "refuted (docs/seed-code.md)", nil},
}

type claimRow struct {
	claim
	results []string
	ok      bool
	unknown bool // some evidence was undecided within the budget
}

// errUndecided marks evidence whose check ran out of budget: its verdict
// is unknown, which supports nothing and refutes nothing.
var errUndecided = errors.New("undecided within the budget")

// runClaims re-derives every verdict; each check gets at most budget. It
// writes a line per claim to progress (nil: none), since the whole ledger
// takes a while.
func runClaims(budget time.Duration, progress io.Writer) ([]claimRow, error) {
	var rows []claimRow
	start := time.Now()
	for i, c := range ledger {
		if progress != nil {
			fmt.Fprintf(progress, "claims: %s (%d of %d, %s of evidence), %.0fs so far\n", c.id, i+1, len(ledger), cli.Plural(len(c.evidence), "piece", "pieces"), time.Since(start).Seconds())
		}
		row := claimRow{claim: c, ok: true}
		for _, e := range c.evidence {
			found, ok, err := e(budget)
			mark := "✓"
			switch {
			case errors.Is(err, errUndecided):
				mark, row.unknown = "?", true
			case err != nil:
				return nil, fmt.Errorf("%s: %w", c.id, err)
			case !ok:
				mark, row.ok = "✗", false
			}
			row.results = append(row.results, mark+" "+found)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func renderClaims(w io.Writer, rows []claimRow, markdown bool) {
	if markdown {
		fmt.Fprintln(w, "| id | seed section | claim | verdict | evidence (re-run by `explore claims`) |")
		fmt.Fprintln(w, "|---|---|---|---|---|")
	}
	for _, r := range rows {
		evidence := strings.Join(r.results, "; ")
		if evidence == "" {
			evidence = "-"
		}
		if markdown {
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", r.id, r.section, r.text, r.verdict, evidence)
		} else {
			fmt.Fprintf(w, "%-4s %-45s %s\n     %s\n", r.id, r.verdict, r.text, strings.ReplaceAll(evidence, "; ", "\n     "))
		}
	}
}

func runClaimsCmd(args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("claims", flag.ContinueOnError)
	markdown := fs.Bool("markdown", false, "print a Markdown table (the one in README.md)")
	asJSON := fs.Bool("json", false, "print the ledger as JSON")
	budget := fs.Duration("budget", 60*time.Second, "time limit of each check (a check that runs out is undecided: exit 3)")
	quiet := fs.Bool("quiet", false, "no progress lines on stderr")
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		flagHelp(fs, stdout, "claims [-markdown | -json] [-budget D]")
		return exitHolds, nil
	}
	if err != nil {
		return exitUsage, err
	}
	if len(pos) > 0 {
		return exitUsage, usagef("claims takes no arguments")
	}
	if *budget < 0 {
		return exitUsage, usagef("-budget must not be negative")
	}
	var progress io.Writer = stderr
	if *quiet {
		progress = nil
	}
	rows, err := runClaims(*budget, progress)
	if err != nil {
		return exitUsage, err
	}
	if *asJSON {
		type jsonRow struct {
			ID       string   `json:"id"`
			Section  string   `json:"section"`
			Claim    string   `json:"claim"`
			Verdict  string   `json:"verdict"`
			Evidence []string `json:"evidence"`
			OK       bool     `json:"ok"`
		}
		out := make([]jsonRow, len(rows))
		for i, r := range rows {
			out[i] = jsonRow{r.id, r.section, r.text, r.verdict, r.results, r.ok}
		}
		if err := writeJSON(stdout, out); err != nil {
			return exitUsage, err
		}
	} else {
		renderClaims(stdout, rows, *markdown)
	}
	undecided := 0
	for _, r := range rows {
		if !r.ok {
			return exitViolated, fmt.Errorf("%s: the evidence no longer supports the recorded verdict %q", r.id, r.verdict)
		}
		if r.unknown {
			undecided++
		}
	}
	if undecided > 0 {
		fmt.Fprintf(stderr, "explore claims: %s undecided within -budget %v (marked ?): raise it\n", cli.Plural(undecided, "claim", "claims"), *budget)
		return exitUnknown, nil
	}
	return exitHolds, nil
}
