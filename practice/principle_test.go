package practice_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"lpcoach/assets"
	"lpcoach/practice"
)

// TestEmbeddedPrinciplesMeetMinimums loads the shipped content: all 16 principles, each with its
// official name and at least the minimum tips, keywords, pitfalls, questions and examples.
func TestEmbeddedPrinciplesMeetMinimums(t *testing.T) {
	ps, err := practice.LoadPrinciples(assets.Principles(), assets.PrinciplesDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 16 {
		t.Fatalf("loaded %d principles, want 16", len(ps))
	}
	for i, p := range ps {
		if p.Number != i+1 || p.Name != practice.OfficialNames[i] {
			t.Errorf("principle %d is %d %q", i+1, p.Number, p.Name)
		}
		sentences := strings.Count(p.Gist, ". ") + 1
		if sentences < 2 || sentences > 4 {
			t.Errorf("%s: gist has about %d sentences, want 2-4", p.Name, sentences)
		}
		counts := map[string][2]int{
			"tips": {len(p.Tips), practice.MinTips}, "keywords": {len(p.Keywords), practice.MinKeywords},
			"pitfalls": {len(p.Pitfalls), practice.MinPitfalls}, "questions": {len(p.Questions), practice.MinQuestions},
			"examples": {len(p.Examples), practice.MinExamples},
		}
		for field, c := range counts {
			if c[0] < c[1] {
				t.Errorf("%s: %d %s, want at least %d", p.Name, c[0], field, c[1])
			}
		}
		for _, e := range p.Examples {
			if w := e.Words(); w < 150 || w > 250 {
				t.Errorf("%s: example has %d words", p.Name, w)
			}
		}
	}
}

// TestExampleQuestionsAreInTheBank checks each worked example answers a question of its bank.
func TestExampleQuestionsAreInTheBank(t *testing.T) {
	ps, err := practice.LoadPrinciples(assets.Principles(), assets.PrinciplesDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		for _, e := range p.Examples {
			found := false
			for _, q := range p.Questions {
				found = found || q == e.Question
			}
			if !found {
				t.Errorf("%s: example question %q is not in the question bank", p.Name, e.Question)
			}
		}
	}
}

const validExample = `
[[examples]]
question = "Tell me about a time you helped a customer."
situation = "A customer of mine could not export a report before an audit."
task = "I had to get the data out that day."
action = """I read the logs, found the export stopped at 10,000 rows, and I wrote a script that split it.
I checked every file against the totals and I walked the customer through the result on a call."""
result = "The audit went ahead on time; 3 other customers with the same limit got the script the same week."
learned = "I learned to look for the limit behind a one-off complaint."
`

// validPrinciple is a minimal file that passes, padded to the word minimum.
func validPrinciple() string {
	pad := strings.Repeat(" more words", 70)
	return `number = 1
name = "Customer Obsession"
gist = "Start from the customer. Work backwards."
tips = ["a", "b", "c", "d"]
keywords = ["k1", "k2", "k3", "k4", "k5", "k6"]
pitfalls = ["p1", "p2", "p3"]
questions = ["q1", "q2", "q3", "q4", "q5", "Tell me about a time you helped a customer."]
` + strings.Replace(validExample, `before an audit."`, `before an audit.`+pad+`"`, 1)
}

func TestParsePrincipleRejectsBadContent(t *testing.T) {
	if _, err := practice.ParsePrinciple("ok.toml", []byte(validPrinciple())); err != nil {
		t.Fatalf("valid file rejected: %v", err)
	}
	cases := []struct {
		name, from, to, want string
	}{
		{"missing gist", `gist = "Start from the customer. Work backwards."`, ``, "field gist"},
		{"empty list", `tips = ["a", "b", "c", "d"]`, `tips = []`, "field tips: need at least 4"},
		{"duplicate question", `"q2", "q3"`, `"q2", "Q2"`, "field questions[2]: duplicate"},
		{"unknown principle", `number = 1`, `number = 17`, "field number: 17 is not a leadership principle"},
		{"wrong name", `name = "Customer Obsession"`, `name = "Customer Focus"`, "field name"},
		{"unknown field", `tips =`, "tip = \"x\"\ntips =", "field tip: unknown field"},
		{"no number in result", `3 other customers`, `other customers`, "examples[0].result: no number"},
		{"short example", strings.Repeat(" more words", 70), "", "examples[0].words"},
		{"no examples", `[[examples]]`, `[[other]]`, "unknown field"},
		{"bad toml", `number = 1`, `number = `, "bad.toml"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(validPrinciple(), c.from, c.to, 1)
			_, err := practice.ParsePrinciple("bad.toml", []byte(src))
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "bad.toml") {
				t.Fatalf("error = %v, want one naming bad.toml and containing %q", err, c.want)
			}
		})
	}
}

func TestLoadPrinciplesNeedsAllSixteen(t *testing.T) {
	fsys := fstest.MapFS{"p/01.toml": {Data: []byte(validPrinciple())}}
	_, err := practice.LoadPrinciples(fsys, "p")
	if err == nil || !strings.Contains(err.Error(), "principle 2 (Ownership) has no file") {
		t.Fatalf("error = %v", err)
	}
	fsys["p/01b.toml"] = &fstest.MapFile{Data: []byte(validPrinciple())}
	_, err = practice.LoadPrinciples(fsys, "p")
	if err == nil || !strings.Contains(err.Error(), "also defined in") {
		t.Fatalf("duplicate principle: error = %v", err)
	}
}
