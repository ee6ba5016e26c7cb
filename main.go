// Command matchday is a success journal: log the day's wins, celebrate them
// in the evening, and set the next morning's training focus.
//
// main only wires: the command line, the store, the agent and the windows are
// in app/, app/agent/ and data/.
package main

import (
	"os"

	"matchday/app"
	_ "matchday/app/systemlocale" // first: keeps a C locale from reaching Fyne as a language
)

func main() {
	os.Exit(app.Main(os.Args[1:], app.OSEnv()))
}
