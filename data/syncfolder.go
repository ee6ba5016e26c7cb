package data

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// The sync folder (issue 20). Inside the folder the user picked:
//
//	matchday-sync/folder.json            the folder's settings: encrypted or not, and the key
//	matchday-sync/<device id>/00000001.jsonl   one device's change logs, append-only
//
// Each device writes only files in its own folder, each once, under a
// temporary name that is synced and renamed; no sync tool can then make a
// conflicted copy. A log is JSON lines: a header naming the device and the
// file's number, one line per changed record, and a trailer with the count
// and SHA-256 of what came before, so a file still arriving is told from a
// whole one. With encryption on (the default) the whole file is an age file
// encrypted to the folder's key, whose secret half folder.json holds
// encrypted under the passphrase.
const (
	SyncDirName    = "matchday-sync"
	folderMetaName = "folder.json"
	folderFormat   = "matchday-sync"
	folderVersion  = 1
	logVersion     = 1
)

// Why a sync pass refused to run; the journal is unchanged after each.
var (
	// ErrSyncFolderHasJournal: the folder holds the journal itself (or its
	// backups), which a sync tool would corrupt.
	ErrSyncFolderHasJournal = errors.New("the folder holds the journal itself")
	// ErrSyncNoFolder: no folder was given and none is set.
	ErrSyncNoFolder = errors.New("no sync folder is set")
	// ErrSyncPassphraseNeeded: the folder is encrypted and this device does
	// not know the passphrase yet.
	ErrSyncPassphraseNeeded = errors.New("the sync folder is encrypted and this device needs its passphrase")
	// ErrSyncPassphraseWrong: the passphrase does not open the folder's key.
	ErrSyncPassphraseWrong = errors.New("the passphrase does not open the sync folder")
	// ErrSyncFolderChanged: folder.json no longer matches what this device
	// knew (its encryption was turned off or its key replaced without the
	// passphrase), so nothing is read or written.
	ErrSyncFolderChanged = errors.New("the sync folder's settings changed without its passphrase")
	// ErrSyncFolderNewer: the folder was set up by a newer Matchday.
	ErrSyncFolderNewer = errors.New("the sync folder comes from a newer version of Matchday")
)

// folderMeta is folder.json.
type folderMeta struct {
	Format    string `json:"format"`
	Version   int    `json:"version"`
	Encrypted bool   `json:"encrypted"`
	// Recipient is the age key the logs are encrypted to; Key is its
	// secret half, age-encrypted under the passphrase (scrypt) and armored.
	Recipient string `json:"recipient,omitempty"`
	Key       string `json:"key,omitempty"`
	// OffProof, for a folder whose encryption was turned off, is
	// offStatement(the old recipient) encrypted under the passphrase: only
	// someone who knows it can turn encryption off for the devices that had
	// it on.
	OffProof string `json:"off_proof,omitempty"`
}

func offStatement(recipient string) string { return "matchday-sync: encryption off for " + recipient }

// syncKeys are the folder's keys when it is encrypted.
type syncKeys struct {
	recipient *age.X25519Recipient
	identity  *age.X25519Identity
}

func readFolderMeta(root string) (folderMeta, bool, error) {
	b, err := os.ReadFile(filepath.Join(root, folderMetaName))
	if errors.Is(err, os.ErrNotExist) {
		return folderMeta{}, false, nil
	}
	if err != nil {
		return folderMeta{}, false, err
	}
	var m folderMeta
	if err := json.Unmarshal(b, &m); err != nil || m.Format != folderFormat {
		return folderMeta{}, true, fmt.Errorf("%s is not a Matchday sync folder's settings: %w", folderMetaName, ErrSyncFolderChanged)
	}
	if m.Version > folderVersion {
		return folderMeta{}, true, ErrSyncFolderNewer
	}
	return m, true, nil
}

func writeFolderMeta(root string, m folderMeta) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(filepath.Join(root, folderMetaName), func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}

// scryptSeal encrypts text under the passphrase, armored.
func scryptSeal(text, passphrase string, workFactor int) (string, error) {
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return "", err
	}
	if workFactor > 0 {
		r.SetWorkFactor(workFactor)
	}
	var buf bytes.Buffer
	aw := armor.NewWriter(&buf)
	w, err := age.Encrypt(aw, r)
	if err != nil {
		return "", err
	}
	if _, err := io.WriteString(w, text); err != nil {
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	if err := aw.Close(); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// scryptOpen decrypts what scryptSeal wrote; a wrong passphrase is
// ErrSyncPassphraseWrong.
func scryptOpen(sealed, passphrase string) (string, error) {
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return "", err
	}
	r, err := age.Decrypt(armor.NewReader(strings.NewReader(sealed)), id)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) {
			return "", ErrSyncPassphraseWrong
		}
		return "", fmt.Errorf("%w (%v)", ErrSyncPassphraseWrong, err)
	}
	b, err := io.ReadAll(io.LimitReader(r, 1<<16))
	if err != nil {
		return "", fmt.Errorf("%w (%v)", ErrSyncFolderChanged, err)
	}
	return string(b), nil
}

