// Command ownprotocol is the explore command line for a protocol that
// lives outside distcheck: two-phase commit, registered in twopc.go.
// It uses only distcheck's public packages.
package main

import (
	"os"

	"github.com/distcheck/distcheck/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr)) }
