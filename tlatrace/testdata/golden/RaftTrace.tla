----------------------------- MODULE RaftTrace -----------------------------
(* A trace to validate against Raft: written by distcheck's tlatrace.
   Check: java -cp tla2tools.jar tlc2.TLC -config RaftTrace.cfg RaftTrace
   The trace is accepted when TLC finds no error: every step is a Next
   step or a stutter of the spec. *)
EXTENDS Raft, TLC, Sequences, Naturals

CONSTANTS s1, s2, v1

Trace == <<
    \* 1. Init
    [currentTerm |-> (s1 :> 0 @@ s2 :> 0), role |-> (s1 :> "Follower" @@ s2 :> "Follower"), votedFor |-> (s1 :> Nil @@ s2 :> Nil), log |-> (s1 :> <<>> @@ s2 :> <<>>), commitIndex |-> (s1 :> 0 @@ s2 :> 0), votesGranted |-> (s1 :> {} @@ s2 :> {}), matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)), msgs |-> {}],
    \* 2. Timer n1 election
    [currentTerm |-> (s1 :> 1 @@ s2 :> 0), role |-> (s1 :> "Candidate" @@ s2 :> "Follower"), votedFor |-> (s1 :> s1 @@ s2 :> Nil), log |-> (s1 :> <<>> @@ s2 :> <<>>), commitIndex |-> (s1 :> 0 @@ s2 :> 0), votesGranted |-> (s1 :> {s1} @@ s2 :> {}), matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)), msgs |-> {[type |-> "RV", term |-> 1, src |-> s1, dst |-> s2, lastLogTerm |-> 0, lastLogIndex |-> 0]}],
    \* 3. Crash n1
    [currentTerm |-> (s1 :> 1 @@ s2 :> 0), role |-> (s1 :> "Follower" @@ s2 :> "Follower"), votedFor |-> (s1 :> s1 @@ s2 :> Nil), log |-> (s1 :> <<>> @@ s2 :> <<>>), commitIndex |-> (s1 :> 0 @@ s2 :> 0), votesGranted |-> (s1 :> {} @@ s2 :> {}), matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)), msgs |-> {[type |-> "RV", term |-> 1, src |-> s1, dst |-> s2, lastLogTerm |-> 0, lastLogIndex |-> 0]}],
    \* 4. Deliver n1->n2 RequestVote{term:1 lastIndex:0 lastTerm:0}
    [currentTerm |-> (s1 :> 1 @@ s2 :> 1), role |-> (s1 :> "Follower" @@ s2 :> "Follower"), votedFor |-> (s1 :> s1 @@ s2 :> s1), log |-> (s1 :> <<>> @@ s2 :> <<>>), commitIndex |-> (s1 :> 0 @@ s2 :> 0), votesGranted |-> (s1 :> {} @@ s2 :> {}), matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)), msgs |-> {[type |-> "RVR", term |-> 1, src |-> s2, dst |-> s1, granted |-> TRUE], [type |-> "RV", term |-> 1, src |-> s1, dst |-> s2, lastLogTerm |-> 0, lastLogIndex |-> 0]}],
    \* 5. Restart n1
    [currentTerm |-> (s1 :> 1 @@ s2 :> 1), role |-> (s1 :> "Follower" @@ s2 :> "Follower"), votedFor |-> (s1 :> s1 @@ s2 :> s1), log |-> (s1 :> <<>> @@ s2 :> <<>>), commitIndex |-> (s1 :> 0 @@ s2 :> 0), votesGranted |-> (s1 :> {} @@ s2 :> {}), matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)), msgs |-> {[type |-> "RVR", term |-> 1, src |-> s2, dst |-> s1, granted |-> TRUE], [type |-> "RV", term |-> 1, src |-> s1, dst |-> s2, lastLogTerm |-> 0, lastLogIndex |-> 0]}],
    \* 6. Deliver n2->n1 RequestVoteResp{term:1 granted:true}
    [currentTerm |-> (s1 :> 1 @@ s2 :> 1), role |-> (s1 :> "Follower" @@ s2 :> "Follower"), votedFor |-> (s1 :> s1 @@ s2 :> s1), log |-> (s1 :> <<>> @@ s2 :> <<>>), commitIndex |-> (s1 :> 0 @@ s2 :> 0), votesGranted |-> (s1 :> {} @@ s2 :> {}), matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)), msgs |-> {[type |-> "RVR", term |-> 1, src |-> s2, dst |-> s1, granted |-> TRUE], [type |-> "RV", term |-> 1, src |-> s1, dst |-> s2, lastLogTerm |-> 0, lastLogIndex |-> 0]}],
    \* 7. Timer n2 election
    [currentTerm |-> (s1 :> 1 @@ s2 :> 2), role |-> (s1 :> "Follower" @@ s2 :> "Candidate"), votedFor |-> (s1 :> s1 @@ s2 :> s2), log |-> (s1 :> <<>> @@ s2 :> <<>>), commitIndex |-> (s1 :> 0 @@ s2 :> 0), votesGranted |-> (s1 :> {} @@ s2 :> {s2}), matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)), msgs |-> {[type |-> "RVR", term |-> 1, src |-> s2, dst |-> s1, granted |-> TRUE], [type |-> "RV", term |-> 2, src |-> s2, dst |-> s1, lastLogTerm |-> 0, lastLogIndex |-> 0], [type |-> "RV", term |-> 1, src |-> s1, dst |-> s2, lastLogTerm |-> 0, lastLogIndex |-> 0]}],
    \* 8. Timer n1 election
    [currentTerm |-> (s1 :> 2 @@ s2 :> 2), role |-> (s1 :> "Candidate" @@ s2 :> "Candidate"), votedFor |-> (s1 :> s1 @@ s2 :> s2), log |-> (s1 :> <<>> @@ s2 :> <<>>), commitIndex |-> (s1 :> 0 @@ s2 :> 0), votesGranted |-> (s1 :> {s1} @@ s2 :> {s2}), matchIndex |-> (s1 :> (s1 :> 0 @@ s2 :> 0) @@ s2 :> (s1 :> 0 @@ s2 :> 0)), msgs |-> {[type |-> "RVR", term |-> 1, src |-> s2, dst |-> s1, granted |-> TRUE], [type |-> "RV", term |-> 2, src |-> s2, dst |-> s1, lastLogTerm |-> 0, lastLogIndex |-> 0], [type |-> "RV", term |-> 1, src |-> s1, dst |-> s2, lastLogTerm |-> 0, lastLogIndex |-> 0], [type |-> "RV", term |-> 2, src |-> s1, dst |-> s2, lastLogTerm |-> 0, lastLogIndex |-> 0]}]
>>

TraceLabels == <<"Init", "Timer n1 election", "Crash n1", "Deliver n1->n2 RequestVote{term:1 lastIndex:0 lastTerm:0}", "Restart n1", "Deliver n2->n1 RequestVoteResp{term:1 granted:true}", "Timer n2 election", "Timer n1 election">>

VARIABLE traceIdx  \* the position in Trace of the current state

TraceVars == <<currentTerm, role, votedFor, log, commitIndex, votesGranted, matchIndex, msgs>>

TraceMatch(t) ==
    /\ currentTerm = t.currentTerm
    /\ role = t.role
    /\ votedFor = t.votedFor
    /\ log = t.log
    /\ commitIndex = t.commitIndex
    /\ votesGranted = t.votesGranted
    /\ matchIndex = t.matchIndex
    /\ msgs = t.msgs

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
    /\ votedFor' = Trace[traceIdx + 1].votedFor
    /\ log' = Trace[traceIdx + 1].log
    /\ commitIndex' = Trace[traceIdx + 1].commitIndex
    /\ votesGranted' = Trace[traceIdx + 1].votesGranted
    /\ matchIndex' = Trace[traceIdx + 1].matchIndex
    /\ msgs' = Trace[traceIdx + 1].msgs
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
