// Package conformance holds no code, only tests: they point the official
// Anthropic Go SDK (v2) and this repository's own library at the admintest
// fake and check that both work against it with real values. If the SDK
// cannot decode something the fake sends, the fake is wrong.
//
// It is a module of its own so that the official SDK is never a dependency
// of the library. Run it with:
//
//	cd conformance && go test ./...
package conformance
