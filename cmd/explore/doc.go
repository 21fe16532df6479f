// Command explore is distcheck's command line: it lists the registered
// systems, checks them exhaustively (BFS or DFS) or by seeded simulation,
// saves counterexamples to the corpus (with porcupine's visualization
// beside a non-linearizable history), replays and shrinks saved ones,
// renders them as HTML pages, serves a web explorer on localhost,
// checks recorded client histories for linearizability, prints measured
// tables and charts (latency, availability in a partition, Chord hops,
// hashing balance), re-derives the claims ledger and prints the results table.
//
// Exit codes: 0 every property holds (within the bounds), 1 a violation
// (or, for replay, an outcome that no longer reproduces; for lin, a
// history that is not linearizable), 2 a usage or input error, 3 unknown
// (a bound or time limit stopped the search).
//
//	explore list
//	explore check raft -variant vote-not-persisted -save corpora
//	explore simulate raft -seed 1 -walks 1000 -depth 40
//	explore replay corpora/raft/*.txt
//	explore shrink FILE -w
//	explore check raft -variant vote-not-persisted -html vnp.html
//	explore report corpora/raft/vote-not-persisted-ElectionSafety.txt -o vnp.html
//	explore serve raft -variant vote-not-persisted -port 8321
//	explore lin history.jsonl -html out.html
//	explore measure pacelc
//	explore measure chord-hops -svg hops.svg
//	explore claims -json
//	explore results -markdown
package main
