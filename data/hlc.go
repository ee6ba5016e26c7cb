package data

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// hlc is one reading of a hybrid logical clock: the wall time in
// milliseconds, a counter for changes within (or behind) one millisecond,
// and the device that made the change. Two laptops' clocks disagree, so a
// change made after seeing another device's change gets a reading above
// that change's, whatever its own wall clock says; among changes that did
// not see each other the later wall time wins, and the device id breaks a
// tie. Its text form is fixed width, so text order is clock order.
type hlc struct {
	wall   int64 // Unix milliseconds
	count  int
	device string
}

// maxHLCCount is the counter's largest value; past it the wall part moves
// on by a millisecond.
const maxHLCCount = 9999

var hlcPattern = regexp.MustCompile(`^[0-9]{15}\.[0-9]{4}\.[0-9a-f]{16}$`)

func (h hlc) String() string {
	return fmt.Sprintf("%015d.%04d.%s", h.wall, h.count, h.device)
}

// parseHLC reads the text form.
func parseHLC(s string) (hlc, error) {
	if !hlcPattern.MatchString(s) {
		return hlc{}, fmt.Errorf("clock %q is not a hybrid logical clock reading", s)
	}
	wall, _ := strconv.ParseInt(s[:15], 10, 64)
	count, _ := strconv.Atoi(s[16:20])
	return hlc{wall: wall, count: count, device: s[21:]}, nil
}

// hlClock is a device's hybrid logical clock: the highest reading it has
// made or seen.
type hlClock struct {
	wall   int64
	count  int
	device string
}

// stamp returns the reading for a change this device made at pt (by its own
// wall clock): above every reading made or seen so far.
func (c *hlClock) stamp(pt time.Time) hlc {
	if ms := pt.UnixMilli(); ms > c.wall {
		c.wall, c.count = ms, 0
	} else if c.count++; c.count > maxHLCCount {
		c.wall, c.count = c.wall+1, 0
	}
	return hlc{c.wall, c.count, c.device}
}

// observe moves the clock up to a reading another device made.
func (c *hlClock) observe(h hlc) {
	if h.wall > c.wall || h.wall == c.wall && h.count > c.count {
		c.wall, c.count = h.wall, h.count
	}
}

// String is the clock's state as machine-local state keeps it.
func (c *hlClock) String() string { return hlc{c.wall, c.count, c.device}.String() }

// versionVector is, for one evening or morning, the newest clock reading
// of each device whose change it includes. It tells a change made after
// seeing another (it includes that one's readings) from two made side by
// side (neither includes the other), which is when both texts are kept.
type versionVector map[string]string // device -> hlc text

// parseVV reads the text form: readings separated by commas.
func parseVV(s string) (versionVector, error) {
	vv := versionVector{}
	if s == "" {
		return vv, nil
	}
	for _, part := range strings.Split(s, ",") {
		h, err := parseHLC(part)
		if err != nil {
			return nil, err
		}
		if old, ok := vv[h.device]; !ok || part > old {
			vv[h.device] = part
		}
	}
	return vv, nil
}

// String writes the readings in device order, so equal vectors have equal
// text.
func (vv versionVector) String() string {
	return strings.Join(vv.list(), ",")
}

func (vv versionVector) list() []string {
	out := make([]string, 0, len(vv))
	for _, h := range vv {
		out = append(out, h)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][21:] < out[j][21:] })
	return out
}

// covers reports whether vv includes every change other includes.
func (vv versionVector) covers(other versionVector) bool {
	for dev, h := range other {
		if vv[dev] < h {
			return false
		}
	}
	return true
}

// join returns a vector that includes both.
func (vv versionVector) join(other versionVector) versionVector {
	out := versionVector{}
	for dev, h := range vv {
		out[dev] = h
	}
	for dev, h := range other {
		if out[dev] < h {
			out[dev] = h
		}
	}
	return out
}
