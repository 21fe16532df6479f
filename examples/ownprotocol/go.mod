module example.com/ownprotocol

go 1.26.8

require github.com/distcheck/distcheck v0.0.0

replace github.com/distcheck/distcheck => ../..
