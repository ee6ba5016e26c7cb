package ui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"matchday/data"
)

// TestMain runs the tests, or, with MATCHDAY_UI_GAP=1 and a display, the
// measurement of how long the UI goroutine goes without running a fyne.Do
// while a 10-year import runs in the window (a timing goal, so a script,
// not a test: `make bench` runs it under Xvfb). The real driver needs the
// main goroutine, which TestMain has.
func TestMain(m *testing.M) {
	if os.Getenv("MATCHDAY_UI_GAP") == "1" {
		os.Exit(measureImportGap())
	}
	os.Exit(m.Run())
}

// pinger sends a fyne.Do every 10 ms and records, on the UI goroutine, the
// longest time between two of them running.
type pinger struct {
	mu      sync.Mutex
	last    time.Time
	longest time.Duration
	n       int
	stop    chan struct{}
	done    chan struct{}
}

func startPinger() *pinger {
	p := &pinger{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				fyne.Do(p.ping)
			}
		}
	}()
	return p
}

// ping runs on the UI goroutine.
func (p *pinger) ping() {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if !p.last.IsZero() {
		p.longest = max(p.longest, now.Sub(p.last))
	}
	p.last = now
	p.n++
}

func (p *pinger) result() (time.Duration, int) {
	close(p.stop)
	<-p.done
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.longest, p.n
}

// measureImportGap opens the main window on an empty journal, lets it idle
// for two seconds with the pinger (the loop's own longest gap), then imports
// the export of a 10-year demo journal through the window's import (the
// code the menu runs) and reports the longest gap during it.
func measureImportGap() int {
	dir, err := os.MkdirTemp("", "matchday-uigap-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	now := func() time.Time { return time.Date(2026, 11, 26, 14, 0, 0, 0, time.Local) }
	ctx := context.Background()
	var export bytes.Buffer
	src, err := data.Open(filepath.Join(dir, "ten-years.db"), data.WithClock(now))
	if err == nil {
		_, err = src.Demo(ctx, 10, "en", 1)
	}
	if err == nil {
		err = src.ExportJSON(ctx, &export)
		src.Close()
	}
	s, err2 := data.Open(filepath.Join(dir, "matchday.db"), data.WithClock(now), data.WithCheckLater())
	if err == nil {
		err = err2
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	a := fyneapp.NewWithID(AppID)
	u := NewUI(a, s, now)
	u.live = true
	m := u.ShowMain()
	s.StartCheck()
	status := 0
	a.Lifecycle().SetOnStarted(func() {
		go func() {
			time.Sleep(time.Second) // the first frames
			idle := startPinger()
			time.Sleep(2 * time.Second)
			idleGap, idleN := idle.result()

			p := startPinger()
			start, cpu0 := time.Now(), mainThreadCPU()
			doneCh := make(chan struct{})
			fyne.Do(func() {
				u.importFrom(m.win, "ten-years.json", bytes.NewReader(export.Bytes()))
				go func() { u.waitTasks(); close(doneCh) }()
			})
			<-doneCh
			took, cpu := time.Since(start), mainThreadCPU()-cpu0
			gap, n := p.result()
			var wins int
			if c, err := s.WinCounts(ctx, data.NewDay(2026, 11, 26)); err == nil {
				wins = c.Career
			}
			if wins == 0 {
				fmt.Println("the import did not arrive")
				status = 1
			}
			fmt.Printf("UI goroutine, idle main window: longest gap between fyne.Do pings %.1f ms (%d pings in 2 s)\n", ms(idleGap), idleN)
			fmt.Printf("UI goroutine during a 10-year import (%d wins, %.2f s): longest gap %.1f ms (%d pings; goal <= 50 ms); the UI thread's own CPU meanwhile %.0f ms\n", wins, took.Seconds(), ms(gap), n, ms(cpu))
			fyne.Do(a.Quit)
		}()
	})
	a.Run()
	return status
}

// mainThreadCPU is the CPU time of the process's first thread, where the
// UI goroutine runs (the driver locks it there): what the UI goroutine
// itself spent, apart from waiting for a core.
func mainThreadCPU() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/self/task/%d/stat", os.Getpid()))
	if err != nil {
		return 0
	}
	// The fields after the command name (in parentheses, which may hold
	// spaces): utime and stime are the 12th and 13th of them, in ticks of
	// 1/100 s (USER_HZ on Linux).
	rest := string(b[bytes.LastIndexByte(b, ')')+2:])
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.Atoi(f[11])
	st, _ := strconv.Atoi(f[12])
	return time.Duration(ut+st) * 10 * time.Millisecond
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
