package longtest

import "testing"

func TestSkipFollowsTheEnvironment(t *testing.T) {
	t.Setenv(Env, "")
	if Enabled() {
		t.Fatal("enabled without the variable")
	}
	t.Setenv(Env, "1")
	if !Enabled() {
		t.Fatal("not enabled with the variable")
	}
	Skip(t) // must not skip now
}
