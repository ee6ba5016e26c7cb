package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// The import of weekly reviews and off-seasons. Both have one live record
// per key (a review per week, an off-season per first day); when a file
// brings a live record for a key that holds another one here, the two
// become one and nothing typed is lost: the texts are kept both, as
// MergeTexts keeps them (the newer first, the divider line, the other), in
// the record here, and the file's record is kept as a tombstone, so
// importing the file again changes nothing. ImportResult counts these as
// Merged.

// check applies the rules the review window's saves apply; a theme merged
// from two holds each part to MaxTheme.
func (r *Review) check() error {
	if err := checkUUID(r.UUID); err != nil {
		return err
	}
	if err := checkDay(r.Week); err != nil {
		return err
	}
	if r.Week.Weekday() != time.Monday {
		return fmt.Errorf("week %s is not a Monday", r.Week)
	}
	var err error
	if r.Theme, err = cleanMergeable("theme", r.Theme, MaxTheme); err != nil {
		return err
	}
	if r.ReviewedAt != nil && r.Theme == "" {
		return errors.New("it is saved but the theme is empty")
	}
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	r.ReviewedAt, r.DeletedAt = utcPtr(r.ReviewedAt), utcPtr(r.DeletedAt)
	return errors.Join(checkTime("created_at", r.CreatedAt), checkTime("updated_at", r.UpdatedAt),
		checkTimePtr("reviewed_at", r.ReviewedAt), checkTimePtr("deleted_at", r.DeletedAt))
}

// check applies the rules AddOffSeason applies, except the one against
// overlaps: ranges from two journals may overlap, and the calendar joins
// them.
func (o *OffSeason) check() error {
	if err := checkUUID(o.UUID); err != nil {
		return err
	}
	if err := checkRange(o.From, o.To); err != nil {
		return err
	}
	var err error
	if o.Note, err = cleanMergeable("note", o.Note, MaxNote); err != nil {
		return err
	}
	o.CreatedAt, o.UpdatedAt, o.DeletedAt = o.CreatedAt.UTC(), o.UpdatedAt.UTC(), utcPtr(o.DeletedAt)
	return errors.Join(checkTime("created_at", o.CreatedAt), checkTime("updated_at", o.UpdatedAt), checkTimePtr("deleted_at", o.DeletedAt))
}

// parseSeasonRecords decodes and checks the reviews and off-seasons of an
// export; claim refuses a UUID used twice in the file. Two live records of
// one kind for the same key are refused, as two evenings for one day are.
func parseSeasonRecords(j *Journal, reviews, offSeasons []json.RawMessage, claim func(string, RecordRef) error) error {
	weeks := map[Day]RecordRef{}
	j.Reviews = make([]Review, len(reviews))
	for i, raw := range reviews {
		r := &j.Reviews[i]
		if err := strictDecode(raw, r); err != nil {
			return badRecord(RecordRef{Kind: "review", N: i + 1}, err)
		}
		record := RecordRef{"review", i + 1, r.Week.String()}
		if err := r.check(); err != nil {
			return badRecord(record, err)
		}
		if err := claim(r.UUID, record); err != nil {
			return err
		}
		if r.DeletedAt != nil {
			continue
		}
		if other, dup := weeks[r.Week]; dup {
			return badRecord(record, fmt.Errorf("%s is for the same week", other))
		}
		weeks[r.Week] = record
	}
	froms := map[Day]RecordRef{}
	j.OffSeasons = make([]OffSeason, len(offSeasons))
	for i, raw := range offSeasons {
		o := &j.OffSeasons[i]
		if err := strictDecode(raw, o); err != nil {
			return badRecord(RecordRef{Kind: "off-season", N: i + 1}, err)
		}
		record := RecordRef{"off-season", i + 1, o.From.String()}
		if err := o.check(); err != nil {
			return badRecord(record, err)
		}
		if err := claim(o.UUID, record); err != nil {
			return err
		}
		if o.DeletedAt != nil {
			continue
		}
		if other, dup := froms[o.From]; dup {
			return badRecord(record, fmt.Errorf("%s starts on the same day", other))
		}
		froms[o.From] = record
	}
	return nil
}

