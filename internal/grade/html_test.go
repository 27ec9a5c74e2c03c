package grade

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sandcastle/sandcastle/internal/check"
)

// classGrades are three workspaces of the tiny course: one passes every
// step, one fails the first with a known mistake (and a hostile message),
// one could not run the second.
func classGrades(t *testing.T) []Workspace {
	steps := tinyCourse(t).Steps()
	if len(steps) < 2 {
		t.Fatal("the tiny course has fewer than 2 steps")
	}
	pass := func(i int) Step {
		return Step{StepResult: check.StepResult{ID: steps[i].FullID(), Title: steps[i].Title, Status: check.Pass}, Points: 1, MaxPoints: 1}
	}
	return []Workspace{
		{Path: "alice", Steps: []Step{pass(0), pass(1)}},
		{Path: "bob <script>alert(1)</script>", Steps: []Step{{StepResult: check.StepResult{ID: steps[0].FullID(), Title: steps[0].Title, Status: check.Fail,
			Checks:    []check.CheckResult{{Title: "the table exists", Status: check.Fail, Message: "no such table: </pre><script>alert(2)</script>"}},
			Diagnosis: []check.Diagnosis{{Mistake: "no-not-null", Why: "forgot NOT NULL"}}}, MaxPoints: 1}, pass(1)}},
		{Path: "carol", Steps: []Step{pass(0), {StepResult: check.StepResult{ID: steps[1].FullID(), Title: steps[1].Title, Status: check.Error, Message: "schema.sql line 1: near \"CREAT\": syntax error"}, MaxPoints: 1}}},
	}
}

func TestHTMLReportIsSelfContainedAndEscaped(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTML(&b, tinyCourse(t), classGrades(t)); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, bad := range []string{"<script", "src=", "http://", "https://", "@import"} {
		if strings.Contains(page, bad) {
			t.Errorf("the report holds %q: it must load nothing and run nothing", bad)
		}
	}
	for _, want := range []string{"1 of 3 workspaces pass every step graded", "1 × forgot NOT NULL", "This looks like a common mistake: forgot NOT NULL.",
		"&lt;script&gt;alert(1)&lt;/script&gt;", "near &#34;CREAT&#34;: syntax error"} {
		if !strings.Contains(page, want) {
			t.Errorf("the report does not say %q", want)
		}
	}
}

// TestHTMLReportInABrowser renders the report in headless Chromium: the
// grid it builds has a row per workspace and a cell per step in the colour
// of its status, and no script runs. CI installs Chromium (.ci/run).
func TestHTMLReportInABrowser(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI needs chromium for this test: apt-get install chromium")
		}
		t.Skip("chromium is not installed here; CI installs it")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "class.html")
	var b bytes.Buffer
	if err := WriteHTML(&b, tinyCourse(t), classGrades(t)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	browse := func(args ...string) []byte {
		t.Helper()
		cmd := exec.CommandContext(t.Context(), chromium, append([]string{"--headless", "--no-sandbox", "--disable-gpu",
			"--user-data-dir=" + filepath.Join(dir, "profile"), "--window-size=1200,900"}, args...)...)
		cmd.Dir = dir
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("chromium %v: %v", args, err)
		}
		return out
	}
	dom := string(browse("--dump-dom", "file://"+page))
	grid := regexp.MustCompile(`(?s)<table class="grid" id="grid">.*?</table>`).FindString(dom)
	if grid == "" {
		t.Fatalf("the page has no grid:\n%s", dom)
	}
	body := grid[strings.Index(grid, "<tbody>"):]
	if n := strings.Count(body, "<tr>"); n != 3 {
		t.Errorf("the grid has %d rows, want one per workspace (3)", n)
	}
	for class, want := range map[string]int{"pass": 4, "fail": 1, "error": 1} {
		if n := strings.Count(body, `<td class="`+class+`"`); n != want {
			t.Errorf("the grid has %d cells of class %s, want %d", n, class, want)
		}
	}
	if strings.Contains(dom, "<script") {
		t.Error("the browser built a script element from a workspace's text")
	}

	browse("--screenshot="+filepath.Join(dir, "class.png"), "file://"+page)
	f, err := os.Open(filepath.Join(dir, "class.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[[3]uint32]int{}
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			counts[[3]uint32{r >> 8, g >> 8, b >> 8}]++
		}
	}
	// The legend's swatches are 12 by 12 pixels; each cell is larger, and
	// there are 4 green ones, 1 red, 1 orange.
	for _, c := range []struct {
		name   string
		colour [3]uint32
		cells  int
	}{{"passed (green)", [3]uint32{0x2e, 0x9e, 0x44}, 4}, {"failed (red)", [3]uint32{0xd3, 0x3a, 0x2c}, 1}, {"could not run (orange)", [3]uint32{0xe9, 0x8b, 0x0c}, 1}} {
		t.Logf("%s: %d pixels", c.name, counts[c.colour])
		if counts[c.colour] < 144+c.cells*200 {
			t.Errorf("the rendered page has %d pixels of the colour of %s cells, too few for %d cells", counts[c.colour], c.name, c.cells)
		}
	}
}

// A step a student has not attempted is its own cell ("–", not attempted),
// not a step that could not run, and lists no failure to read.
func TestHTMLReportNotAttempted(t *testing.T) {
	steps := tinyCourse(t).Steps()
	untried := Step{StepResult: check.StepResult{ID: steps[1].FullID(), Title: steps[1].Title, Status: check.Error,
		Message: "python3: can't open file 'server/app.py'"}, MaxPoints: 1, NotAttempted: true}
	grades := []Workspace{{Path: "erin", Steps: []Step{{StepResult: check.StepResult{ID: steps[0].FullID(), Status: check.Pass}, Points: 1, MaxPoints: 1}, untried}}}
	var b bytes.Buffer
	if err := WriteHTML(&b, tinyCourse(t), grades); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{`<td class="untried" title="` + steps[1].FullID() + `: not attempted">–</td>`, "0 passed, 0 failed, 1 not attempted."} {
		if !strings.Contains(page, want) {
			t.Errorf("the report does not say %q", want)
		}
	}
	for _, bad := range []string{"can&#39;t open file", `<td class="error"`} {
		if strings.Contains(page, bad) {
			t.Errorf("the report holds %q for a step not attempted", bad)
		}
	}
}
