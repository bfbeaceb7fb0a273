package conformance

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/audit"
)

// testdata/sarif-schema-2.1.0.json is the official SARIF 2.1.0 JSON schema,
// from github.com/oasis-tcs/sarif-spec (sarif-2.1/schema/, commit
// e0583813964ec43cea53b6b531b402866095ed1f), unchanged. It is an OASIS
// work product, distributed under the OASIS IPR Policy (RF on RAND terms
// mode; see that repository's LICENSE.md); it is used here only to check
// output against it.
const sarifSchema = "testdata/sarif-schema-2.1.0.json"

// The audit's SARIF output is a valid SARIF 2.1.0 log, for the demo
// organization (a finding of every rule) and for a clean one.
func TestAuditSARIFAgainstTheSchema(t *testing.T) {
	f, err := os.Open(sarifSchema)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	comp := jsonschema.NewCompiler()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := comp.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := comp.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	for _, seed := range []admintest.Seed{admintest.Demo(), admintest.Empty()} {
		srv := admintest.NewServer(admintest.WithSeed(seed), admintest.WithClock(admintest.SeedEpoch))
		rep, err := audit.Run(t.Context(), srv.Client(), audit.Options{Now: admintest.SeedEpoch, AllowedDomains: []string{"acme-robotics.example"}, MaxAdmins: 1})
		srv.Close()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := rep.WriteSARIF(&b); err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("SARIF output is not valid SARIF 2.1.0: %v", err)
		}
		var log struct {
			Runs []struct {
				Results []json.RawMessage `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(b.Bytes(), &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) != len(rep.Findings) {
			t.Errorf("%v: %d runs for %d findings", err, len(log.Runs), len(rep.Findings))
		}
	}
	// The check has teeth: a log without its version is refused.
	bad, _ := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(`{"runs": []}`)))
	if schema.Validate(bad) == nil {
		t.Error("the schema took a log with no version")
	}
}