// mergeReviews writes the file's reviews: by UUID the newer updated_at
// wins; a live review for a week that holds another one here is merged
// into that one (see MergeTexts) and kept as a tombstone.
func mergeReviews(ctx context.Context, tx *sql.Tx, reviews []Review, now time.Time, res *ImportResult) error {
	for _, r := range reviews {
		old, err := queryReviews(ctx, tx, `WHERE uuid = ?`, r.UUID)
		if err != nil {
			return err
		}
		if len(old) > 0 && formatTS(r.UpdatedAt) <= formatTS(old[0].UpdatedAt) {
			res.Unchanged++
			continue
		}
		merged := false
		if r.DeletedAt == nil {
			rivals, err := queryReviews(ctx, tx, `WHERE week = ? AND deleted_at IS NULL AND uuid <> ?`, r.Week.String(), r.UUID)
			if err != nil {
				return err
			}
			if len(rivals) > 0 {
				here := rivals[0]
				joined := joinReviews(here, r)
				if joined != here {
					if err := upsertReview(ctx, tx, joined); err != nil {
						return fmt.Errorf("review %s: %w", r.Week, err)
					}
				}
				r.DeletedAt, merged = &now, true
			}
		}
		if err := upsertReview(ctx, tx, r); err != nil {
			return fmt.Errorf("review %s: %w", r.Week, err)
		}
		countMerge(res, len(old) > 0, merged)
	}
	return nil
}

// joinReviews is the review here with the one from a file for the same week
// joined in: both themes, saved when either was (the earlier save, and its
// made-up mark), the later updated_at.
func joinReviews(here, file Review) Review {
	out := here
	if file.UpdatedAt.After(here.UpdatedAt) {
		out.Theme, out.UpdatedAt = MergeTexts(file.Theme, here.Theme), file.UpdatedAt
	} else {
		out.Theme = MergeTexts(here.Theme, file.Theme)
	}
	if file.ReviewedAt != nil && (here.ReviewedAt == nil || file.ReviewedAt.Before(*here.ReviewedAt)) {
		out.ReviewedAt, out.MadeUp = file.ReviewedAt, file.MadeUp
	}
	return out
}

// mergeOffSeasons writes the file's off-seasons: by UUID the newer
// updated_at wins; a live range that starts on the day another one here
// starts is joined into that one (the later end, both notes) and kept as a
// tombstone. Ranges that only overlap are both kept.
func mergeOffSeasons(ctx context.Context, tx *sql.Tx, ranges []OffSeason, now time.Time, res *ImportResult) error {
	for _, o := range ranges {
		old, err := queryOffSeasons(ctx, tx, `WHERE uuid = ?`, o.UUID)
		if err != nil {
			return err
		}
		if len(old) > 0 && formatTS(o.UpdatedAt) <= formatTS(old[0].UpdatedAt) {
			res.Unchanged++
			continue
		}
		merged := false
		if o.DeletedAt == nil {
			rivals, err := queryOffSeasons(ctx, tx, `WHERE from_day = ? AND deleted_at IS NULL AND uuid <> ?`, o.From.String(), o.UUID)
			if err != nil {
				return err
			}
			if len(rivals) > 0 {
				here, joined := rivals[0], rivals[0]
				if o.To.After(here.To) {
					joined.To = o.To
				}
				if o.UpdatedAt.After(here.UpdatedAt) {
					joined.Note, joined.UpdatedAt = MergeTexts(o.Note, here.Note), o.UpdatedAt
				} else {
					joined.Note = MergeTexts(here.Note, o.Note)
				}
				if joined != here {
					if err := upsertOffSeason(ctx, tx, joined); err != nil {
						return fmt.Errorf("off-season %s: %w", o.From, err)
					}
				}
				o.DeletedAt, merged = &now, true
			}
		}
		if err := upsertOffSeason(ctx, tx, o); err != nil {
			return fmt.Errorf("off-season %s: %w", o.From, err)
		}
		countMerge(res, len(old) > 0, merged)
	}
	return nil
}

// countMerge counts a record written from the file: merged into another
// one here, or else added or updated.
func countMerge(res *ImportResult, existed, merged bool) {
	if merged {
		res.Merged++
		return
	}
	count(res, existed)
}