// newFolderKey makes a key for an encrypted folder, its secret half sealed
// under the passphrase.
func newFolderKey(passphrase string, workFactor int) (folderMeta, *syncKeys, error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return folderMeta{}, nil, err
	}
	sealed, err := scryptSeal(id.String(), passphrase, workFactor)
	if err != nil {
		return folderMeta{}, nil, err
	}
	m := folderMeta{Format: folderFormat, Version: folderVersion, Encrypted: true, Recipient: id.Recipient().String(), Key: sealed}
	return m, &syncKeys{id.Recipient(), id}, nil
}

// openFolderKey opens folder.json's key with the passphrase and checks it
// belongs to the recipient the folder names.
func openFolderKey(m folderMeta, passphrase string) (*syncKeys, error) {
	text, err := scryptOpen(m.Key, passphrase)
	if err != nil {
		return nil, err
	}
	return keysFrom(strings.TrimSpace(text), m.Recipient)
}

// keysFrom parses a secret key and checks it matches recipient.
func keysFrom(identity, recipient string) (*syncKeys, error) {
	id, err := age.ParseX25519Identity(identity)
	if err != nil {
		return nil, fmt.Errorf("%w (the key does not parse)", ErrSyncFolderChanged)
	}
	if id.Recipient().String() != recipient {
		return nil, fmt.Errorf("%w (the key does not match)", ErrSyncFolderChanged)
	}
	return &syncKeys{id.Recipient(), id}, nil
}

// passphraseWords make a generated passphrase: six words from this list are
// about 50 bits, a lot for scrypt, and can be written down and typed on the
// next machine without mistakes.
var passphraseWords = strings.Fields(`
acre alpha amber anchor apple arena arrow atlas badge baker banjo basil beach
berry bison blade bloom board bonus brave brick bridge brook cabin cactus camel
candle canoe canyon cargo cedar chalk cheese cherry chess cider circus citrus
clover cobalt comet coral cotton crane crater crown cubic dairy delta denim
desert dingo dolphin domino dragon eagle ebony echo eclipse elbow ember engine
falcon fable ferry fiber fjord flame flint forest fossil fresco galaxy garlic
gecko giant ginger glacier globe granite gravel harbor hazel helmet heron hockey
honey icicle igloo indigo island ivory jacket jaguar jasmine jelly jungle kayak
kettle kiwi koala ladder lagoon lantern lemon lilac limbo linen lizard lobster
lotus lunar magnet mango maple marble meadow melon meteor mirror mosaic motor
nectar needle noble nutmeg oasis ocean olive onion opal orbit orchid otter oyster
paddle panda paper parrot pebble pepper piano pilot planet plaza polar poppy
prism puzzle quartz quiver rabbit radar raven reef ribbon river robin rocket
saddle safari salmon sandal satin scarf shadow signal silver sketch slope sonar
spice spiral sponge spruce squid stable star stone storm summit sunset swan
tango teapot temple thistle thunder tiger timber toast topaz tractor tulip tundra
turtle umbrella unicorn urchin valley velvet violet vortex waffle walnut walrus
willow window wizard yacht yogurt zebra zenith zephyr
`)

// GeneratePassphrase returns six random words.
func GeneratePassphrase() string {
	words := make([]string, 6)
	n := big.NewInt(int64(len(passphraseWords)))
	for i := range words {
		k, err := rand.Int(rand.Reader, n)
		if err != nil {
			panic(err) // crypto/rand does not fail on supported systems
		}
		words[i] = passphraseWords[k.Int64()]
	}
	return strings.Join(words, "-")
}

// folderHoldsJournal reports whether the journal, or anything beside it
// (its -wal, its backups), lies inside folder.
func folderHoldsJournal(folder, journal string) bool {
	f, err1 := realPath(folder)
	j, err2 := realPath(filepath.Dir(journal))
	if err1 != nil || err2 != nil {
		return false
	}
	return j == f || strings.HasPrefix(j, f+string(filepath.Separator))
}

