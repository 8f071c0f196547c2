package ingest

// Summary counts the outcomes of ingesting many files.
type Summary struct {
	Stored    int      `json:"stored"`
	Unchanged int      `json:"unchanged"`
	Failed    int      `json:"failed"`
	Skipped   int      `json:"skipped"`
	Errors    int      `json:"errors"`
	Results   []Result `json:"results"`
}

// Add counts r and keeps it.
func (s *Summary) Add(r Result) {
	switch r.Outcome {
	case Stored:
		s.Stored++
	case Unchanged:
		s.Unchanged++
	case Failed:
		s.Failed++
	case Skipped:
		s.Skipped++
	default:
		s.Errors++
	}
	s.Results = append(s.Results, r)
}

// Changed reports whether any file changed the store.
func (s *Summary) Changed() bool { return s.Stored > 0 || s.Failed > 0 }
