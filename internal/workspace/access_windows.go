package workspace

import (
	"io/fs"
	"os"
)

// canWrite returns fs.ErrPermission for a file with Windows' read-only
// attribute, which SQLite would open read-only without a word, failing only
// at the first change. A folder's read-only attribute stops nothing on
// Windows; what its access lists refuse is found at the first write.
func canWrite(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !info.IsDir() && info.Mode().Perm()&0o200 == 0 {
		return fs.ErrPermission
	}
	return nil
}
