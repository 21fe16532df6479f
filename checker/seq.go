package checker

// PrefixConsistent reports whether, of any two sequences, one is a prefix
// of the other: the safety of replicated logs and state machines, whose
// replicas may lag but must never diverge.
func PrefixConsistent[T comparable](seqs [][]T) bool {
	for i, a := range seqs {
		for _, b := range seqs[i+1:] {
			for k := 0; k < min(len(a), len(b)); k++ {
				if a[k] != b[k] {
					return false
				}
			}
		}
	}
	return true
}
