package vanban

import (
	"bytes"
	"encoding/json"
)

// marshal encodes v without escaping "<", ">" and "&", so a target's
// ">=" reads as written; an outer encoder keeps them unescaped when it is
// told SetEscapeHTML(false).
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// nullable returns nil for the empty string, so JSON writes null.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// MarshalJSON writes a milestone as the gold readings do: null for an
// empty action, recurrence, yearly_due or condition.
func (m Milestone) MarshalJSON() ([]byte, error) {
	return marshal(struct {
		Action     *string  `json:"action"`
		Start      Date     `json:"start"`
		Due        Date     `json:"due"`
		Recurrence *string  `json:"recurrence"`
		YearlyDue  *string  `json:"yearly_due"`
		Condition  *string  `json:"condition"`
		Cites      []string `json:"cites,omitempty"`
	}{
		nullable(m.Action), m.Start, m.Due, nullable(string(m.Recurrence)),
		nullable(m.YearlyDue), nullable(m.Condition), m.Cites,
	})
}

// MarshalJSON writes a target as the gold readings do: null for an empty
// per and for a zero by_year.
func (t Target) MarshalJSON() ([]byte, error) {
	var byYear *int
	if t.ByYear != 0 {
		byYear = &t.ByYear
	}
	return marshal(struct {
		Op     string  `json:"op"`
		Value  float64 `json:"value"`
		Unit   string  `json:"unit"`
		Per    *string `json:"per"`
		ByYear *int    `json:"by_year"`
	}{t.Op, t.Value, t.Unit, nullable(t.Per), byYear})
}
