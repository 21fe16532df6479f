------------------------------- MODULE Quorum -------------------------------
(***************************************************************************)
(* Claim C3 (the seed's Definition 1.5 and Theorem 4.1): tolerating f      *)
(* crash faults needs n >= 2f + 1 nodes. The essence of every majority     *)
(* protocol (a Paxos ballot, a Raft election) is a vote: each node votes   *)
(* once, for one candidate, and a candidate that gathers Q votes wins. Two *)
(* requirements pull Q in opposite directions:                             *)
(*                                                                         *)
(* - safety: two candidates must never both win, so any two quorums must  *)
(*   intersect: 2Q > n;                                                    *)
(* - liveness: with f nodes crashed, the n - f others must still be able   *)
(*   to form a quorum: Q <= n - f.                                         *)
(*                                                                         *)
(* Both hold for some Q exactly when n >= 2f + 1. With n = 2f, a quorum    *)
(* of f nodes lets two disjoint groups elect two winners (MCQuorumSplit),  *)
(* and a quorum of f + 1 is out of reach once f nodes crash                *)
(* (MCQuorumBlocked); with n = 2f + 1 and Q = f + 1 neither happens        *)
(* (MCQuorumSafe, MCQuorumLive).                                           *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, TLC

CONSTANTS
    Node,       \* the nodes
    Candidate,  \* the candidates (values, leaders) nodes vote for
    Q,          \* the quorum size: votes a candidate needs to win
    F,          \* at most F nodes crash
    None        \* "has not voted"

VARIABLES
    vote,     \* vote[n]: the candidate n voted for, or None; a vote is never taken back
    crashed   \* the nodes that have crashed (a crashed node's earlier vote still counts)

vars == <<vote, crashed>>

Init ==
    /\ vote = [n \in Node |-> None]
    /\ crashed = {}

(* A live node that has not voted votes for candidate c. *)
Vote(n, c) ==
    /\ n \notin crashed
    /\ vote[n] = None
    /\ vote' = [vote EXCEPT ![n] = c]
    /\ UNCHANGED crashed

(* Node n crashes, if fewer than F have. *)
Crash(n) ==
    /\ n \notin crashed
    /\ Cardinality(crashed) < F
    /\ crashed' = crashed \cup {n}
    /\ UNCHANGED vote

Next == \E n \in Node : (\E c \in Candidate : Vote(n, c)) \/ Crash(n)

Spec == Init /\ [][Next]_vars

(* Nodes are interchangeable, so a safety model may declare SYMMETRY Perms *)
(* (MCQuorumSafeSym.cfg, MCQuorumSplitSym.cfg).                            *)
Perms == Permutations(Node)

(* Every live node eventually votes (weak fairness per node). Crashes are  *)
(* never required.                                                         *)
LiveSpec == Spec /\ \A n \in Node : WF_vars(\E c \in Candidate : Vote(n, c))

-----------------------------------------------------------------------------
Votes(c) == {n \in Node : vote[n] = c}
Wins(c) == Cardinality(Votes(c)) >= Q

TypeOK ==
    /\ vote \in [Node -> Candidate \cup {None}]
    /\ crashed \subseteq Node
    /\ Cardinality(crashed) <= F

(* Safety: at most one candidate wins. *)
AtMostOneWinner == \A c, d \in Candidate : Wins(c) /\ Wins(d) => c = d

(* Liveness: some candidate eventually wins. *)
EventuallyDecided == <>(\E c \in Candidate : Wins(c))
=============================================================================
