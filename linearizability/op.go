package linearizability

import (
	"fmt"
	"math"
)

// Op is one client operation: the client called it at Call and saw Output at
// Return. Times are any integer clock (nanoseconds, ticks, event positions);
// the interval [Call, Return] is closed, as in porcupine, so two operations
// that share an endpoint are concurrent.
//
// Return < 0 (use the constant Pending) means the outcome is unknown: the
// client timed out or crashed, and the operation may or may not have taken
// effect, at any time after Call. Output is then ignored.
type Op[I, O any] struct {
	Client int
	Input  I
	Output O
	Call   int64
	Return int64
}

// Pending is the Return of an operation whose outcome is unknown.
const Pending int64 = -1

// IsPending reports whether the operation's outcome is unknown.
func (op Op[I, O]) IsPending() bool { return op.Return < 0 }

// Validate reports the first malformed operation of h: a negative client or
// call time, a return before its call, or a time too large to place an
// unknown outcome after it. An empty history is valid.
func Validate[I, O any](h []Op[I, O]) error {
	for i, op := range h {
		if err := validateOp(op); err != nil {
			return fmt.Errorf("operation %d (client %d): %w", i, op.Client, err)
		}
	}
	return nil
}

func validateOp[I, O any](op Op[I, O]) error {
	switch {
	case op.Client < 0:
		return fmt.Errorf("client %d is negative", op.Client)
	case op.Call < 0:
		return fmt.Errorf("call time %d is negative", op.Call)
	case op.Call == math.MaxInt64 || op.Return == math.MaxInt64:
		// Check places unknown outcomes one tick after the last event.
		return fmt.Errorf("time %d leaves no room after it", int64(math.MaxInt64))
	case op.Return >= 0 && op.Call > op.Return:
		return fmt.Errorf("call %d > return %d", op.Call, op.Return)
	}
	return nil
}
