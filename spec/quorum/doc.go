// Package quorum is Quorum.tla transliterated into Go (claim C3: n >= 2f+1):
// nodes vote once for a candidate, some crash, and a candidate with Q votes
// wins. Its models show both ways n = 2f fails (two winners, or no winner
// after f crashes) and that n = 2f+1 with majority quorums does neither.
package quorum
