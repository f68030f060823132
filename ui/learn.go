package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"lpcoach/practice"
)

// learnView shows what a principle means and how to talk about it.
type learnView struct {
	text    *widget.RichText
	scroll  *container.Scroll
	content fyne.CanvasObject
}

func newLearnView() *learnView {
	v := &learnView{text: widget.NewRichText()}
	v.text.Wrapping = fyne.TextWrapWord
	v.scroll = container.NewVScroll(v.text)
	v.content = v.scroll
	return v
}

// show renders p and scrolls back to the top.
func (v *learnView) show(p practice.Principle) {
	v.text.ParseMarkdown(principleMarkdown(p))
	v.scroll.ScrollToTop()
}

// principleMarkdown lays out a principle's teaching content as Markdown.
func principleMarkdown(p practice.Principle) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %d. %s\n\n%s\n\n", p.Number, p.Name, unwrap(p.Gist))
	if p.ListenFor != "" {
		fmt.Fprintf(&b, "## What the interviewer listens for\n\n%s\n\n", unwrap(p.ListenFor))
	}
	b.WriteString("## Tips\n\n")
	writeBullets(&b, p.Tips)
	for i, e := range p.Examples {
		title := "Worked example"
		if len(p.Examples) > 1 {
			title = fmt.Sprintf("Worked example %d", i+1)
		}
		fmt.Fprintf(&b, "## %s\n\n*%s*\n\n", title, e.Question)
		for _, part := range []struct{ label, text string }{
			{"Situation", e.Situation}, {"Task", e.Task}, {"Action", e.Action},
			{"Result", e.Result}, {"What I learned", e.Learned},
		} {
			fmt.Fprintf(&b, "**%s.** %s\n\n", part.label, unwrap(part.text))
		}
	}
	b.WriteString("## Words and phrases that signal it\n\n")
	b.WriteString(strings.Join(p.Keywords, " · "))
	b.WriteString("\n\n## Pitfalls\n\n")
	writeBullets(&b, p.Pitfalls)
	return b.String()
}

func writeBullets(b *strings.Builder, items []string) {
	for _, it := range items {
		fmt.Fprintf(b, "- %s\n", unwrap(it))
	}
	b.WriteString("\n")
}

// unwrap joins the lines of each paragraph of text: the content files wrap long lines, and the
// Markdown renderer would break the line there.
func unwrap(text string) string {
	paras := strings.Split(text, "\n\n")
	for i, p := range paras {
		paras[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paras, "\n\n")
}
