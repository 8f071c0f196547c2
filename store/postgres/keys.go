package postgres

import (
	"encoding/json"
	"fmt"
	"time"

	"vanban"
)

// encodeDate writes any Date, even a partial one, so that decodeDate
// gives it back: "" for the zero Date.
func encodeDate(d vanban.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

func decodeDate(s string) vanban.Date {
	var y, m, d int
	if s == "" {
		return vanban.Date{}
	}
	if _, err := fmt.Sscanf(s, "%d-%d-%d", &y, &m, &d); err != nil {
		return vanban.Date{}
	}
	return vanban.Date{Year: y, Month: time.Month(m), Day: d}
}

// encodeJSON stores a list or map; nil and empty both store as "null" so
// that a loaded document has nil where the extractor left nothing.
func encodeJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil || string(b) == "[]" || string(b) == "{}" {
		return "null"
	}
	return string(b)
}

func decodeStrings(s string) []string {
	var v []string
	if json.Unmarshal([]byte(s), &v) != nil || len(v) == 0 {
		return nil
	}
	return v
}

// decodeOptional reads a JSON object stored for an optional field; nil
// for "null", "" or what cannot be read.
func decodeOptional[T any](s string) *T {
	if s == "" || s == "null" {
		return nil
	}
	v := new(T)
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return nil
	}
	return v
}
