---- MODULE Cycle ----
\* A behaviour that cycles forever, for a real "Back to state" lasso in TLC's output.
EXTENDS Naturals
VARIABLE x
Init == x = <<0, "a">>
Next == x' = <<(x[1] + 1) % 3, "a">>
Spec == Init /\ [][Next]_x /\ WF_x(Next)
Never == <>(x[1] = 5)
====
