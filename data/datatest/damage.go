package datatest

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// The damage a failing disk or a stray write leaves in a journal, made on
// purpose for the tests of the check and the repair. The journal must be
// closed (its -wal folded in) first.

// DamageIndex flips one byte of a win's uuid where the named index of the
// wins holds it (on a leaf page of the index's b-tree): the entry then
// points at no row, so the win is missing from lists that read through the
// index, while the table and the counts still have it. Only the full check
// finds this, and a repair fixes it. It returns the win's uuid.
func DamageIndex(t testing.TB, path, index string) string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var root int64
	err = db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = ?", index).Scan(&root)
	var uuids []string
	if err == nil {
		var rows *sql.Rows
		if rows, err = db.Query("SELECT uuid FROM wins NOT INDEXED"); err == nil {
			for rows.Next() {
				var u string
				rows.Scan(&u)
				uuids = append(uuids, u)
			}
			rows.Close()
		}
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	size := int64(binary.BigEndian.Uint16(b[16:18]))
	for _, p := range treePages(t, b, size, root) {
		page := b[(p-1)*size : p*size]
		if page[0] != 0x0a {
			continue // an interior page's keys only guide the search
		}
		for _, cell := range leafCells(page) {
			for _, u := range uuids {
				if i := bytes.Index(cell, []byte(u)); i >= 0 {
					cell[i+20] ^= 0x01 // a digit of the fourth group: still 36 characters
					if err := os.WriteFile(path, b, 0o600); err != nil {
						t.Fatal(err)
					}
					return u
				}
			}
		}
	}
	t.Fatalf("no win's uuid on the leaf pages of %s", index)
	return ""
}

// leafCells returns the live cells of an index leaf page, each as the
// slice of the page it takes (sqlite.org/fileformat.html, 1.6: the cell
// pointer array follows the 8-byte header; a cell starts with its payload
// size). A page's free space may still hold copies of keys moved away by
// a split: damage there is no damage.
func leafCells(page []byte) [][]byte {
	n := int(binary.BigEndian.Uint16(page[3:5]))
	var cells [][]byte
	for i := range n {
		start := int(binary.BigEndian.Uint16(page[8+2*i:]))
		size, w := binary.Uvarint(bigEndianVarint(page[start:]))
		end := start + w + int(size)
		if w <= 0 || end > len(page) {
			continue // a payload that spills onto overflow pages
		}
		cells = append(cells, page[start:end])
	}
	return cells
}

// bigEndianVarint turns SQLite's varint (big-endian, 7 bits a byte, at
// most 9 bytes) at the start of b into Go's little-endian form for
// binary.Uvarint, for the short varints of a cell's payload size.
func bigEndianVarint(b []byte) []byte {
	var groups []byte
	for i := 0; i < len(b) && i < 8; i++ {
		groups = append(groups, b[i]&0x7f)
		if b[i]&0x80 == 0 {
			break
		}
	}
	out := make([]byte, len(groups))
	for i := range groups {
		out[i] = groups[len(groups)-1-i]
		if i < len(groups)-1 {
			out[i] |= 0x80
		}
	}
	return out
}

// DamageRecords flips the page type of the right-most leaf page of the
// wins table: damage in the records, which Open does not read and the full
// check finds, and which no repair can fix.
func DamageRecords(t testing.TB, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var root int64
	err = db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = 'wins'").Scan(&root)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	size := int64(binary.BigEndian.Uint16(b[16:18]))
	for page := root; ; {
		off := (page - 1) * size
		switch b[off] {
		case 0x0a, 0x0d:
			if page == root {
				t.Fatal("the wins table has a single page, which Open reads; add more wins")
			}
			b[off] ^= 0xa5
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			return
		case 0x02, 0x05:
			page = int64(binary.BigEndian.Uint32(b[off+8 : off+12]))
		default:
			t.Fatalf("page %d of wins has type %#x", page, b[off])
		}
	}
}

// treePages returns every page of the b-tree whose root is root, walking
// its interior pages' child pointers (sqlite.org/fileformat.html, 1.6).
func treePages(t testing.TB, b []byte, size, root int64) []int64 {
	t.Helper()
	var pages []int64
	var walk func(p int64)
	walk = func(p int64) {
		pages = append(pages, p)
		off := (p - 1) * size
		switch b[off] {
		case 0x02, 0x05:
			n := int64(binary.BigEndian.Uint16(b[off+3 : off+5]))
			for i := range n {
				cell := off + int64(binary.BigEndian.Uint16(b[off+12+2*i:]))
				walk(int64(binary.BigEndian.Uint32(b[cell:])))
			}
			walk(int64(binary.BigEndian.Uint32(b[off+8 : off+12])))
		case 0x0a, 0x0d:
		default:
			t.Fatalf("page %d has type %#x", p, b[off])
		}
	}
	walk(root)
	return pages
}

// Digest is a file's SHA-256 in hex, or "absent" when there is no file: a
// test that a journal kept its exact bytes compares two of them.
func Digest(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return "absent"
	}
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

// Digests is every file in dir by name with its Digest; nil when there is
// no dir. A read must leave it exactly as it was.
func Digests(t testing.TB, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		if e.Type().IsRegular() {
			out[e.Name()] = Digest(t, filepath.Join(dir, e.Name()))
		}
	}
	return out
}
