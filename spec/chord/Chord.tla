------------------------------- MODULE Chord --------------------------------
(***************************************************************************)
(* Claim C15: Chord's ring stays correct as nodes join and fail. Chord's   *)
(* ring-maintenance protocol, after Pamela Zave: "Using lightweight        *)
(* modeling to understand Chord" (CCR 2012) showed that the original       *)
(* protocol (SIGCOMM 2001, its technical report, PODC 2002) breaks every   *)
(* property it was claimed to keep; "Reasoning about identifier spaces:    *)
(* how to make Chord correct" (IEEE TSE 2017) gave a corrected protocol    *)
(* and proved it. Corrected selects which of the two this module runs.     *)
(*                                                                         *)
(* Identifiers are 1..N and a node is its identifier, so the ring order is *)
(* the order of the numbers, wrapping from N to 1. Every member keeps a    *)
(* successor list of length R (its next R members, as far as it knows)    *)
(* and a predecessor. A member's best successor is the first live entry of *)
(* its successor list; the invariants are stated on best successors.       *)
(*                                                                         *)
(* Each operation is one atomic step, as in Zave's Alloy models, and a     *)
(* notification is a message: a node that notifies its successor ends its  *)
(* stabilization round only when the successor has handled the message    *)
(* (Notify in the original, Rectify in the corrected protocol), so a node  *)
(* has at most one notification in flight.                                 *)
(*                                                                         *)
(* Bounds are guards (MaxJoins, MaxFails), not state constraints, so that  *)
(* TLC and the Go twin count the same states.                              *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS
    N,          \* the identifier space 1..N: the nodes
    R,          \* the length of successor lists (at least 2)
    Base,       \* the members at the start, an ideal ring; in the corrected
                \* protocol also the stable base, which never fails
    Corrected,  \* TRUE: Zave's corrected protocol; FALSE: the original
    MaxJoins,   \* at most this many joins
    MaxFails    \* at most this many failures

ASSUME /\ N \in Nat \ {0}
       /\ R \in Nat /\ R >= 2
       /\ Base \subseteq 1..N /\ Base # {}
       /\ Corrected \in BOOLEAN
       /\ Corrected => Cardinality(Base) >= R + 1
       /\ MaxJoins \in Nat /\ MaxFails \in Nat

Node == 1..N
Nil == 0        \* no node: an empty list entry, no predecessor, no message
Idx == 1..R

VARIABLES
    succ,      \* succ[n][i]: the i-th entry of n's successor list (Nil: empty);
               \* n is a member exactly when succ[n][1] # Nil
    prdc,      \* prdc[n]: n's predecessor, or Nil
    stab,      \* stab[n]: corrected protocol, the better successor n will
               \* query in StabilizeFromPredecessor (Nil: not in mid-stabilize)
    notify,    \* notify[n]: the node n has notified and that has not yet
               \* handled it (Nil: none); it outlives n if n fails
    joins,     \* joins so far
    fails      \* failures so far

vars == <<succ, prdc, stab, notify, joins, fails>>

-----------------------------------------------------------------------------
(* Identifier space. Between(a, b, c): b lies strictly inside the arc from *)
(* a to c going up; for a = c the arc is the whole ring except a.          *)
Between(a, b, c) == IF a < c THEN a < b /\ b < c ELSE a < b \/ b < c

Min(S) == CHOOSE x \in S : \A y \in S : x <= y
Max(S) == CHOOSE x \in S : \A y \in S : x >= y

(* The member of S after n, and before n, going round the ring. *)
NextIn(S, n) == LET later == {x \in S : x > n} IN IF later # {} THEN Min(later) ELSE Min(S)
PrevIn(S, n) == LET earlier == {x \in S : x < n} IN IF earlier # {} THEN Max(earlier) ELSE Max(S)

(* The successor list n has in the ideal ring of S: the next members,  *)
(* never wrapping back past n (one member: itself, as its own successor). *)
IdealList(S, n) ==
    LET nth[k \in 0..R] == IF k = 0 THEN n ELSE NextIn(S, nth[k-1])
        len == IF Cardinality(S) > 1 THEN Cardinality(S) - 1 ELSE 1
    IN [i \in Idx |-> IF i <= len THEN nth[i] ELSE Nil]

NoList == [i \in Idx |-> Nil]

-----------------------------------------------------------------------------
IsMember(n) == n # Nil /\ succ[n][1] # Nil
Members == {n \in Node : IsMember(n)}

(* The first live entry of n's successor list, or Nil. *)
RECURSIVE FirstLive(_, _)
FirstLive(l, i) ==
    IF i > R THEN Nil ELSE IF IsMember(l[i]) THEN l[i] ELSE FirstLive(l, i + 1)

BestSucc(n) == FirstLive(succ[n], 1)

(* The nodes met in k best-successor steps from x, by the table bs. *)
RECURSIVE Walk(_, _, _)
Walk(bs, x, k) ==
    IF k = 0 THEN {}
    ELSE LET y == bs[x]
         IN IF y = Nil THEN {} ELSE {y} \cup Walk(bs, y, k - 1)

(* Reach[a]: the members reachable from a in one or more best-successor *)
(* steps (N steps reach every one).                                     *)
Reach ==
    LET bs == [n \in Node |-> BestSucc(n)]
    IN [a \in Node |-> Walk(bs, a, N)]

RingMembersOf(reach) == {m \in Members : m \in reach[m]}
RingMembers == RingMembersOf(Reach)

(* n's list with the first entry dropped, padded with Nil. *)
Shift(l) == [i \in Idx |-> IF i < R THEN l[i+1] ELSE Nil]

(* The list of a node that takes s as its successor and s's list after it. *)
Adopt(s) == [i \in Idx |-> IF i = 1 THEN s ELSE succ[s][i-1]]

-----------------------------------------------------------------------------
Init ==
    /\ succ = [n \in Node |-> IF n \in Base THEN IdealList(Base, n) ELSE NoList]
    /\ prdc = [n \in Node |-> IF n \in Base /\ Cardinality(Base) > 1
                                 THEN PrevIn(Base, n) ELSE Nil]
    /\ stab = [n \in Node |-> Nil]
    /\ notify = [n \in Node |-> Nil]
    /\ joins = 0
    /\ fails = 0

(* Node j joins through member m, whose first successor is past j (m's    *)
(* lookup of j's identifier ends at m). Original: j takes m's first       *)
(* successor, without checking it is live, and no predecessor. Corrected: *)
(* j copies m's whole successor list and takes m as its predecessor. A    *)
(* failed node can join again once its last notification is handled.      *)
Join(j, m) ==
    /\ joins < MaxJoins
    /\ ~IsMember(j)
    /\ notify[j] = Nil
    /\ IsMember(m)
    /\ Between(m, j, succ[m][1])
    /\ succ' = [succ EXCEPT ![j] = IF Corrected THEN succ[m]
                                   ELSE [i \in Idx |-> IF i = 1 THEN succ[m][1] ELSE Nil]]
    /\ prdc' = [prdc EXCEPT ![j] = IF Corrected THEN m ELSE Nil]
    /\ joins' = joins + 1
    /\ UNCHANGED <<stab, notify, fails>>

(* The failure assumption of both of Zave's models: a member cannot fail  *)
(* if some other member whose list names it would be left without a live  *)
(* entry. We also keep the network from emptying. (Written with sets, not *)
(* \E, so that TLC does not enumerate witnesses as separate successors.)  *)
Entries(m) == {succ[m][i] : i \in Idx}

FailOK(n) ==
    /\ Members \ {n} # {}
    /\ \A m \in Members \ {n} :
          n \in Entries(m) => (Entries(m) \ {n}) \cap Members # {}

(* Member n fails, forgetting everything (it may join again later). A     *)
(* notification it sent is still delivered; one sent to it is lost, which *)
(* ends its sender's round. In the corrected protocol the stable base     *)
(* never fails.                                                           *)
Fail(n) ==
    /\ fails < MaxFails
    /\ IsMember(n)
    /\ Corrected => n \notin Base
    /\ FailOK(n)
    /\ succ' = [succ EXCEPT ![n] = NoList]
    /\ prdc' = [prdc EXCEPT ![n] = Nil]
    /\ stab' = [stab EXCEPT ![n] = Nil]
    /\ notify' = [x \in Node |-> IF notify[x] = n THEN Nil ELSE notify[x]]
    /\ fails' = fails + 1
    /\ UNCHANGED joins

-----------------------------------------------------------------------------
(* The original protocol.                                                  *)

(* n asks its (live) first successor s for s's predecessor x; if x lies   *)
(* between n and s, x replaces s as n's first successor (without a check  *)
(* that x is live, and without touching the rest of the list); n then     *)
(* notifies its first successor, if that is live.                         *)
Stabilize(n) ==
    /\ ~Corrected
    /\ IsMember(n)
    /\ notify[n] = Nil
    /\ IsMember(succ[n][1])
    /\ LET s == succ[n][1]
           x == prdc[s]
           new == IF x # Nil /\ Between(n, x, s) THEN x ELSE s
       IN /\ succ' = [succ EXCEPT ![n][1] = new]
          /\ notify' = [notify EXCEPT ![n] = IF IsMember(new) THEN new ELSE Nil]
    /\ UNCHANGED <<prdc, stab, joins, fails>>

(* t handles p's notification: p becomes t's predecessor if t has none or *)
(* p lies between t's predecessor and t.                                  *)
Notify(t, p) ==
    /\ ~Corrected
    /\ IsMember(t)
    /\ notify[p] = t
    /\ prdc' = IF prdc[t] = Nil \/ Between(prdc[t], p, t)
                  THEN [prdc EXCEPT ![t] = p] ELSE prdc
    /\ notify' = [notify EXCEPT ![p] = Nil]
    /\ UNCHANGED <<succ, stab, joins, fails>>

(* n forgets a dead predecessor. *)
Flush(n) ==
    /\ ~Corrected
    /\ IsMember(n)
    /\ prdc[n] # Nil
    /\ ~IsMember(prdc[n])
    /\ prdc' = [prdc EXCEPT ![n] = Nil]
    /\ UNCHANGED <<succ, stab, notify, joins, fails>>

(* n drops a dead first successor; the next entry moves up. *)
Update(n) ==
    /\ ~Corrected
    /\ IsMember(n)
    /\ ~IsMember(succ[n][1])
    /\ succ[n][2] # Nil
    /\ succ' = [succ EXCEPT ![n] = Shift(succ[n])]
    /\ UNCHANGED <<prdc, stab, notify, joins, fails>>

(* n rebuilds its list from its live first successor's list. *)
Reconcile(n) ==
    /\ ~Corrected
    /\ IsMember(n)
    /\ IsMember(succ[n][1])
    /\ Adopt(succ[n][1]) # succ[n]
    /\ succ' = [succ EXCEPT ![n] = Adopt(succ[n][1])]
    /\ UNCHANGED <<prdc, stab, notify, joins, fails>>

-----------------------------------------------------------------------------
(* The corrected protocol (Zave 2017). A stabilization round is           *)
(* StabilizeFromSuccessor, perhaps StabilizeFromPredecessor, and the      *)
(* successor's Rectify of the notification that ends it.                  *)

(* t queries its first successor s. If s is dead, t drops it and notifies *)
(* the next entry. Otherwise t adopts s's list after s, and either goes   *)
(* on to query s's predecessor p, when p lies between t and s, or         *)
(* notifies s.                                                            *)
StabilizeFromSuccessor(t) ==
    /\ Corrected
    /\ IsMember(t)
    /\ stab[t] = Nil
    /\ notify[t] = Nil
    /\ LET s == succ[t][1]
       IN IF ~IsMember(s)
          THEN LET l == Shift(succ[t])
               IN /\ l[1] # Nil
                  /\ succ' = [succ EXCEPT ![t] = l]
                  /\ notify' = [notify EXCEPT ![t] = IF IsMember(l[1]) THEN l[1] ELSE Nil]
                  /\ UNCHANGED stab
          ELSE /\ succ' = [succ EXCEPT ![t] = Adopt(s)]
               /\ IF prdc[s] # Nil /\ Between(t, prdc[s], s)
                     THEN /\ stab' = [stab EXCEPT ![t] = prdc[s]]
                          /\ UNCHANGED notify
                     ELSE /\ notify' = [notify EXCEPT ![t] = s]
                          /\ UNCHANGED stab
    /\ UNCHANGED <<prdc, joins, fails>>

(* t queries the better successor p it saved. If p is live, t adopts p    *)
(* and p's list and notifies p; if p is dead, t keeps its list and        *)
(* notifies its first successor.                                          *)
StabilizeFromPredecessor(t) ==
    /\ Corrected
    /\ IsMember(t)
    /\ stab[t] # Nil
    /\ LET p == stab[t]
       IN IF IsMember(p)
          THEN /\ succ' = [succ EXCEPT ![t] = Adopt(p)]
               /\ notify' = [notify EXCEPT ![t] = p]
          ELSE /\ notify' = [notify EXCEPT ![t] = IF IsMember(succ[t][1]) THEN succ[t][1] ELSE Nil]
               /\ UNCHANGED succ
    /\ stab' = [stab EXCEPT ![t] = Nil]
    /\ UNCHANGED <<prdc, joins, fails>>

(* r handles p's notification: p becomes r's predecessor if it lies       *)
(* between r's predecessor and r, or if that predecessor is dead.         *)
Rectify(r, p) ==
    /\ Corrected
    /\ IsMember(r)
    /\ notify[p] = r
    /\ prdc' = IF Between(prdc[r], p, r) \/ ~IsMember(prdc[r])
                  THEN [prdc EXCEPT ![r] = p] ELSE prdc
    /\ notify' = [notify EXCEPT ![p] = Nil]
    /\ UNCHANGED <<succ, stab, joins, fails>>

-----------------------------------------------------------------------------
Next ==
    \/ \E j, m \in Node : Join(j, m)
    \/ \E n \in Node :
          \/ Fail(n)
          \/ Stabilize(n) \/ Flush(n) \/ Update(n) \/ Reconcile(n)
          \/ StabilizeFromSuccessor(n) \/ StabilizeFromPredecessor(n)
    \/ \E t, p \in Node : Notify(t, p) \/ Rectify(t, p)

Spec == Init /\ [][Next]_vars

(* Liveness. Joins and failures are bounded; weak fairness of Disrupt     *)
(* makes every one the bounds allow happen eventually, so "eventually"    *)
(* below means "after the last of them". Stabilization and rectification  *)
(* are weakly fair at every node, and for every notification.             *)
Disrupt == (\E j, m \in Node : Join(j, m)) \/ (\E n \in Node : Fail(n))

LiveSpec ==
    /\ Spec
    /\ WF_vars(Disrupt)
    /\ \A n \in Node : /\ WF_vars(StabilizeFromSuccessor(n))
                       /\ WF_vars(StabilizeFromPredecessor(n))
    /\ \A r, p \in Node : WF_vars(Rectify(r, p))

-----------------------------------------------------------------------------
TypeOK ==
    /\ succ \in [Node -> [Idx -> Node \cup {Nil}]]
    /\ prdc \in [Node -> Node \cup {Nil}]
    /\ stab \in [Node -> Node \cup {Nil}]
    /\ notify \in [Node -> Node \cup {Nil}]
    /\ joins \in 0..MaxJoins
    /\ fails \in 0..MaxFails

(* Zave's properties, on best successors. A ring member reaches itself. *)
AtLeastOneRing == RingMembers # {}

AtMostOneRing ==
    LET reach == Reach
        ring == RingMembersOf(reach)
    IN \A a, b \in ring : b \in reach[a]

(* No ring member lies between a ring member and its best successor. *)
OrderedRing ==
    \A a, c \in RingMembers :
        BestSucc(a) # a => ~Between(a, c, BestSucc(a))

(* Every member off the ring reaches the ring. *)
ConnectedAppendages ==
    LET reach == Reach
        ring == RingMembersOf(reach)
    IN \A a \in Members \ ring : reach[a] \cap ring # {}

(* No more joins or failures can happen. *)
Quiet ==
    /\ ~(joins < MaxJoins /\ \E j, m \in Node : ~IsMember(j) /\ notify[j] = Nil
                                                /\ IsMember(m) /\ Between(m, j, succ[m][1]))
    /\ ~(fails < MaxFails /\ \E n \in Members : (Corrected => n \notin Base) /\ FailOK(n))

(* The ideal ring: every member's list holds its next R members and its   *)
(* predecessor is the member before it; no notification from a dead node  *)
(* is pending. With no joins or failures left, stabilization and          *)
(* rectification keep this true, so <>(Quiet /\ Ideal) means <>[]Ideal.   *)
Ideal ==
    /\ \A m \in Members : /\ succ[m] = IdealList(Members, m)
                         /\ prdc[m] = PrevIn(Members, m)
    /\ \A n \in Node : notify[n] # Nil => IsMember(n)

EventuallyIdeal == <>(Quiet /\ Ideal)
=============================================================================
