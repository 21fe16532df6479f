------------------------------- MODULE Paxos --------------------------------
(***************************************************************************)
(* Single-decree Paxos (Lamport, "The Part-Time Parliament", 1998, and     *)
(* "Paxos Made Simple", 2001), after Lamport's Paxos.tla in the            *)
(* tlaplus/Examples repository: the acceptors' variables maxBal, maxVBal   *)
(* and maxVal, the actions Phase1a, Phase1b, Phase2a and Phase2b, and the  *)
(* set msgs of every message ever sent. A message is never removed, so it  *)
(* may be received any number of times, in any order, or never: loss,      *)
(* duplication and reordering need no actions of their own.                *)
(*                                                                         *)
(* Lamport's spec leaves proposers implicit ("the leader of ballot b").    *)
(* This one adds what liveness needs and nothing more: NumProposers        *)
(* proposers, proposer p owning the ballots b with b % NumProposers = p    *)
(* and using them in increasing order (p, p + NumProposers, ...), and one  *)
(* variable per proposer, the ballot of its current round.                 *)
(*                                                                         *)
(* Ballots are bounded by MaxBallot in the guards of the actions that      *)
(* begin a ballot, not by a state constraint, so TLC and the Go twin in    *)
(* this folder count exactly the same reachable states.                    *)
(*                                                                         *)
(* Liveness and the bound. Paxos Made Simple, section 2.4: two proposers   *)
(* can each keep issuing proposals with increasing numbers, each one       *)
(* preempting the other's before it is chosen, so no value is ever chosen  *)
(* (by FLP no deterministic asynchronous protocol escapes this); a single  *)
(* distinguished proposer guarantees progress. In the unbounded protocol   *)
(* that duel is an infinite behaviour. With finitely many ballots it must  *)
(* end: the owner of the highest ballot is preempted by nobody and, under  *)
(* fairness, gets its value chosen. The spec therefore lets a proposer     *)
(* that still leads at the bound, while another proposer competes, give    *)
(* its round up (GiveUp): that step stands for the preemption by the       *)
(* competitor's next, higher ballot, which the bound cuts off. A lone      *)
(* proposer never gives up, so with one proposer (MCPaxosLeader.cfg) a     *)
(* value is eventually chosen, while with two (MCPaxosDuel.cfg) TLC finds  *)
(* the duel: each proposer begins all its ballots in turn, every one       *)
(* preempted by a higher one, the leader of the highest gives up, and the  *)
(* behaviour stutters with nothing chosen.                                 *)
(***************************************************************************)
EXTENDS Integers, FiniteSets, TLC

CONSTANTS
    Acceptor,       \* the acceptors
    Value,          \* the values that may be proposed
    NumProposers,   \* the proposers are 0 .. NumProposers - 1
    MaxBallot,      \* the ballots are 0 .. MaxBallot
    None            \* "no value": maxVal of an acceptor that has not voted

ASSUME /\ NumProposers \in Nat \ {0}
       /\ MaxBallot \in Nat
       /\ None \notin Value

(* The ballots, the proposers, and the owner of a ballot. *)
Ballot == 0 .. MaxBallot
Proposer == 0 .. (NumProposers - 1)
Owner(b) == b % NumProposers

(* A quorum is a majority of the acceptors; any two quorums intersect. *)
Quorum == {Q \in SUBSET Acceptor : Cardinality(Q) * 2 > Cardinality(Acceptor)}

(* Every message that can be sent; the actions below explain each type. *)
Message ==
         [type : {"1a"}, bal : Ballot]
    \cup [type : {"1b"}, acc : Acceptor, bal : Ballot,
          mbal : Ballot \cup {-1}, mval : Value \cup {None}]
    \cup [type : {"2a"}, bal : Ballot, val : Value]
    \cup [type : {"2b"}, acc : Acceptor, bal : Ballot, val : Value]

VARIABLES
    maxBal,    \* maxBal[a]: the highest ballot acceptor a has taken part in; -1 at first
    maxVBal,   \* <<maxVBal[a], maxVal[a]>>: a's vote in the highest ballot it voted in,
    maxVal,    \*   <<-1, None>> if it has not voted
    msgs,      \* every message sent so far
    pBal       \* pBal[p]: the ballot of proposer p's current round; -1 before its first,
               \*   above MaxBallot once it has given up (see GiveUp)

vars == <<maxBal, maxVBal, maxVal, msgs, pBal>>

(* The shape of the state. *)
TypeOK ==
    /\ maxBal \in [Acceptor -> Ballot \cup {-1}]
    /\ maxVBal \in [Acceptor -> Ballot \cup {-1}]
    /\ maxVal \in [Acceptor -> Value \cup {None}]
    /\ msgs \subseteq Message
    /\ pBal \in [Proposer -> -1 .. (MaxBallot + NumProposers)]

(* Nobody has taken part in any ballot and no message has been sent. *)
Init ==
    /\ maxBal = [a \in Acceptor |-> -1]
    /\ maxVBal = [a \in Acceptor |-> -1]
    /\ maxVal = [a \in Acceptor |-> None]
    /\ msgs = {}
    /\ pBal = [p \in Proposer |-> -1]

(* Sending adds a message to msgs. *)
Send(m) == msgs' = msgs \cup {m}

(* The ballot proposer p begins next: its first, or the one after its      *)
(* current one. It may be above MaxBallot; then p cannot begin it.         *)
NextBallot(p) == IF pBal[p] = -1 THEN p ELSE pBal[p] + NumProposers

(* Proposer p leads: its current round is under way and no message of a    *)
(* higher ballot has been sent, so as far as p can know the round may      *)
(* still succeed. (Written without \/ and \E at the top, like the other    *)
(* guards, so that TLC generates one successor per step.)                  *)
Leading(p) ==
    /\ pBal[p] \in Ballot
    /\ \A m \in msgs : m.bal <= pBal[p]

-----------------------------------------------------------------------------
(* Phase1a(b): the owner of ballot b begins it, sending a phase 1a message *)
(* (a prepare request). b must be the owner's next ballot, and the owner   *)
(* must not be leading: it has not begun a round yet, or a higher ballot   *)
(* has preempted its current one. This is the step fairness demands of     *)
(* proposers: one that has been preempted tries again, higher.             *)
Phase1a(b) ==
    LET p == Owner(b) IN
    /\ b = NextBallot(p)
    /\ ~ Leading(p)
    /\ pBal' = [pBal EXCEPT ![p] = b]
    /\ Send([type |-> "1a", bal |-> b])
    /\ UNCHANGED <<maxBal, maxVBal, maxVal>>

(* Timeout(p): proposer p's timer fires while it still leads, and it       *)
(* begins its next ballot all the same. In an asynchronous system a slow   *)
(* round cannot be told from a failed one, so this may happen at any       *)
(* moment; no fairness condition asks for it. That a proposer has only     *)
(* finitely many ballots is what "eventually timely" means in this model:  *)
(* premature timeouts stop.                                                *)
Timeout(p) ==
    /\ Leading(p)
    /\ NextBallot(p) \in Ballot
    /\ pBal' = [pBal EXCEPT ![p] = NextBallot(p)]
    /\ Send([type |-> "1a", bal |-> NextBallot(p)])
    /\ UNCHANGED <<maxBal, maxVBal, maxVal>>

(* GiveUp(p): proposer p leads but has no ballot left, and another         *)
(* proposer competes. In the unbounded protocol the competitor, preempted  *)
(* by p's ballot, would try again with a higher one and preempt p in turn; *)
(* the bound cuts that ballot off, so this step gives p's round up in its  *)
(* place. p moves past MaxBallot and takes no further part. A proposer     *)
(* without competition never gives up.                                     *)
GiveUp(p) ==
    /\ Leading(p)
    /\ NextBallot(p) \notin Ballot
    /\ {q \in Proposer : q # p /\ pBal[q] # -1} # {}
    /\ pBal' = [pBal EXCEPT ![p] = NextBallot(p)]
    /\ UNCHANGED <<maxBal, maxVBal, maxVal, msgs>>

(* Phase1b(a): acceptor a receives a phase 1a message of a ballot higher   *)
(* than any it has taken part in. It promises to take part in no lower     *)
(* ballot (maxBal) and answers with a phase 1b message reporting its       *)
(* latest vote.                                                            *)
Phase1b(a) ==
    /\ \E m \in msgs :
          /\ m.type = "1a"
          /\ m.bal > maxBal[a]
          /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
          /\ Send([type |-> "1b", acc |-> a, bal |-> m.bal,
                   mbal |-> maxVBal[a], mval |-> maxVal[a]])
    /\ UNCHANGED <<maxVBal, maxVal, pBal>>

(* The values the leader of ballot b can show safe from the phase 1b       *)
(* messages of b: there is a quorum Q whose acceptors have all answered,   *)
(* and either none of them reports a vote, so any value is safe, or v is   *)
(* the value of the highest-ballot vote they report. This is the heart of  *)
(* the algorithm (Paxos Made Simple, P2c).                                 *)
ProvedSafe(b) ==
    {v \in Value :
        \E Q \in Quorum :
            LET Q1b == {m \in msgs : m.type = "1b" /\ m.acc \in Q /\ m.bal = b}
                Q1bv == {m \in Q1b : m.mbal >= 0}
            IN  /\ \A a \in Q : \E m \in Q1b : m.acc = a
                /\ \/ Q1bv = {}
                   \/ \E m \in Q1bv :
                         /\ m.mval = v
                         /\ \A mm \in Q1bv : m.mbal >= mm.mbal}

(* Phase2a(b, v): the owner of ballot b, whose current round is b, has     *)
(* not yet proposed in b and can show v safe; it proposes v, sending a     *)
(* phase 2a message (an accept request). A proposer proposes at most once  *)
(* per ballot, so no two proposals of one ballot differ.                   *)
Phase2a(b, v) ==
    /\ pBal[Owner(b)] = b
    /\ ~ \E m \in msgs : m.type = "2a" /\ m.bal = b
    /\ v \in ProvedSafe(b)
    /\ Send([type |-> "2a", bal |-> b, val |-> v])
    /\ UNCHANGED <<maxBal, maxVBal, maxVal, pBal>>

(* Phase2b(a): acceptor a receives a proposal of a ballot it has not       *)
(* promised to ignore (no lower than maxBal[a]) and votes for it, sending  *)
(* a phase 2b message (it has accepted the proposal).                      *)
Phase2b(a) ==
    /\ \E m \in msgs :
          /\ m.type = "2a"
          /\ m.bal >= maxBal[a]
          /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
          /\ maxVBal' = [maxVBal EXCEPT ![a] = m.bal]
          /\ maxVal' = [maxVal EXCEPT ![a] = m.val]
          /\ Send([type |-> "2b", acc |-> a, bal |-> m.bal, val |-> m.val])
    /\ UNCHANGED pBal

Next ==
    \/ \E b \in Ballot : Phase1a(b)
    \/ \E p \in Proposer : Timeout(p) \/ GiveUp(p)
    \/ \E a \in Acceptor : Phase1b(a) \/ Phase2b(a)
    \/ \E b \in Ballot, v \in Value : Phase2a(b, v)

Spec == Init /\ [][Next]_vars

(* Acceptors are interchangeable (quorums are the majorities), so a model *)
(* may declare SYMMETRY Perms (MCPaxosSym.cfg).                            *)
Perms == Permutations(Acceptor)

-----------------------------------------------------------------------------
(* Fairness. Every proposer that is not leading eventually begins its next *)
(* ballot, if it has one; every proposer eventually proposes once it can;  *)
(* every acceptor eventually handles a message it can act on (message      *)
(* delivery is fair: a message sent is not lost forever). Nothing requires *)
(* a timer to fire, nor a proposer to give up.                             *)
Prepare(p) == \E b \in Ballot : Owner(b) = p /\ Phase1a(b)
Propose(p) == \E b \in Ballot, v \in Value : Owner(b) = p /\ Phase2a(b, v)

LiveSpec ==
    /\ Spec
    /\ \A p \in Proposer : WF_vars(Prepare(p)) /\ WF_vars(Propose(p))
    /\ \A a \in Acceptor : WF_vars(Phase1b(a)) /\ WF_vars(Phase2b(a))

-----------------------------------------------------------------------------
(* Acceptor a voted for v in ballot b. *)
VotedFor(a, b, v) == [type |-> "2b", acc |-> a, bal |-> b, val |-> v] \in msgs

(* A value is chosen when a quorum voted for it in one ballot. *)
ChosenAt(b, v) == \E Q \in Quorum : \A a \in Q : VotedFor(a, b, v)
Chosen == {v \in Value : \E b \in Ballot : ChosenAt(b, v)}

(* Liveness: some value is eventually chosen. It holds under LiveSpec with *)
(* one proposer and fails with two (the duel; see the head of the module). *)
EventuallyChosen == <>(Chosen # {})

(* Safety: at most one value is chosen. *)
Agreement == \A v, w \in Chosen : v = w

(* Only a value that has been proposed may be chosen (Paxos Made Simple,   *)
(* section 2.1; a proposal is a phase 2a message).                         *)
Validity == \A v \in Chosen : \E m \in msgs : m.type = "2a" /\ m.val = v

-----------------------------------------------------------------------------
(* The supporting invariants, after the inductive invariant of Lamport's   *)
(* Paxos.tla and Voting.tla: together with TypeOK they imply Agreement.    *)

(* Acceptor a did not vote in ballot b. *)
DidNotVoteAt(a, b) == \A v \in Value : ~ VotedFor(a, b, v)

(* No value other than v has been or can ever be chosen in a ballot below  *)
(* b: in every lower ballot c, some quorum's acceptors each voted for v in *)
(* c or have moved past c without voting in it (Voting.tla's SafeAt).      *)
SafeAt(b, v) ==
    \A c \in 0 .. (b - 1) :
        \E Q \in Quorum :
            \A a \in Q : VotedFor(a, c, v) \/ (maxBal[a] > c /\ DidNotVoteAt(a, c))

(* An acceptor's variables agree with the votes it sent: its latest vote   *)
(* is a 2b message it sent, it sent none in a later ballot, and it took    *)
(* part in that ballot.                                                    *)
AcceptorInv ==
    \A a \in Acceptor :
        /\ maxVBal[a] <= maxBal[a]
        /\ IF maxVBal[a] = -1 THEN maxVal[a] = None
                              ELSE VotedFor(a, maxVBal[a], maxVal[a])
        /\ \A m \in msgs : (m.type = "2b" /\ m.acc = a) => m.bal <= maxVBal[a]

(* A phase 1b message tells the truth: its sender took part in its ballot, *)
(* its reported vote was cast, and the sender cast no vote between the     *)
(* reported one and the message's ballot.                                  *)
PromiseInv ==
    \A m \in msgs : m.type = "1b" =>
        /\ maxBal[m.acc] >= m.bal
        /\ m.mbal < m.bal
        /\ (m.mbal >= 0) => VotedFor(m.acc, m.mbal, m.mval)
        /\ (m.mbal = -1) => m.mval = None
        /\ \A c \in (m.mbal + 1) .. (m.bal - 1) : DidNotVoteAt(m.acc, c)

(* A proposal is safe, and one ballot has at most one proposal. *)
ProposalInv ==
    \A m \in msgs : m.type = "2a" =>
        /\ SafeAt(m.bal, m.val)
        /\ \A mm \in msgs : (mm.type = "2a" /\ mm.bal = m.bal) => mm.val = m.val

(* A vote was for a proposal, and its sender took part in its ballot. *)
VoteInv ==
    \A m \in msgs : m.type = "2b" =>
        /\ [type |-> "2a", bal |-> m.bal, val |-> m.val] \in msgs
        /\ maxBal[m.acc] >= m.bal

(* Ballots are begun by their owners, in order: the 1a message of every    *)
(* ballot a proposer has begun was sent, and no ballot of a proposer above *)
(* its current round has been begun or proposed in.                        *)
ProposerInv ==
    /\ \A p \in Proposer :
          pBal[p] \in Ballot => /\ Owner(pBal[p]) = p
                                /\ [type |-> "1a", bal |-> pBal[p]] \in msgs
    /\ \A m \in msgs : m.type \in {"1a", "2a"} => pBal[Owner(m.bal)] >= m.bal

=============================================================================
