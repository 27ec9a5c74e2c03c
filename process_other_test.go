//go:build !unix

package main

// processCmds are none here: the scripts that use them run on Linux.
var processCmds = map[string]scriptCmd{}
