package models

import (
	"math/rand/v2"
	"time"

	"gorm.io/gorm"
)

// busyTimeout is how long one SQLite statement waits for another
// process's write lock before giving up (the driver's _busy_timeout).
// A variable so a test can shorten it.
var busyTimeout = 10 * time.Second

// openPatience bounds how long opening waits, in all, for the write lock
// its schema check needs. A command run while the bot answers a storm of
// sign-ups from other processes (mobilize roster during a broadcast's
// first minutes, a second bot starting up) can find the lock taken again
// each time SQLite's busy handler polls, past busyTimeout; it should wait
// its turn, not fail with "database is locked".
const openPatience = 2 * time.Minute

// prepareSchemaPatiently runs prepareSchema, again after a short random
// pause each time the lock wait ran out, until openPatience has passed.
// prepareSchema is one transaction: a try that ran out of patience
// changed nothing.
func prepareSchemaPatiently(db *gorm.DB, zone *time.Location) error {
	d := dialectOf(db)
	deadline := time.Now().Add(openPatience)
	for {
		err := prepareSchema(db, zone)
		if err == nil || !d.lockedOut(err) || time.Now().After(deadline) {
			return err
		}
		time.Sleep(time.Duration(50+rand.IntN(200)) * time.Millisecond)
	}
}
