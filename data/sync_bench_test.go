package data

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// benchPass is the passphrase of the benchmarks' folders; they seal it with
// age's default scrypt work factor, as users get.
const benchPass = "violet-harbor-tiger-maple-comet-olive"

// syncedTenYears is a ten-year demo journal that has written its first log
// into a folder, and that folder.
func syncedTenYears(b *testing.B) (*Store, string) {
	b.Helper()
	s := openTenYears(b)
	folder := filepath.Join(b.TempDir(), "Sync")
	if _, err := s.Sync(context.Background(), folder, SyncOptions{Passphrase: benchPass}); err != nil {
		b.Fatal(err)
	}
	return s, folder
}

// BenchmarkSyncNothingNew is the pass the agent runs every few minutes and
// on every change in the folder: nothing changed here or there.
func BenchmarkSyncNothingNew(b *testing.B) {
	s, folder := syncedTenYears(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rep, err := s.Sync(ctx, folder, SyncOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Wrote+rep.Files != 0 {
			b.Fatalf("the pass did something: %+v", rep)
		}
	}
}

// BenchmarkSyncFirstWrite is a ten-year journal's first pass: the whole
// journal into its first, encrypted log.
func BenchmarkSyncFirstWrite(b *testing.B) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := openTenYears(b)
		folder := filepath.Join(b.TempDir(), "Sync")
		b.StartTimer()
		rep, err := s.Sync(ctx, folder, SyncOptions{Passphrase: benchPass})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(rep.Wrote), "records")
	}
}

// BenchmarkSyncFirstRead is a new device's first pass on a folder that
// holds a ten-year journal: the passphrase opens the key (scrypt), the log
// is decrypted, checked and merged into the empty journal, after a backup.
func BenchmarkSyncFirstRead(b *testing.B) {
	_, folder := syncedTenYears(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), "new.db"), WithClock(benchNow))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := s.Sync(ctx, folder, SyncOptions{Passphrase: benchPass})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		b.ReportMetric(float64(rep.Read), "records")
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkSyncFirstReadJoined is BenchmarkSyncFirstRead for a device that
// has already opened the folder's key (Settings does that when the
// passphrase is typed): the merge without the one-time scrypt.
func BenchmarkSyncFirstReadJoined(b *testing.B) {
	_, folder := syncedTenYears(b)
	meta, err := os.ReadFile(filepath.Join(folder, SyncDirName, folderMetaName))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), "new.db"), WithClock(benchNow))
		if err != nil {
			b.Fatal(err)
		}
		empty := filepath.Join(b.TempDir(), "Sync")
		if err := os.MkdirAll(filepath.Join(empty, SyncDirName), 0o700); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(empty, SyncDirName, folderMetaName), meta, 0o600); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Sync(ctx, empty, SyncOptions{Passphrase: benchPass}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := s.Sync(ctx, folder, SyncOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if rep.Read < 9000 {
			b.Fatalf("read %d records", rep.Read)
		}
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkSyncOpenKey is the one step of a new device's first pass that
// BenchmarkSyncFirstReadJoined leaves out: opening the folder's key from
// the passphrase (age's scrypt at its default work factor, 2^18), once per
// device. The logs themselves are encrypted to the folder's X25519 key,
// which costs microseconds a file.
func BenchmarkSyncOpenKey(b *testing.B) {
	meta, _, err := newFolderKey(benchPass, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := openFolderKey(meta, benchPass); err != nil {
			b.Fatal(err)
		}
	}
}
