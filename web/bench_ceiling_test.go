package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"mobilize/internal/loadgen"
)

// BenchmarkHTTPCeiling is BenchmarkFormSubmissions with the application
// taken out: the same 2,000 concurrent POSTs from the same client, on new
// loopback connections, to a handler that only parses the form and
// redirects, against the same yardstick (2,000 bare single-row INSERTs on a
// Store's database) in the same operation. Its ratio is the most any sign-up
// handler can reach on this machine with this load generator, whatever the
// Store does: the two benchmarks side by side say how much of the form's
// cost is HTTP and how much is ours.
//
//	go test -run XXX -bench 'HTTPCeiling|FormSubmissions' -benchtime 2x ./web
func BenchmarkHTTPCeiling(b *testing.B) {
	for _, m := range burstModes {
		b.Run(m.name, func(b *testing.B) { benchHTTPCeiling(b, m.conns) })
	}
}

func benchHTTPCeiling(b *testing.B, conns int) {
	const burst = 2000
	f := newFixture(b, 40)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil || r.PostForm.Get("phone") == "" {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		http.Redirect(w, r, "/r/x", http.StatusSeeOther)
	}))
	defer ts.Close()
	forms := make([]form, burst)
	for i := range forms {
		forms[i] = form{cookie: "c", csrf: "t"}
	}
	var submitTime, insertTime time.Duration
	var lat []time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		lat = append(lat, submitBurst(b, ts.URL+"/s/x", conns, forms)...)
		submitTime += time.Since(start)
		b.StopTimer()
		start = time.Now()
		if err := loadgen.Baseline(context.Background(), f.store, burst); err != nil {
			b.Fatal(err)
		}
		insertTime += time.Since(start)
		b.StartTimer()
	}
	reportBurst(b, b.N*burst, submitTime, insertTime, lat)
}
