package admintest

import (
	"bytes"
	"encoding/json"
)

type complianceSettings struct {
	Type  string `json:"type"`
	State struct {
		Type string `json:"type"`
	} `json:"state"`
}

func (a *access) complianceSettings() complianceSettings {
	s := complianceSettings{Type: "compliance_settings"}
	s.State.Type = a.compliance
	return s
}

func getComplianceSettings(c *call) (any, *apiError) { return c.st.access.complianceSettings(), nil }

// updateComplianceSettings takes the state in its object form or as the
// string shorthand, and answers in the object form.
func updateComplianceSettings(c *call) (any, *apiError) {
	var body struct {
		State json.RawMessage `json:"state"`
	}
	if err := c.decode(&body); err != nil {
		return nil, err
	}
	if body.State == nil {
		return nil, errInvalid("state: Field required")
	}
	var state string
	if bytes.HasPrefix(bytes.TrimSpace(body.State), []byte("{")) {
		var obj struct {
			Type string `json:"type"`
		}
		dec := json.NewDecoder(bytes.NewReader(body.State))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&obj); err != nil {
			return nil, errInvalid("state: expected {\"type\": \"enabled\"} or {\"type\": \"disabled\"}")
		}
		state = obj.Type
	} else if err := json.Unmarshal(body.State, &state); err != nil {
		return nil, errInvalid("state: expected an object or the string enabled or disabled")
	}
	if state != "enabled" && state != "disabled" {
		return nil, errInvalid("state: %q is not one of enabled, disabled", state)
	}
	c.st.access.compliance = state
	return c.st.access.complianceSettings(), nil
}
