// Package practice holds LP Coach's domain: the leadership principles with their teaching content,
// the question bank, and the plan for a timed answer. It knows nothing of windows or sound.
package practice

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"
)

// OfficialNames lists Amazon's 16 Leadership Principles by number (index 0 is principle 1).
var OfficialNames = []string{
	"Customer Obsession",
	"Ownership",
	"Invent and Simplify",
	"Are Right, A Lot",
	"Learn and Be Curious",
	"Hire and Develop the Best",
	"Insist on the Highest Standards",
	"Think Big",
	"Bias for Action",
	"Frugality",
	"Earn Trust",
	"Dive Deep",
	"Have Backbone; Disagree and Commit",
	"Deliver Results",
	"Strive to be Earth's Best Employer",
	"Success and Scale Bring Broad Responsibility",
}

// Minimums every principle's content must meet.
const (
	MinTips         = 4
	MinKeywords     = 6
	MinPitfalls     = 3
	MinQuestions    = 6
	MinExamples     = 1
	MinExampleWords = 150
	MaxExampleWords = 250
)

// Principle is one leadership principle with everything the app teaches about it.
type Principle struct {
	Number    int       `toml:"number"`
	Name      string    `toml:"name"`
	Gist      string    `toml:"gist"`
	ListenFor string    `toml:"listen_for"`
	Tips      []string  `toml:"tips"`
	Keywords  []string  `toml:"keywords"`
	Pitfalls  []string  `toml:"pitfalls"`
	Questions []string  `toml:"questions"`
	Examples  []Example `toml:"examples"`
}

// Example is a worked answer laid out as Situation, Task, Action, Result and what was learned.
type Example struct {
	Question  string `toml:"question"`
	Situation string `toml:"situation"`
	Task      string `toml:"task"`
	Action    string `toml:"action"`
	Result    string `toml:"result"`
	Learned   string `toml:"learned"`
}

// Words counts the words of the whole example answer.
func (e Example) Words() int {
	n := 0
	for _, s := range []string{e.Situation, e.Task, e.Action, e.Result, e.Learned} {
		n += len(strings.Fields(s))
	}
	return n
}

// LoadPrinciples reads every *.toml file in dir of fsys, validates each, and returns the
// principles ordered by number. All 16 must be present exactly once.
func LoadPrinciples(fsys fs.FS, dir string) ([]Principle, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.toml"))
	if err != nil {
		return nil, fmt.Errorf("list principles in %s: %w", dir, err)
	}
	seen := map[int]string{}
	var out []Principle
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		p, err := ParsePrinciple(name, data)
		if err != nil {
			return nil, err
		}
		if other, dup := seen[p.Number]; dup {
			return nil, fmt.Errorf("%s: field number: principle %d is also defined in %s", name, p.Number, other)
		}
		seen[p.Number] = name
		out = append(out, p)
	}
	for i, want := range OfficialNames {
		if _, ok := seen[i+1]; !ok {
			return nil, fmt.Errorf("%s: principle %d (%s) has no file", dir, i+1, want)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out, nil
}

// ParsePrinciple decodes and validates one principle file; file names the file in errors.
func ParsePrinciple(file string, data []byte) (Principle, error) {
	var p Principle
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&p)
	if err != nil {
		return p, fmt.Errorf("%s: %w", file, err)
	}
	if undec := md.Undecoded(); len(undec) > 0 {
		return p, fmt.Errorf("%s: field %s: unknown field", file, undec[0])
	}
	p.trim()
	if err := p.validate(); err != nil {
		return p, fmt.Errorf("%s: %w", file, err)
	}
	return p, nil
}

func (p *Principle) trim() {
	p.Name = strings.TrimSpace(p.Name)
	p.Gist = strings.TrimSpace(p.Gist)
	p.ListenFor = strings.TrimSpace(p.ListenFor)
	for _, list := range [][]string{p.Tips, p.Keywords, p.Pitfalls, p.Questions} {
		for i := range list {
			list[i] = strings.TrimSpace(list[i])
		}
	}
	for i := range p.Examples {
		e := &p.Examples[i]
		for _, s := range []*string{&e.Question, &e.Situation, &e.Task, &e.Action, &e.Result, &e.Learned} {
			*s = strings.TrimSpace(*s)
		}
	}
}

func (p *Principle) validate() error {
	if p.Number < 1 || p.Number > len(OfficialNames) {
		return fmt.Errorf("field number: %d is not a leadership principle (1-%d)", p.Number, len(OfficialNames))
	}
	if want := OfficialNames[p.Number-1]; p.Name != want {
		return fmt.Errorf("field name: %q is not the official name of principle %d (%q)", p.Name, p.Number, want)
	}
	if p.Gist == "" {
		return errors.New("field gist: missing or empty")
	}
	lists := []struct {
		field string
		items []string
		min   int
	}{
		{"tips", p.Tips, MinTips},
		{"keywords", p.Keywords, MinKeywords},
		{"pitfalls", p.Pitfalls, MinPitfalls},
		{"questions", p.Questions, MinQuestions},
	}
	for _, l := range lists {
		if err := checkList(l.field, l.items, l.min); err != nil {
			return err
		}
	}
	if len(p.Examples) < MinExamples {
		return fmt.Errorf("field examples: need at least %d, found %d", MinExamples, len(p.Examples))
	}
	for i, e := range p.Examples {
		if err := e.validate(); err != nil {
			return fmt.Errorf("field examples[%d].%w", i, err)
		}
	}
	return nil
}

func checkList(field string, items []string, min int) error {
	if len(items) < min {
		return fmt.Errorf("field %s: need at least %d, found %d", field, min, len(items))
	}
	seen := map[string]bool{}
	for i, s := range items {
		if s == "" {
			return fmt.Errorf("field %s[%d]: empty", field, i)
		}
		key := strings.ToLower(s)
		if seen[key] {
			return fmt.Errorf("field %s[%d]: duplicate %q", field, i, s)
		}
		seen[key] = true
	}
	return nil
}

func (e Example) validate() error {
	parts := []struct{ field, text string }{
		{"question", e.Question}, {"situation", e.Situation}, {"task", e.Task},
		{"action", e.Action}, {"result", e.Result}, {"learned", e.Learned},
	}
	for _, part := range parts {
		if part.text == "" {
			return fmt.Errorf("%s: missing or empty", part.field)
		}
	}
	if n := e.Words(); n < MinExampleWords || n > MaxExampleWords {
		return fmt.Errorf("words: %d words, want %d-%d", n, MinExampleWords, MaxExampleWords)
	}
	if !containsWord(e.Action, "I") {
		return errors.New("action: not told in the first person (no \"I\")")
	}
	if !strings.ContainsFunc(e.Result, unicode.IsDigit) {
		return errors.New("result: no number: quantify the result")
	}
	return nil
}

func containsWord(text, word string) bool {
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		if f == word || strings.HasPrefix(f, word+"'") {
			return true
		}
	}
	return false
}
