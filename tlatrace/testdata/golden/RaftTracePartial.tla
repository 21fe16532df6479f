-------------------------- MODULE RaftTracePartial --------------------------
(* A trace to validate against Raft: written by distcheck's tlatrace.
   Check: java -cp tla2tools.jar tlc2.TLC -config RaftTracePartial.cfg RaftTracePartial
   The trace is accepted when TLC finds no error: every step is a Next
   step or a stutter of the spec. *)
EXTENDS Raft, TLC, Sequences, Naturals

CONSTANTS s1, s2, v1

\* Partial observation: the trace records currentTerm, role, log; TLC finds values for votedFor, commitIndex, votesGranted, matchIndex, msgs.
Trace == <<
    \* 1. Init
    [currentTerm |-> (s1 :> 0 @@ s2 :> 0), role |-> (s1 :> "Follower" @@ s2 :> "Follower"), log |-> (s1 :> <<>> @@ s2 :> <<>>)],
    \* 2. Timer n1 election
    [currentTerm |-> (s1 :> 1 @@ s2 :> 0), role |-> (s1 :> "Candidate" @@ s2 :> "Follower"), log |-> (s1 :> <<>> @@ s2 :> <<>>)],
    \* 3. Crash n1
    [currentTerm |-> (s1 :> 1 @@ s2 :> 0), role |-> (s1 :> "Follower" @@ s2 :> "Follower"), log |-> (s1 :> <<>> @@ s2 :> <<>>)],
    \* 4. Deliver n1->n2 RequestVote{term:1 lastIndex:0 lastTerm:0}
    [currentTerm |-> (s1 :> 1 @@ s2 :> 1), role |-> (s1 :> "Follower" @@ s2 :> "Follower"), log |-> (s1 :> <<>> @@ s2 :> <<>>)],
    \* 5. Restart n1
    [currentTerm |-> (s1 :> 1 @@ s2 :> 1), role |-> (s1 :> "Follower" @@ s2 :> "Follower"), log |-> (s1 :> <<>> @@ s2 :> <<>>)],
    \* 6. Deliver n2->n1 RequestVoteResp{term:1 granted:true}
    [currentTerm |-> (s1 :> 1 @@ s2 :> 1), role |-> (s1 :> "Follower" @@ s2 :> "Follower"), log |-> (s1 :> <<>> @@ s2 :> <<>>)],
    \* 7. Timer n2 election
    [currentTerm |-> (s1 :> 1 @@ s2 :> 2), role |-> (s1 :> "Follower" @@ s2 :> "Candidate"), log |-> (s1 :> <<>> @@ s2 :> <<>>)],
    \* 8. Timer n1 election
    [currentTerm |-> (s1 :> 2 @@ s2 :> 2), role |-> (s1 :> "Candidate" @@ s2 :> "Candidate"), log |-> (s1 :> <<>> @@ s2 :> <<>>)]
>>

TraceLabels == <<"Init", "Timer n1 election", "Crash n1", "Deliver n1->n2 RequestVote{term:1 lastIndex:0 lastTerm:0}", "Restart n1", "Deliver n2->n1 RequestVoteResp{term:1 granted:true}", "Timer n2 election", "Timer n1 election">>

VARIABLE traceIdx  \* the position in Trace of the current state

TraceVars == <<currentTerm, role, votedFor, log, commitIndex, votesGranted, matchIndex, msgs>>

TraceMatch(t) ==
    /\ currentTerm = t.currentTerm
    /\ role = t.role
    /\ log = t.log

TraceInit ==
    /\ traceIdx = 1
    /\ TraceMatch(Trace[1])
    /\ Init

(* The primed variables are fixed first, so Next only has to confirm them. *)
TraceNext ==
    /\ traceIdx < Len(Trace)
    /\ traceIdx' = traceIdx + 1
    /\ currentTerm' = Trace[traceIdx + 1].currentTerm
    /\ role' = Trace[traceIdx + 1].role
    /\ log' = Trace[traceIdx + 1].log
    /\ Next \/ UNCHANGED TraceVars

TraceSpec == TraceInit /\ [][TraceNext]_<<traceIdx, TraceVars>>

(* Every step is matched when the search reaches the last state. TLC's
   diameter is the length of the longest behaviour it found. *)
TraceAccepted ==
    LET d == TLCGet("stats").diameter IN
    IF d >= Len(Trace) THEN TRUE
    ELSE IF d = 0
         THEN PrintT(<<"distcheck-trace: rejected at state", 1, TraceLabels[1], "no initial state matches">>) /\ FALSE
         ELSE PrintT(<<"distcheck-trace: rejected at state", d + 1, TraceLabels[d + 1], "no Next step or stutter from the state before">>) /\ FALSE
=============================================================================
