package broadcast

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"mobilize/models"
)

// Media of a message, as the outbox stores it.
const (
	MediaText  = models.MediaText
	MediaImage = models.MediaImage
	MediaFile  = models.MediaFile
)

// Message is one message a group receives: text, or an image or file by
// local path.
type Message struct {
	Media string
	Text  string
	Path  string
}

// Messages is what one group receives, in order: the title and body in
// numbered parts, the image, the file, then the footer.
func Messages(title, body, image, file, footer string, partChars int) []Message {
	var out []Message
	for _, p := range SplitBody(fmt.Sprintf(txtTitleLine, title)+"\n\n"+body, partChars) {
		out = append(out, Message{Text: p})
	}
	if image != "" {
		out = append(out, Message{Media: MediaImage, Path: image})
	}
	if file != "" {
		out = append(out, Message{Media: MediaFile, Path: file})
	}
	if footer != "" {
		out = append(out, Message{Text: footer})
	}
	return out
}

// RolePlaces is a role and how many of its places are taken.
type RolePlaces struct {
	models.Role
	Confirmed int
}

// Footer tells a group how to sign up, built from the campaign's own roles:
// a real example per role with the word members type for it (the shortest
// Chinese alias), its places, and the deadline. number is the campaign's
// number, written into the example only when other campaigns are open
// (members must then name it); 0 leaves it out.
func Footer(roles []RolePlaces, deadline *time.Time, loc *time.Location, number uint) string {
	lines := []string{txtFooterHead}
	num := ""
	if number != 0 {
		num = fmt.Sprintf(" %d", number)
	}
	for _, r := range roles {
		ex := fmt.Sprintf(txtFooterExample, num, RoleWord(r.Role))
		if r.PhoneRequired {
			ex += txtFooterPhone
		}
		places := fmt.Sprintf(txtFooterQuota, r.Quota)
		if r.Confirmed > 0 {
			places = fmt.Sprintf(txtFooterLeft, max(r.Quota-r.Confirmed, 0), r.Quota)
		}
		lines = append(lines, fmt.Sprintf(txtFooterRole, ex, r.Name, places))
	}
	if deadline != nil {
		if loc == nil {
			loc = time.Local
		}
		lines = append(lines, fmt.Sprintf(txtFooterDeadline, deadline.In(loc).Format("2006-01-02 15:04")))
	}
	return strings.Join(append(lines, txtFooterTail), "\n")
}

// RoleWord is the word a member types for a role in the example: the
// shortest alias that is not a bare ASCII code, else the name.
func RoleWord(r models.Role) string {
	best := r.Name
	for _, w := range r.AliasList() {
		if w == r.Code || isASCII(w) {
			continue
		}
		if runeLen(w) < runeLen(best) {
			best = w
		}
	}
	return best
}

func isASCII(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII {
			return false
		}
	}
	return true
}
