package linearizability

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// These pin what hand mutations of check.go and op.go showed untested
// (tried against 14: the rest were caught already; two that place the
// unknown outcomes one tick earlier are equivalent, since every call is
// still before them).

// TestUnknownOutputWithAReturnIsAmbiguous: an operation that returned but
// whose outcome is unknown (a timeout reported at 5) is moved after every
// event like a pending one: the put may take effect after the read that
// missed it.
func TestUnknownOutputWithAReturnIsAmbiguous(t *testing.T) {
	h := []kvOp{
		{Client: 0, Input: KVInput{Op: Put, Key: "x", Value: "1"}, Output: KVOutput{Unknown: true}, Call: 0, Return: 5},
		get(1, "x", "", 10, 12),
	}
	res := Check(KVModel(), h, 0)
	assert.Equal(t, Ok, res.Verdict)
	assert.Equal(t, 1, res.Ambiguous)
	h[0].Output.Unknown = false // a known put before the read: the read is stale
	res = Check(KVModel(), h, 0)
	assert.Equal(t, Illegal, res.Verdict)
	assert.Equal(t, 0, res.Ambiguous)
}

// TestValidateBoundaries: a return at time 0 before its call, and a call
// at -1, are invalid (-1 is Pending only as a return).
func TestValidateBoundaries(t *testing.T) {
	assert.ErrorContains(t, Validate([]kvOp{put(0, "x", "1", 3, 0)}), "call 3 > return 0")
	assert.ErrorContains(t, Validate([]kvOp{put(0, "x", "1", -1, 5)}), "call time -1 is negative")
	assert.NoError(t, Validate([]kvOp{put(0, "x", "1", 0, 0), put(0, "x", "1", 0, Pending)}))
}
