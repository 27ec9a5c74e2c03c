package lessons

import "testing"

func TestMistakeLikeness(t *testing.T) {
	const solution = "# wait up to 5 seconds\ndb = connect(path, timeout=5)\nlength = int(headers.get(\"Content-Length\", 0))\n"
	for _, tt := range []struct {
		name, mistake, learner string
		want                   bool
	}{
		{"a number changed, which the solution has elsewhere: the learner wrote it too",
			"# wait up to 5 seconds\ndb = connect(path, timeout=0)\nlength = int(headers.get(\"Content-Length\", 0))\n",
			"db = connect(path,\n    timeout = 0)\nlength = int(headers.get(\"Content-Length\", 0))\n", true},
		{"a number changed, which the solution has elsewhere: the learner wrote something else",
			"# wait up to 5 seconds\ndb = connect(path, timeout=0)\nlength = int(headers.get(\"Content-Length\", 0))\n",
			"db = connect(path, timeout=5, check_same_thread=False)\nlength = int(headers.get(\"Content-Length\", 0))\n", false},
		{"a word of its own: enough alone",
			"db = connect(path, timeout=5, isolation_level=None)\nlength = int(headers.get(\"Content-Length\", 0))\n",
			"db = connect(path, isolation_level=None, timeout=5)\n", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l := MistakeLikeness(solution, tt.mistake)
			if got := l.Matches(tt.learner); got != tt.want {
				t.Errorf("Matches = %v, want %v (likeness %+v)", got, tt.want, l)
			}
			if !l.Matches(tt.mistake) {
				t.Errorf("the mistake is not written like itself (likeness %+v)", l)
			}
			if h := l.Hashed("salt"); h.Matches(tt.learner) != tt.want {
				t.Errorf("hashed: Matches = %v, want %v", !tt.want, tt.want)
			}
		})
	}
}