// realPath is path made absolute with its symbolic links resolved, as far
// as it exists.
func realPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	rest := ""
	for p := abs; ; {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest), nil
		}
		parent := filepath.Dir(p)
		if parent == p {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// logFile is one change log in the folder.
type logFile struct {
	device string
	seq    int
	path   string
	// snapshot is a file that folds the device's files up to seq
	// (synccompact.go).
	snapshot bool
}

var logNamePattern = regexp.MustCompile(`^([0-9]{8})\.jsonl$`)

func logName(seq int) string { return fmt.Sprintf("%08d.jsonl", seq) }

// listLogs lists the logs of the devices other than me that cursors say
// are not read yet, in device and number order.
func listLogs(root, me string, cursors map[string]cursor) ([]logFile, []string, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, nil, err
	}
	var out []logFile
	var devices []string
	for _, e := range entries {
		dev := e.Name()
		if !e.IsDir() || dev == me || !deviceIDPattern.MatchString(dev) {
			continue
		}
		devices = append(devices, dev)
		files, err := os.ReadDir(filepath.Join(root, dev))
		if err != nil {
			return nil, nil, err
		}
		c := cursors[dev]
		for _, e := range files {
			f, ok := parseLogName(root, dev, e.Name())
			if !ok || e.IsDir() {
				continue
			}
			// A snapshot is read unless every log it folds has been.
			if f.snapshot && c.upTo < f.seq || !f.snapshot && !c.has(f.seq) {
				out = append(out, f)
			}
		}
	}
	slices.SortFunc(out, func(a, b logFile) int {
		if c := strings.Compare(a.device, b.device); c != 0 {
			return c
		}
		if a.seq != b.seq {
			return a.seq - b.seq
		}
		return cmpBool(b.snapshot, a.snapshot)
	})
	return out, devices, nil
}

// ownLastSeq is the highest log (or snapshot) number in this device's own
// folder.
func ownLastSeq(root, me string) int {
	last := 0
	for _, f := range ownFiles(root, me) {
		last = max(last, f.seq)
	}
	return last
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	default:
		return -1
	}
}

// cursor is how far one other device's logs have been read: every number
// up to upTo, and the ones in also (read out of order, past a file that is
// missing or could not be read yet).
type cursor struct {
	upTo int
	also []int
}

func parseCursor(s string) cursor {
	var c cursor
	for i, part := range strings.Split(s, ",") {
		n, err := strconv.Atoi(part)
		if err != nil || n < 0 {
			continue
		}
		if i == 0 {
			c.upTo = n
		} else if n > c.upTo {
			c.also = append(c.also, n)
		}
	}
	return c
}

func (c cursor) has(seq int) bool { return seq <= c.upTo || slices.Contains(c.also, seq) }

func (c cursor) add(seq int) cursor {
	if c.has(seq) {
		return c
	}
	c.also = append(slices.Clone(c.also), seq)
	slices.Sort(c.also)
	for len(c.also) > 0 && c.also[0] == c.upTo+1 {
		c.upTo, c.also = c.also[0], c.also[1:]
	}
	return c
}

// through is c with every number up to seq read: a snapshot's.
func (c cursor) through(seq int) cursor {
	if seq <= c.upTo {
		return c
	}
	c.upTo = seq
	var also []int
	for _, n := range c.also {
		if n > seq {
			also = append(also, n)
		}
	}
	c.also = also
	for len(c.also) > 0 && c.also[0] == c.upTo+1 {
		c.upTo, c.also = c.also[0], c.also[1:]
	}
	return c
}

func (c cursor) String() string {
	parts := []string{strconv.Itoa(c.upTo)}
	for _, n := range c.also {
		parts = append(parts, strconv.Itoa(n))
	}
	return strings.Join(parts, ",")
}

// logHeader is a log's first line.
type logHeader struct {
	Format int    `json:"matchday_sync"`
	Device string `json:"device"`
	Name   string `json:"name"`
	Seq    int    `json:"seq"`
	// Snapshot marks a snapshot, which folds the device's files up to Seq.
	Snapshot bool `json:"snapshot,omitempty"`
}

// logTrailer is a log's last line: how many record lines came before it,
// and the SHA-256 of every byte before it.
type logTrailer struct {
	End    int    `json:"end"`
	Lines  int    `json:"lines"`
	SHA256 string `json:"sha256"`
}

// logLine is one changed record.
type logLine struct {
	Kind   string          `json:"kind"`
	HLC    string          `json:"hlc"`
	Seen   string          `json:"seen,omitempty"`
	Record json.RawMessage `json:"record,omitempty"`
	// Rows are, for an evening or morning, every row of its day.
	Rows []json.RawMessage `json:"rows,omitempty"`
}

