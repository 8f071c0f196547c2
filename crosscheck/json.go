package crosscheck

import (
	"bytes"
	"encoding/json"
	"io"

	"vanban"
)

// object is a JSON object that keeps its keys in order, so the output
// reads like gold crosscheck.json: units in plan order, tasks in plan
// order.
type object []field

type field struct {
	key   string
	value any
}

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshal(f.key)
		if err != nil {
			return nil, err
		}
		v, err := marshal(f.value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal is json.Marshal without HTML escaping: "R&D" stays readable.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// WriteJSON writes r in the format of gold crosscheck.json (as_of, plan,
// units → report, lead, coordinate), followed by the fields that format
// leaves out: each unit's reports and task states, overdue tasks, matches
// waiting for a person, unmatched items and warnings.
func (r *Result) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	return enc.Encode(r.jsonObject())
}

func (r *Result) jsonObject() object {
	units := object{}
	for i := range r.Units {
		units = append(units, field{r.Units[i].Unit, r.Units[i].jsonObject()})
	}
	review, unmatched := r.Review(), r.Unmatched()
	if review == nil {
		review = []Match{}
	}
	if unmatched == nil {
		unmatched = []Match{}
	}
	return object{
		{"as_of", r.AsOf},
		{"plan", r.Plan},
		{"plan_date", r.PlanDate},
		{"report_due", r.ReportDue},
		{"units", units},
		{"overdue", r.Overdue},
		{"review", review},
		{"unmatched", unmatched},
		{"warnings", r.Warnings},
	}
}

func (u *UnitResult) jsonObject() object {
	report := object{{"status", vanban.ReportMissing}}
	if u.Report != nil {
		report = object{
			{"reference", u.Report.Reference},
			{"date", u.Report.Date},
			{"status", u.Report.Status},
		}
	}
	lead, coordinate, states := object{}, object{}, object{}
	for _, t := range u.Lead {
		lead = append(lead, field{t.Key, t.Status})
	}
	for _, t := range u.Coordinate {
		coordinate = append(coordinate, field{t.Key, t.Status})
	}
	sources := object{}
	for _, t := range u.Tasks() {
		states = append(states, field{t.Key, t.State})
		if t.Source != "" {
			sources = append(sources, field{t.Key, t.Source})
		}
	}
	refs := []string{}
	for _, rep := range u.Reports {
		refs = append(refs, rep.Key)
	}
	return object{
		{"report", report},
		{"lead", lead},
		{"coordinate", coordinate},
		{"reports", refs},
		{"states", states},
		{"sources", sources},
	}
}
