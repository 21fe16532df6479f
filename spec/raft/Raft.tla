-------------------------------- MODULE Raft --------------------------------
(***************************************************************************)
(* Raft's leader election and log replication (Ongaro and Ousterhout,     *)
(* "In Search of an Understandable Consensus Algorithm", 2014; Ongaro's   *)
(* thesis, 2014), written so that the state space of a three-server model *)
(* is small enough to check exhaustively in seconds.                       *)
(*                                                                         *)
(* Choices, each of which keeps the model small without hiding a fault:   *)
(*                                                                         *)
(* - The network is the set msgs of every message ever sent. A message is *)
(*   received any number of times (duplication), in any order             *)
(*   (reordering), or never (loss), so no explicit drop or duplicate      *)
(*   action is needed: receiving never removes a message.                 *)
(* - A handler is one atomic step, as in the implementation: a message    *)
(*   with a newer term first makes the receiver a follower of that term,  *)
(*   then is handled; a candidate that receives its deciding vote becomes *)
(*   leader in the same step; a leader advances its commit index when an  *)
(*   acknowledgement arrives.                                             *)
(* - A leader may send AppendEntries from any prevIndex. Real leaders     *)
(*   choose it with nextIndex; every such choice is one of these steps,   *)
(*   so nextIndex is left to the implementation and out of the state.     *)
(* - Restart(i) is a crash followed by a recovery: the durable state      *)
(*   (currentTerm, votedFor, log) survives, the rest is reset.            *)
(* - Terms and log lengths are bounded by MaxTerm and MaxLogLen in the    *)
(*   guards of Timeout and ClientRequest, not by a state constraint.      *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

CONSTANTS
    Server,     \* the servers
    Value,      \* values clients propose
    MaxTerm,    \* no server times out at this term
    MaxLogLen,  \* leaders accept no request once their log is this long
    Nil         \* "voted for nobody"

VARIABLES
    currentTerm,   \* durable: latest term the server has seen
    role,          \* "Follower", "Candidate" or "Leader"
    votedFor,      \* durable: candidate voted for in currentTerm, or Nil
    log,           \* durable: sequence of [term, value]
    commitIndex,   \* highest index known to be committed
    votesGranted,  \* candidate only: servers that voted for it; {} otherwise
    matchIndex,    \* leader only: highest index known replicated per server; 0s otherwise
    msgs           \* every message sent so far

vars == <<currentTerm, role, votedFor, log, commitIndex, votesGranted, matchIndex, msgs>>

Quorum == {Q \in SUBSET Server : Cardinality(Q) * 2 > Cardinality(Server)}
Zero == [t \in Server |-> 0]
Min(a, b) == IF a < b THEN a ELSE b
Max(a, b) == IF a > b THEN a ELSE b
MaxOf(S) == CHOOSE n \in S : \A k \in S : n >= k
LastTerm(l) == IF Len(l) = 0 THEN 0 ELSE l[Len(l)].term

Init ==
    /\ currentTerm = [s \in Server |-> 0]
    /\ role = [s \in Server |-> "Follower"]
    /\ votedFor = [s \in Server |-> Nil]
    /\ log = [s \in Server |-> << >>]
    /\ commitIndex = [s \in Server |-> 0]
    /\ votesGranted = [s \in Server |-> {}]
    /\ matchIndex = [s \in Server |-> Zero]
    /\ msgs = {}

(* The highest index a leader i of term t may commit given match indexes   *)
(* mi: a quorum stores it, and it is an entry of the leader's own term     *)
(* (Raft §5.4.2: earlier terms' entries are committed only indirectly).   *)
CommitTo(i, t, mi) ==
    LET ok == {n \in (commitIndex[i] + 1)..Len(log[i]) :
                  /\ log[i][n].term = t
                  /\ ({i} \cup {k \in Server : mi[k] >= n}) \in Quorum}
    IN IF ok = {} THEN commitIndex[i] ELSE MaxOf(ok)

(* Server i's election timer fires: it starts an election in a new term   *)
(* and asks every other server for its vote.                               *)
Timeout(i) ==
    /\ role[i] \in {"Follower", "Candidate"}
    /\ currentTerm[i] < MaxTerm
    /\ currentTerm' = [currentTerm EXCEPT ![i] = @ + 1]
    /\ role' = [role EXCEPT ![i] = IF {i} \in Quorum THEN "Leader" ELSE "Candidate"]
    /\ votedFor' = [votedFor EXCEPT ![i] = i]
    /\ votesGranted' = [votesGranted EXCEPT ![i] = IF {i} \in Quorum THEN {} ELSE {i}]
    /\ msgs' = msgs \cup {[type |-> "RV", term |-> currentTerm[i] + 1, src |-> i, dst |-> j,
                           lastLogTerm |-> LastTerm(log[i]), lastLogIndex |-> Len(log[i])]
                          : j \in Server \ {i}}
    /\ UNCHANGED <<log, commitIndex, matchIndex>>

(* Server i crashes and recovers with only its durable state.             *)
Restart(i) ==
    /\ role' = [role EXCEPT ![i] = "Follower"]
    /\ votesGranted' = [votesGranted EXCEPT ![i] = {}]
    /\ matchIndex' = [matchIndex EXCEPT ![i] = Zero]
    /\ commitIndex' = [commitIndex EXCEPT ![i] = 0]
    /\ UNCHANGED <<currentTerm, votedFor, log, msgs>>

(* Leader i accepts value v from a client and appends it to its log.      *)
ClientRequest(i, v) ==
    /\ role[i] = "Leader"
    /\ Len(log[i]) < MaxLogLen
    /\ log' = [log EXCEPT ![i] = Append(@, [term |-> currentTerm[i], value |-> v])]
    /\ commitIndex' = [commitIndex EXCEPT ![i] =
                          LET l == Append(log[i], [term |-> currentTerm[i], value |-> v])
                              ok == {n \in (commitIndex[i] + 1)..Len(l) :
                                        /\ l[n].term = currentTerm[i]
                                        /\ ({i} \cup {k \in Server : matchIndex[i][k] >= n}) \in Quorum}
                          IN IF ok = {} THEN commitIndex[i] ELSE MaxOf(ok)]
    /\ UNCHANGED <<currentTerm, role, votedFor, votesGranted, matchIndex, msgs>>

(* Leader i sends j the entries after prevIndex, with its commit index.   *)
AppendEntries(i, j, prev) ==
    /\ role[i] = "Leader"
    /\ msgs' = msgs \cup {[type |-> "AE", term |-> currentTerm[i], src |-> i, dst |-> j,
                           prevIndex |-> prev,
                           prevTerm |-> IF prev = 0 THEN 0 ELSE log[i][prev].term,
                           entries |-> SubSeq(log[i], prev + 1, Len(log[i])),
                           commit |-> commitIndex[i]]}
    /\ UNCHANGED <<currentTerm, role, votedFor, log, commitIndex, votesGranted, matchIndex>>

(* Receiving m at i first adopts a newer term: these are i's variables    *)
(* after that step-down, before the message itself is handled.            *)
Newer(i, m) == m.term > currentTerm[i]
TermAfter(i, m) == IF Newer(i, m) THEN m.term ELSE currentTerm[i]
RoleAfter(i, m) == IF Newer(i, m) THEN "Follower" ELSE role[i]
VoteAfter(i, m) == IF Newer(i, m) THEN Nil ELSE votedFor[i]
GrantedAfter(i, m) == IF Newer(i, m) THEN {} ELSE votesGranted[i]
MatchAfter(i, m) == IF Newer(i, m) THEN Zero ELSE matchIndex[i]

(* RequestVote: grant when the terms agree, i has not voted for another   *)
(* candidate in this term, and the candidate's log is at least as         *)
(* up to date as i's (Raft §5.4.1).                                        *)
HandleRequestVote(m) ==
    LET i == m.dst
        j == m.src
        logOk == \/ m.lastLogTerm > LastTerm(log[i])
                 \/ /\ m.lastLogTerm = LastTerm(log[i])
                    /\ m.lastLogIndex >= Len(log[i])
        grant == /\ m.term = TermAfter(i, m)
                 /\ VoteAfter(i, m) \in {Nil, j}
                 /\ logOk
    IN /\ m.type = "RV"
       /\ currentTerm' = [currentTerm EXCEPT ![i] = TermAfter(i, m)]
       /\ role' = [role EXCEPT ![i] = RoleAfter(i, m)]
       /\ votedFor' = [votedFor EXCEPT ![i] = IF grant THEN j ELSE VoteAfter(i, m)]
       /\ votesGranted' = [votesGranted EXCEPT ![i] = GrantedAfter(i, m)]
       /\ matchIndex' = [matchIndex EXCEPT ![i] = MatchAfter(i, m)]
       /\ msgs' = msgs \cup {[type |-> "RVR", term |-> TermAfter(i, m), src |-> i, dst |-> j,
                              granted |-> grant]}
       /\ UNCHANGED <<log, commitIndex>>

(* A vote for candidate i in its current term; a quorum makes it leader.  *)
HandleRequestVoteResponse(m) ==
    LET i == m.dst
        j == m.src
        counts == m.term = TermAfter(i, m) /\ RoleAfter(i, m) = "Candidate" /\ m.granted
        g == IF counts THEN GrantedAfter(i, m) \cup {j} ELSE GrantedAfter(i, m)
        win == RoleAfter(i, m) = "Candidate" /\ g \in Quorum
    IN /\ m.type = "RVR"
       /\ currentTerm' = [currentTerm EXCEPT ![i] = TermAfter(i, m)]
       /\ role' = [role EXCEPT ![i] = IF win THEN "Leader" ELSE RoleAfter(i, m)]
       /\ votedFor' = [votedFor EXCEPT ![i] = VoteAfter(i, m)]
       /\ votesGranted' = [votesGranted EXCEPT ![i] = IF win THEN {} ELSE g]
       /\ matchIndex' = [matchIndex EXCEPT ![i] = IF win THEN Zero ELSE MatchAfter(i, m)]
       /\ UNCHANGED <<log, commitIndex, msgs>>

(* Raft's rule for appending: entries that agree with the log are kept,   *)
(* the log is cut at the first entry whose term conflicts, and new        *)
(* entries are appended. A stale, shorter message never truncates.        *)
Conflicts(l, prev, es) == {k \in 1..Len(es) : prev + k <= Len(l) /\ l[prev + k].term /= es[k].term}
Merge(l, prev, es) ==
    IF Conflicts(l, prev, es) /= {}
    THEN LET k == CHOOSE c \in Conflicts(l, prev, es) : \A d \in Conflicts(l, prev, es) : c <= d
         IN SubSeq(l, 1, prev + k - 1) \o SubSeq(es, k, Len(es))
    ELSE IF Len(l) >= prev + Len(es) THEN l
         ELSE l \o SubSeq(es, Len(l) - prev + 1, Len(es))

(* AppendEntries from the leader of i's term: i becomes (or stays) its    *)
(* follower; when its log holds prevIndex with prevTerm, it merges the    *)
(* entries and learns the commit index (Raft §5.3).                       *)
HandleAppendEntries(m) ==
    LET i == m.dst
        j == m.src
        current == m.term = TermAfter(i, m)
        logOk == \/ m.prevIndex = 0
                 \/ /\ m.prevIndex <= Len(log[i])
                    /\ log[i][m.prevIndex].term = m.prevTerm
        ok == current /\ logOk
        last == m.prevIndex + Len(m.entries)
    IN /\ m.type = "AE"
       /\ currentTerm' = [currentTerm EXCEPT ![i] = TermAfter(i, m)]
       /\ role' = [role EXCEPT ![i] = IF current THEN "Follower" ELSE RoleAfter(i, m)]
       /\ votedFor' = [votedFor EXCEPT ![i] = VoteAfter(i, m)]
       /\ votesGranted' = [votesGranted EXCEPT ![i] = IF current THEN {} ELSE GrantedAfter(i, m)]
       /\ matchIndex' = [matchIndex EXCEPT ![i] = IF current THEN Zero ELSE MatchAfter(i, m)]
       /\ log' = IF ok THEN [log EXCEPT ![i] = Merge(log[i], m.prevIndex, m.entries)] ELSE log
       /\ commitIndex' = IF ok THEN [commitIndex EXCEPT ![i] = Max(@, Min(m.commit, last))]
                         ELSE commitIndex
       /\ msgs' = msgs \cup {[type |-> "AER", term |-> TermAfter(i, m), src |-> i, dst |-> j,
                              success |-> ok, matchIndex |-> IF ok THEN last ELSE 0]}

(* A successful acknowledgement raises leader i's match index for j,      *)
(* which may let it commit more of its log.                               *)
HandleAppendEntriesResponse(m) ==
    LET i == m.dst
        j == m.src
        counts == m.term = TermAfter(i, m) /\ RoleAfter(i, m) = "Leader" /\ m.success
        mi == IF counts THEN [MatchAfter(i, m) EXCEPT ![j] = Max(@, m.matchIndex)]
              ELSE MatchAfter(i, m)
    IN /\ m.type = "AER"
       /\ currentTerm' = [currentTerm EXCEPT ![i] = TermAfter(i, m)]
       /\ role' = [role EXCEPT ![i] = RoleAfter(i, m)]
       /\ votedFor' = [votedFor EXCEPT ![i] = VoteAfter(i, m)]
       /\ votesGranted' = [votesGranted EXCEPT ![i] = GrantedAfter(i, m)]
       /\ matchIndex' = [matchIndex EXCEPT ![i] = mi]
       /\ commitIndex' = [commitIndex EXCEPT ![i] = IF counts THEN CommitTo(i, TermAfter(i, m), mi) ELSE @]
       /\ UNCHANGED <<log, msgs>>

Receive(m) ==
    \/ HandleRequestVote(m)
    \/ HandleRequestVoteResponse(m)
    \/ HandleAppendEntries(m)
    \/ HandleAppendEntriesResponse(m)

Next ==
    \/ \E i \in Server : Timeout(i)
    \/ \E i \in Server : Restart(i)
    \/ \E i \in Server, v \in Value : ClientRequest(i, v)
    \/ \E i, j \in Server : i /= j /\ \E prev \in 0..Len(log[i]) : AppendEntries(i, j, prev)
    \/ \E m \in msgs : Receive(m)

Spec == Init /\ [][Next]_vars

(* Servers are interchangeable: no definition names or orders them, so a  *)
(* model may declare SYMMETRY Perms (MCRaftSym.cfg) to check one state of *)
(* each orbit under server renaming.                                      *)
Perms == Permutations(Server)

-----------------------------------------------------------------------------
(* Safety properties (Raft paper, Figure 3), one definition each so that  *)
(* TLC names the clause that fails.                                       *)

(* At most one leader per term.                                           *)
ElectionSafety ==
    \A i, j \in Server :
        (role[i] = "Leader" /\ role[j] = "Leader" /\ currentTerm[i] = currentTerm[j]) => i = j

(* Two logs with an entry of the same term at the same index agree up to  *)
(* that index.                                                            *)
LogMatching ==
    \A i, j \in Server : \A n \in 1..Min(Len(log[i]), Len(log[j])) :
        log[i][n].term = log[j][n].term => SubSeq(log[i], 1, n) = SubSeq(log[j], 1, n)

(* A leader holds every entry committed in its term or earlier: whatever  *)
(* server i knows committed was committed in a term <= currentTerm[i], so *)
(* every leader whose term is at least currentTerm[i] must store it.      *)
LeaderCompleteness ==
    \A l, i \in Server :
        (role[l] = "Leader" /\ currentTerm[l] >= currentTerm[i]) =>
            \A n \in 1..commitIndex[i] : n <= Len(log[l]) /\ log[l][n] = log[i][n]

(* No two servers commit different entries at the same index.             *)
StateMachineSafety ==
    \A i, j \in Server : \A n \in 1..Min(commitIndex[i], commitIndex[j]) : log[i][n] = log[j][n]

(* Shape of the state, and the role-only variables empty outside their role. *)
TypeOK ==
    /\ \A i \in Server :
        /\ currentTerm[i] \in 0..MaxTerm
        /\ role[i] \in {"Follower", "Candidate", "Leader"}
        /\ votedFor[i] \in Server \cup {Nil}
        /\ Len(log[i]) <= MaxLogLen
        /\ commitIndex[i] \in 0..Len(log[i])
        /\ role[i] /= "Candidate" => votesGranted[i] = {}
        /\ role[i] /= "Leader" => matchIndex[i] = Zero

=============================================================================
