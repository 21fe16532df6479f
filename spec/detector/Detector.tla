------------------------------ MODULE Detector ------------------------------
(***************************************************************************)
(* Claims C10 and C11: a heartbeat failure detector. A process sends a     *)
(* heartbeat at every tick while it is alive; a monitor counts the ticks   *)
(* since the last heartbeat it received and suspects the process when the  *)
(* count passes its timeout; a heartbeat from a suspected process revises  *)
(* the suspicion and doubles the timeout (exponential backoff).            *)
(*                                                                         *)
(* Time is a global tick counter, now. Partial synchrony (Dwork, Lynch and *)
(* Stockmeyer 1988; Chandra and Toueg 1996): a heartbeat sent at t is      *)
(* delivered by Max(t, GST) + Delta, so before the global stabilisation    *)
(* time GST delays are unbounded and after it they are at most Delta. With *)
(* GST beyond MaxTime the model is asynchronous throughout.                *)
(*                                                                         *)
(* - C10: asynchronously no detector is perfect: StrongAccuracy (a live    *)
(*   process is never suspected) fails (MCDetectorAsync).                  *)
(* - C11: with backoff, after GST the detector errs only finitely often:   *)
(*   the false suspicions after GST are at most MaxMistakes, enough         *)
(*   doublings to outgrow Delta (MCDetectorPartialSync); with a fixed      *)
(*   timeout below Delta they keep coming (MCDetectorNoBackoff).           *)
(*   StrongCompleteness: once the process has crashed and its last          *)
(*   heartbeat is out of the network for longer than the timeout, it is    *)
(*   suspected.                                                            *)
(***************************************************************************)
EXTENDS Naturals

CONSTANTS
    MaxTime,      \* the last tick
    Timeout0,     \* the monitor's first timeout
    MaxTimeout,   \* backoff stops here (Timeout0 = MaxTimeout: no backoff)
    GST,          \* global stabilisation time
    Delta,        \* delivery bound after GST
    MaxMistakes   \* the false suspicions after GST that C11 allows

VARIABLES
    now,        \* global time
    alive,      \* the process has not crashed
    inflight,   \* send times of the heartbeats in the network
    elapsed,    \* ticks since the monitor last heard a heartbeat (or last timed out)
    timeout,    \* the monitor's current timeout
    suspected,  \* the monitor suspects the process
    silent,     \* ticks since the process crashed and the network emptied
    mistakes    \* false suspicions raised at or after GST

vars == <<now, alive, inflight, elapsed, timeout, suspected, silent, mistakes>>

Max(a, b) == IF a > b THEN a ELSE b
Min(a, b) == IF a < b THEN a ELSE b

Init ==
    /\ now = 0
    /\ alive = TRUE
    /\ inflight = {}
    /\ elapsed = 0
    /\ timeout = Timeout0
    /\ suspected = FALSE
    /\ silent = 0
    /\ mistakes = 0

(* One tick. Time cannot pass a heartbeat's delivery deadline. The process *)
(* (if alive) sends a heartbeat; the monitor's count grows and may pass    *)
(* its timeout.                                                            *)
Tick ==
    /\ now < MaxTime
    /\ \A t \in inflight : Max(t, GST) + Delta > now + 1
    /\ now' = now + 1
    /\ inflight' = IF alive THEN inflight \cup {now + 1} ELSE inflight
    /\ IF elapsed + 1 > timeout
          THEN /\ elapsed' = 0
               /\ suspected' = TRUE
               /\ mistakes' = IF alive /\ ~suspected /\ now + 1 >= GST THEN mistakes + 1 ELSE mistakes
          ELSE /\ elapsed' = elapsed + 1
               /\ UNCHANGED <<suspected, mistakes>>
    /\ silent' = IF ~alive /\ inflight = {} THEN silent + 1 ELSE 0
    /\ UNCHANGED <<alive, timeout>>

(* The heartbeat sent at t arrives: the monitor hears the process, and a  *)
(* suspicion was a mistake, which doubles the timeout.                    *)
Deliver(t) ==
    /\ t \in inflight
    /\ inflight' = inflight \ {t}
    /\ elapsed' = 0
    /\ IF suspected
          THEN /\ suspected' = FALSE
               /\ timeout' = Min(2 * timeout, MaxTimeout)
          ELSE UNCHANGED <<suspected, timeout>>
    /\ UNCHANGED <<now, alive, silent, mistakes>>

(* The process crashes. *)
Crash ==
    /\ alive
    /\ alive' = FALSE
    /\ UNCHANGED <<now, inflight, elapsed, timeout, suspected, silent, mistakes>>

Next == Tick \/ (\E t \in inflight : Deliver(t)) \/ Crash

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
TypeOK ==
    /\ now \in 0 .. MaxTime
    /\ inflight \subseteq 0 .. MaxTime
    /\ timeout \in Timeout0 .. MaxTimeout

(* A perfect detector never suspects a live process (false asynchronously). *)
StrongAccuracy == alive => ~suspected

(* Eventual strong accuracy, bounded: after GST the detector errs at most  *)
(* MaxMistakes times, after which it never suspects a live process again.  *)
EventualAccuracy == mistakes <= MaxMistakes

(* Strong completeness: a crashed process whose heartbeats have all been   *)
(* delivered is suspected once the monitor has waited past its timeout.    *)
StrongCompleteness == silent > timeout => suspected
=============================================================================
