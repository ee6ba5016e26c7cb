package agent

// E2EBinDir is where the end-to-end tests build matchday; TestMain makes
// and removes it.
var E2EBinDir string
