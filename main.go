package main

import (
	"os"

	"github.com/sandcastle/sandcastle/cmd"
	"github.com/sandcastle/sandcastle/internal/server"
)

func main() {
	// Before anything else: started again as a confined server's launcher,
	// sandcastle confines itself and becomes the server (grade).
	server.RunLauncher()
	os.Exit(cmd.Execute())
}
