package server

import (
	"os/exec"
	"slices"
	"testing"
)

func TestSystemCommand(t *testing.T) {
	const apps = `C:\Users\ada\AppData\Local\Microsoft\WindowsApps\`
	for _, tc := range []struct {
		name    string
		goos    string
		command []string
		onPath  map[string]string
		want    []string
	}{
		{"python3 on Linux is left alone, found or not", "linux", []string{"python3", "server/app.py"},
			map[string]string{"python": "/usr/bin/python"}, []string{"python3", "server/app.py"}},
		{"python3 on macOS is left alone", "darwin", []string{"python3", "server/app.py"},
			nil, []string{"python3", "server/app.py"}},
		{"python3 on Windows where it is installed", "windows", []string{"python3", "server/app.py"},
			map[string]string{"python3": `C:\Python312\python3.exe`, "python": `C:\Python312\python.exe`},
			[]string{"python3", "server/app.py"}},
		{"python.org's installer: python, no python3", "windows", []string{"python3", "server/app.py"},
			map[string]string{"python": `C:\Python312\python.exe`, "py": `C:\Windows\py.exe`},
			[]string{"python", "server/app.py"}},
		{"only the py launcher", "windows", []string{"python3", "server/app.py", "--debug"},
			map[string]string{"py": `C:\Windows\py.exe`}, []string{"py", "-3", "server/app.py", "--debug"}},
		{"the Store's python3 alias gives way to a real python", "windows", []string{"python3", "app.py"},
			map[string]string{"python3": apps + "python3.exe", "python": `C:\Python312\python.exe`},
			[]string{"python", "app.py"}},
		{"the Store's aliases only: the first is taken", "windows", []string{"python3", "app.py"},
			map[string]string{"python3": apps + "python3.exe", "python": apps + "python.exe"},
			[]string{"python3", "app.py"}},
		{"no Python at all: python3, for the message", "windows", []string{"python3", "app.py"},
			nil, []string{"python3", "app.py"}},
		{"another program is left alone", "windows", []string{"node", "server.js"},
			map[string]string{"python": `C:\Python312\python.exe`}, []string{"node", "server.js"}},
		{"python (not python3) is left alone", "windows", []string{"python", "app.py"},
			map[string]string{"py": `C:\Windows\py.exe`}, []string{"python", "app.py"}},
		{"no command", "windows", nil, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			look := func(name string) (string, error) {
				if p, ok := tc.onPath[name]; ok {
					return p, nil
				}
				return "", &exec.Error{Name: name, Err: exec.ErrNotFound}
			}
			got := systemCommand(tc.command, tc.goos, look)
			if !slices.Equal(got, tc.want) {
				t.Errorf("systemCommand(%q) = %q, want %q", tc.command, got, tc.want)
			}
		})
	}
}

func TestStoreAlias(t *testing.T) {
	for path, want := range map[string]bool{
		`C:\Users\ada\AppData\Local\Microsoft\WindowsApps\python3.exe`: true,
		`c:\users\ada\appdata\local\microsoft\windowsapps\python.exe`:  true,
		`C:\Python312\python.exe`:                                      false,
		`/usr/bin/python3`:                                             false,
	} {
		if got := storeAlias(path); got != want {
			t.Errorf("storeAlias(%q) = %v, want %v", path, got, want)
		}
	}
}
