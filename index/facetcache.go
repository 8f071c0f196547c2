package index

import (
	"encoding/json"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2"
)

// facetCache holds the facet counts of recent queries until the next
// write to the index. Counts depend on the query and the facet size only,
// not on the page or the order of the hits.
type facetCache struct {
	mu sync.Mutex
	m  map[string][]Facet
}

// maxCachedFacets bounds the queries whose counts are kept; when full,
// the cache starts afresh (queries repeat in bursts: a user paging).
const maxCachedFacets = 256

func (c *facetCache) get(key string) []Facet {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[key]
}

func (c *facetCache) put(key string, f []Facet) {
	if key == "" || f == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCachedFacets {
		c.m = map[string][]Facet{}
	}
	c.m[key] = f
}

func (c *facetCache) reset() {
	c.mu.Lock()
	c.m = nil
	c.mu.Unlock()
}

// facetKey names what a request's facet counts depend on: its query and
// the facet size; "" when the query cannot be written down.
func facetKey(req *bleve.SearchRequest, opts Options) string {
	b, err := json.Marshal(req.Query)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%d|%s", facetSize(opts), b)
}
