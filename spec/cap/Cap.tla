-------------------------------- MODULE Cap --------------------------------
(***************************************************************************)
(* Claim C5 (the seed's Theorem 2.1, Gilbert and Lynch 2002): no store is *)
(* at once consistent (linearizable), available (every request answered) *)
(* and partition tolerant. Two replicas, 1 and 2, hold one read/write     *)
(* register; clients send reads and writes to either replica; the        *)
(* network between the replicas may partition, and while it is           *)
(* partitioned no message crosses (messages wait and cross after Heal).  *)
(* The constant Design chooses what a replica does with a request:       *)
(*                                                                         *)
(* - "AP": answer at once from the local copy, and send a write to the   *)
(*   other replica in the background. Copies carry a timestamp           *)
(*   <<counter, replica>> and the newer one wins (last writer wins), so   *)
(*   the replicas converge once the messages cross. Every request is      *)
(*   answered, partition or not, but a read can miss a write that has     *)
(*   already completed at the other replica: not linearizable (MCCapAP).  *)
(* - "CP": answer only after a round trip to the other replica, which    *)
(*   merges the coordinator's copy into its own and returns the merged    *)
(*   copy (a majority of two is both). Every history is linearizable      *)
(*   (MCCapCP), and every request is answered when no partition occurs    *)
(*   (MCCapCPNoPartition), but a request invoked during a partition that  *)
(*   never heals waits forever (MCCapCPLive).                            *)
(*                                                                         *)
(* Linearizability is checked exactly, by a ghost variable lin that holds *)
(* every state an atomic register could be in after the history so far   *)
(* (see Answer below). The model is bounded by counters inside the       *)
(* actions (MaxOps per client, MaxPartitions), so it is finite and its    *)
(* state graph is acyclic.                                                *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS
    Design,         \* "AP" or "CP"
    Client,         \* the clients
    Value,          \* the values clients write
    V0,             \* the register's initial value, not in Value
    None,           \* "no value", "no client"
    MaxOps,         \* each client invokes at most MaxOps operations
    MaxPartitions   \* the network partitions at most MaxPartitions times

ASSUME /\ Design \in {"AP", "CP"}
       /\ V0 \notin Value
       /\ MaxOps \in Nat /\ MaxPartitions \in Nat

(* The two replicas; Other(r) is r's peer. Val is every value a copy can hold. *)
Replica == {1, 2}
Other(r) == 3 - r
Val == Value \cup {V0}

(* A copy of the register is a value with the timestamp of the write that *)
(* produced it: <<n, r>> for a write that replica r coordinated when its  *)
(* own copy had counter n - 1 (so n never exceeds the number of writes);  *)
(* V0 has timestamp <<0, 0>>. Newer(a, b) orders timestamps               *)
(* lexicographically, the replica breaking ties, and Merge keeps the      *)
(* newer copy.                                                            *)
Version == [ts : (0 .. Cardinality(Client) * MaxOps) \X (0 .. 2), val : Val]
Newer(a, b) == \/ a.ts[1] > b.ts[1]
               \/ a.ts[1] = b.ts[1] /\ a.ts[2] > b.ts[2]
Merge(a, b) == IF Newer(b, a) THEN b ELSE a

(* A message between replicas: an AP "update" carries a write to the     *)
(* other replica; a CP "syncreq" carries the coordinator's copy for       *)
(* client c's request and the "syncreply" the other replica's merged copy *)
(* back. All have the same fields, so that they form one set.             *)
Msg(type, c, to, ver) == [type |-> type, client |-> c, to |-> to, ver |-> ver]

(* A client's pending operation; op = "none" when it has none. *)
Idle == [op |-> "none", arg |-> None, rep |-> 0]
Op == {[op |-> "read", arg |-> None]} \cup {[op |-> "write", arg |-> v] : v \in Value}

VARIABLES
    store,        \* store[r]: replica r's copy (a Version)
    net,          \* the messages in flight between the replicas
    partitioned,  \* TRUE while the network is partitioned
    partitions,   \* how many times the network has partitioned
    pend,         \* pend[c]: client c's pending operation, or Idle
    ops,          \* ops[c]: how many operations client c has invoked
    lin           \* ghost: the register states that explain the history so far

vars == <<store, net, partitioned, partitions, pend, ops, lin>>

-----------------------------------------------------------------------------
(***************************************************************************)
(* Linearizability (Herlihy and Wing 1990): each operation takes effect   *)
(* at one instant between its invocation and its response, and the       *)
(* results are those of a sequential register taking the operations in    *)
(* that order. A configuration k is a state of that sequential register   *)
(* partway through the history: its value k.val, and for each client whose *)
(* pending operation has already taken effect, k.seen[c], the value it    *)
(* read or wrote (None if it has not taken effect yet). lin holds every   *)
(* configuration some linearization of the history so far can reach.     *)
(* The history is linearizable exactly when lin is not empty; once empty, *)
(* it stays empty, because no extension can repair a wrong answer.        *)
(***************************************************************************)

(* Client c's pending operation takes effect in configuration k. *)
TakeEffect(k, c) ==
    IF pend[c].op = "write"
        THEN [val |-> pend[c].arg, seen |-> [k.seen EXCEPT ![c] = pend[c].arg]]
        ELSE [k EXCEPT !.seen[c] = k.val]

(* One more pending operation takes effect, in every possible way. *)
Grow(S) == S \cup UNION {{TakeEffect(k, c) :
                             c \in {d \in Client : pend[d].op # "none" /\ k.seen[d] = None}} :
                          k \in S}

(* Every order in which pending operations may take effect. *)
RECURSIVE Closure(_)
Closure(S) == IF Grow(S) = S THEN S ELSE Closure(Grow(S))

(* Client c's operation returns x (ignored for a write) and c becomes     *)
(* idle. Before the response the operation must have taken effect, after  *)
(* any of the other pending operations (they were all invoked before now),*)
(* and a read must have seen x. Operations take effect lazily, here, which *)
(* allows the same orders as taking effect eagerly at every step.          *)
Answer(c, x) ==
    /\ lin' = {[k EXCEPT !.seen[c] = None] :
                  k \in {k \in Closure(lin) :
                            k.seen[c] # None /\ (pend[c].op = "write" \/ k.seen[c] = x)}}
    /\ pend' = [pend EXCEPT ![c] = Idle]

-----------------------------------------------------------------------------
Init ==
    /\ store = [r \in Replica |-> [ts |-> <<0, 0>>, val |-> V0]]
    /\ net = {}
    /\ partitioned = FALSE
    /\ partitions = 0
    /\ pend = [c \in Client |-> Idle]
    /\ ops = [c \in Client |-> 0]
    /\ lin = {[val |-> V0, seen |-> [c \in Client |-> None]]}

(* Client c, idle and with operations left, sends operation o to replica *)
(* r (clients reach both replicas; only the replicas' link partitions).  *)
Invoke(c, r, o) ==
    /\ pend[c] = Idle
    /\ ops[c] < MaxOps
    /\ pend' = [pend EXCEPT ![c] = [op |-> o.op, arg |-> o.arg, rep |-> r]]
    /\ ops' = [ops EXCEPT ![c] = @ + 1]
    /\ UNCHANGED <<store, net, partitioned, partitions, lin>>

(* The copy replica r writes for value v: one newer than its own. *)
NewVersion(r, v) == [ts |-> <<store[r].ts[1] + 1, r>>, val |-> v]

(* AP: replica r = pend[c].rep answers c from its own copy at once. A    *)
(* write updates the copy and is sent to the other replica.              *)
Reply(c) ==
    /\ Design = "AP"
    /\ pend[c] # Idle
    /\ LET r == pend[c].rep
       IN  IF pend[c].op = "read"
              THEN /\ Answer(c, store[r].val)
                   /\ UNCHANGED <<store, net>>
              ELSE LET new == NewVersion(r, pend[c].arg)
                   IN  /\ store' = [store EXCEPT ![r] = new]
                       /\ net' = net \cup {Msg("update", None, Other(r), new)}
                       /\ Answer(c, None)
    /\ UNCHANGED <<partitioned, partitions, ops>>

(* AP: an update crosses to replica m.to, which keeps the newer copy. *)
Update(m) ==
    /\ m.type = "update"
    /\ ~partitioned
    /\ store' = [store EXCEPT ![m.to] = Merge(@, m.ver)]
    /\ net' = net \ {m}
    /\ UNCHANGED <<partitioned, partitions, pend, ops, lin>>

(* Client c's CP request has begun when a message of it is in flight. *)
Begun(c) == \E m \in net : m.client = c

(* CP: replica r = pend[c].rep begins c's request: a write updates its   *)
(* copy; either way r sends its copy to the other replica and waits.     *)
Begin(c) ==
    /\ Design = "CP"
    /\ pend[c] # Idle
    /\ ~Begun(c)
    /\ LET r == pend[c].rep
           ver == IF pend[c].op = "write" THEN NewVersion(r, pend[c].arg) ELSE store[r]
       IN  /\ store' = [store EXCEPT ![r] = ver]
           /\ net' = net \cup {Msg("syncreq", c, Other(r), ver)}
    /\ UNCHANGED <<partitioned, partitions, pend, ops, lin>>

(* CP: the request crosses; replica m.to merges the coordinator's copy    *)
(* into its own and sends the merged copy back.                           *)
Sync(m) ==
    /\ m.type = "syncreq"
    /\ ~partitioned
    /\ LET merged == Merge(store[m.to], m.ver)
       IN  /\ store' = [store EXCEPT ![m.to] = merged]
           /\ net' = (net \ {m}) \cup {Msg("syncreply", m.client, Other(m.to), merged)}
    /\ UNCHANGED <<partitioned, partitions, pend, ops, lin>>

(* CP: the reply crosses; the coordinator merges it and answers: a read   *)
(* returns the merged copy the other replica sent (both replicas now hold *)
(* it or a newer one), a write returns ok.                                *)
Finish(m) ==
    /\ m.type = "syncreply"
    /\ ~partitioned
    /\ store' = [store EXCEPT ![m.to] = Merge(@, m.ver)]
    /\ net' = net \ {m}
    /\ Answer(m.client, m.ver.val)
    /\ UNCHANGED <<partitioned, partitions, ops>>

(* A message crosses the network. *)
Deliver(m) == Update(m) \/ Sync(m) \/ Finish(m)

(* The network partitions, at most MaxPartitions times, and heals. *)
Partition ==
    /\ ~partitioned
    /\ partitions < MaxPartitions
    /\ partitioned' = TRUE
    /\ partitions' = partitions + 1
    /\ UNCHANGED <<store, net, pend, ops, lin>>

Heal ==
    /\ partitioned
    /\ partitioned' = FALSE
    /\ UNCHANGED <<store, net, partitions, pend, ops, lin>>

Next ==
    \/ \E c \in Client : \/ \E r \in Replica, o \in Op : Invoke(c, r, o)
                         \/ Reply(c)
                         \/ Begin(c)
    \/ \E m \in net : Deliver(m)
    \/ Partition
    \/ Heal

Spec == Init /\ [][Next]_vars

(* Clients keep invoking until their operations run out, replicas keep    *)
(* answering and the network keeps delivering while it is connected. Heal *)
(* and Partition are not fair: a partition may last forever.              *)
LiveSpec ==
    /\ Spec
    /\ \A c \in Client : /\ WF_vars(\E r \in Replica, o \in Op : Invoke(c, r, o))
                         /\ WF_vars(Reply(c))
                         /\ WF_vars(Begin(c))
    /\ WF_vars(\E m \in net : Deliver(m))

-----------------------------------------------------------------------------
TypeOK ==
    /\ store \in [Replica -> Version]
    /\ net \subseteq [type : {"update", "syncreq", "syncreply"}, client : Client \cup {None},
                      to : Replica, ver : Version]
    /\ partitioned \in BOOLEAN
    /\ partitions \in 0 .. MaxPartitions
    /\ ops \in [Client -> 0 .. MaxOps]
    /\ \A c \in Client : pend[c] = Idle \/ pend[c].rep \in Replica

(* Consistency: the history of invocations and responses is linearizable. *)
Linearizable == lin # {}

(* The replicas agree whenever no message is in flight (convergence). *)
QuietReplicasAgree == net = {} => store[1] = store[2]

(* Availability: every request is answered. Clients are fair and their    *)
(* operations finite, so on a fair behaviour "every invoked request is    *)
(* eventually answered" is the same as "eventually every client has used  *)
(* its MaxOps operations and none is pending", a property <>P.            *)
AllAnswered == \A c \in Client : ops[c] = MaxOps /\ pend[c] = Idle
EveryRequestAnswered == <>AllAnswered
=============================================================================