// encodeLog writes a whole log: header, lines, trailer; encrypted when keys
// are given.
func encodeLog(h logHeader, lines [][]byte, keys *syncKeys) ([]byte, error) {
	var plain bytes.Buffer
	hb, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	plain.Write(hb)
	plain.WriteByte('\n')
	for _, l := range lines {
		plain.Write(l)
		plain.WriteByte('\n')
	}
	sum := sha256.Sum256(plain.Bytes())
	tb, err := json.Marshal(logTrailer{End: h.Seq, Lines: len(lines), SHA256: hex.EncodeToString(sum[:])})
	if err != nil {
		return nil, err
	}
	plain.Write(tb)
	plain.WriteByte('\n')
	if keys == nil {
		return plain.Bytes(), nil
	}
	var out bytes.Buffer
	w, err := age.Encrypt(&out, keys.recipient)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(plain.Bytes()); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Why a log was skipped, the Code of a SyncNote.
const (
	NoteIncomplete = "incomplete" // still arriving, or cut short: read again next time
	NoteDamaged    = "damaged"    // changed or not a Matchday log: rejected whole, tried again next time
	// NoteUnreadable: an encrypted log that fails its authentication, which
	// a file still arriving and a changed one both do: rejected whole,
	// tried again next time.
	NoteUnreadable = "unreadable"
	NoteLocked     = "locked" // encrypted with a key this device does not have
	NotePlain      = "plain"  // not encrypted in a folder that is: refused
)

// logProblem is why a log could not be read.
type logProblem struct {
	code   string
	detail string
}

func (p *logProblem) Error() string { return p.code + ": " + p.detail }

var ageMagic = []byte("age-encryption.org/")

// decodeLog reads one log whole: decrypts it, checks its header against
// its place in the folder and its trailer against its content, and returns
// its header and record lines. Any problem rejects the whole file.
func decodeLog(b []byte, f logFile, keys *syncKeys) (logHeader, []logLine, *logProblem) {
	var h logHeader
	encrypted := bytes.HasPrefix(b, ageMagic)
	switch {
	case keys != nil && !encrypted:
		return h, nil, &logProblem{NotePlain, "the file is not encrypted"}
	case keys == nil && encrypted:
		return h, nil, &logProblem{NoteLocked, "the file is encrypted, the folder is not"}
	case encrypted:
		r, err := age.Decrypt(bytes.NewReader(b), keys.identity)
		if err != nil {
			var noMatch *age.NoIdentityMatchError
			if errors.As(err, &noMatch) {
				return h, nil, &logProblem{NoteLocked, err.Error()}
			}
			return h, nil, &logProblem{NoteUnreadable, err.Error()}
		}
		plain, err := io.ReadAll(io.LimitReader(r, MaxImportSize+1))
		if err != nil {
			return h, nil, &logProblem{NoteUnreadable, err.Error()}
		}
		b = plain
	}
	if len(b) > MaxImportSize {
		return h, nil, &logProblem{NoteDamaged, "the file is too large"}
	}
	// The trailer is the last line; without it the file is still arriving.
	body := bytes.TrimSuffix(b, []byte("\n"))
	cut := bytes.LastIndexByte(body, '\n')
	if cut < 0 || !bytes.HasSuffix(b, []byte("\n")) {
		return h, nil, &logProblem{NoteIncomplete, "the file has no end line yet"}
	}
	var t logTrailer
	if err := strictDecode(body[cut+1:], &t); err != nil || t.SHA256 == "" {
		return h, nil, &logProblem{NoteIncomplete, "the file has no end line yet"}
	}
	sum := sha256.Sum256(b[:cut+1])
	if hex.EncodeToString(sum[:]) != t.SHA256 || t.End != f.seq {
		return h, nil, &logProblem{NoteDamaged, "its content does not match its end line"}
	}
	lines := bytes.Split(body[:cut], []byte("\n"))
	if err := strictDecode(lines[0], &h); err != nil {
		return h, nil, &logProblem{NoteDamaged, "header: " + detail(err)}
	}
	if h.Format < 1 || h.Format > logVersion || h.Device != f.device || h.Seq != f.seq || h.Snapshot != f.snapshot {
		return h, nil, &logProblem{NoteDamaged, "its header does not match its name"}
	}
	if len(lines)-1 != t.Lines {
		return h, nil, &logProblem{NoteDamaged, "it holds a different number of lines than its end line says"}
	}
	out := make([]logLine, 0, len(lines)-1)
	for i, raw := range lines[1:] {
		var l logLine
		if err := strictDecode(raw, &l); err != nil {
			return h, nil, &logProblem{NoteDamaged, fmt.Sprintf("line %d: %s", i+2, detail(err))}
		}
		out = append(out, l)
	}
	return h, out, nil
}
