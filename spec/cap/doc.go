// Package cap is Cap.tla transliterated into Go (claim C5, the CAP theorem):
// two replicas of one register, clients that read and write through either
// replica, and a network between the replicas that partitions. An AP design
// answers from the local copy and propagates writes in the background; a CP
// design answers only after a round trip to the other replica. The ghost
// lin (lin.go) decides linearizability exactly, so the models show both
// sides of CAP: AP loses linearizability, CP loses availability while a
// partition lasts, and CP keeps both when no partition occurs.
package cap
