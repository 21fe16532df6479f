package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/cli"
)

// The explorer of an outside system: it answers on the address it prints
// and stops when its context ends.
func TestExplorerServesAndStops(t *testing.T) {
	sys, err := cli.Lookup("counter")
	require.NoError(t, err)
	params, err := sys.Resolve("overflow", nil)
	require.NoError(t, err)
	x, err := cli.NewExplorer(sys, "overflow", params, 1000)
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- x.Serve(ctx, ln, &out) }()

	resp, err := http.Post("http://"+ln.Addr().String()+"/api/find?prop=AtMostLimit", "text/plain", nil)
	require.NoError(t, err)
	var v struct {
		Pos        int
		Properties []cli.Judgement
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&v))
	resp.Body.Close()
	assert.Equal(t, 4, v.Pos, "the shortest path past the limit has 4 steps")
	assert.Equal(t, "violated", v.Properties[0].Status)

	cancel()
	require.NoError(t, <-done)
	assert.True(t, strings.HasPrefix(out.String(), "explorer of counter/overflow at http://"+ln.Addr().String()+"/"), out.String())
	_, err = http.Get("http://" + ln.Addr().String() + "/")
	assert.Error(t, err, "the server is down")
}
