// Package version holds the version `matchday version` prints. It is a
// package of its own, with nothing else in it, so the build can stamp it:
//
//	go build -ldflags "-X matchday/app/version.Version=0.1.0+g64f40e0" .
//
// The Makefile does that for build, install and dist, with what
// packaging/version prints (the git tag, or FyneApp.toml's version and the
// commit).
package version

// Version is Matchday's version; "dev" in a build the Makefile did not
// stamp (go run, go build, go test).
var Version = "dev"
