// Command matchday is a success journal: log the day's wins, celebrate them
// in the evening, and set the next morning's training focus.
//
// main only wires: the command line is app/cli, which hands windows to
// app/ui and the resident agent to app/agent; the store is data/.
package main

import (
	"os"

	"matchday/app/cli"
	_ "matchday/app/desktop/locale" // first: keeps a C locale from reaching Fyne as a language
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.OSEnv()))
}
