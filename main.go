package main

import (
	"os"

	"github.com/sandcastle/sandcastle/cmd"
)

func main() { os.Exit(cmd.Execute()) }
