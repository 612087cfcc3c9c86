//go:build !unix

package sources

import "os"

// readingGroup cannot tell a file's group here.
func readingGroup(fi os.FileInfo) (group string, ownerOnly bool) { return "", false }

// deniedDirectory cannot tell a directory's permissions here.
func deniedDirectory(path string) string { return "" }

// MayReadSystemJournal: there is no system journal to be denied here.
var MayReadSystemJournal = func() bool { return true }

// OpenPrivateAppend opens path for appending, creating it with mode 0600.
func OpenPrivateAppend(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
}

// privateDir cannot tell a directory's owner here: any will do.
func privateDir(path string) error { return nil }

// privateFile cannot tell a file's owner here: any will do.
func privateFile(path string) error { return nil }

// fileOwner cannot tell a file's owner here.
func fileOwner(fi os.FileInfo) (uid, gid int, ok bool) { return -1, -1, false }
