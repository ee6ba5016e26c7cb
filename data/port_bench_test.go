package data

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// The benchmarks share one 10-year demo journal (Demo(ctx, 10, "en", 1)),
// made once per test binary and copied for each benchmark.
var (
	demo10Once sync.Once
	demo10Path string
	demo10Err  error
)

func demo10(b *testing.B) *Store {
	b.Helper()
	demo10Once.Do(func() {
		dir, err := os.MkdirTemp("", "matchday-bench-")
		if err != nil {
			demo10Err = err
			return
		}
		demo10Path = filepath.Join(dir, "demo10.db")
		clock := &portClock{portNow(b)}
		s, err := Open(demo10Path, WithClock(clock.now))
		if err != nil {
			demo10Err = err
			return
		}
		if _, err := s.Demo(context.Background(), 10, "en", 1); err != nil {
			demo10Err = err
		}
		s.Close()
	})
	if demo10Err != nil {
		b.Fatal(demo10Err)
	}
	clock := &portClock{portNow(b)}
	s := openPortStore(b, clock)
	if _, err := s.Restore(context.Background(), demo10Path, AllowOtherJournal()); err != nil {
		b.Fatal(err)
	}
	return s
}

func benchExport(b *testing.B, export func(*Store, io.Writer) error) {
	s := demo10(b)
	var size int64
	b.ResetTimer()
	for b.Loop() {
		cw := &countWriter{}
		if err := export(s, cw); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	b.ReportMetric(float64(size)/1e6, "MB")
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func BenchmarkExportMarkdown(b *testing.B) {
	benchExport(b, func(s *Store, w io.Writer) error {
		return s.ExportMarkdown(context.Background(), w, EnglishMarkdownLabels())
	})
}

func BenchmarkExportCSV(b *testing.B) {
	benchExport(b, func(s *Store, w io.Writer) error { return s.ExportCSV(context.Background(), w) })
}

func BenchmarkExportJSON(b *testing.B) {
	benchExport(b, func(s *Store, w io.Writer) error { return s.ExportJSON(context.Background(), w) })
}

// BenchmarkImportJSON imports the 10-year export into an empty journal,
// the backup before it included.
func BenchmarkImportJSON(b *testing.B) {
	ctx := context.Background()
	var file bytes.Buffer
	if err := demo10(b).ExportJSON(ctx, &file); err != nil {
		b.Fatal(err)
	}
	clock := &portClock{portNow(b)}
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), "matchday.db"), WithClock(clock.now))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := s.Import(ctx, bytes.NewReader(file.Bytes())); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	s := demo10(b)
	for _, q := range []string{"zoe", "referral", "keller", "the"} {
		b.Run(q, func(b *testing.B) {
			n := 0
			for b.Loop() {
				hits, err := s.Search(ctx, q, 0)
				if err != nil {
					b.Fatal(err)
				}
				n = len(hits)
			}
			if n == 0 {
				b.Fatalf("%q found nothing", q)
			}
			b.ReportMetric(float64(n), "hits")
		})
	}
}
