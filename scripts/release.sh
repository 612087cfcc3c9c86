#!/usr/bin/env bash
# Builds what an admin installs, into dist/: static (CGO_ENABLED=0) mxtop
# binaries for linux/amd64 and linux/arm64 with the version stamped, the
# manual page, a Debian package per architecture (nfpm, pinned below) and
# SHA256SUMS.
#
# Usage: scripts/release.sh [VERSION]
#   VERSION defaults to `git describe --tags --always --dirty`.
#   ARCHES="amd64" builds fewer architectures; MAINTAINER sets the
#   package's Maintainer field.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"

nfpm_module=github.com/goreleaser/nfpm/v2/cmd/nfpm@v2.45.2
arches=${ARCHES:-amd64 arm64}
maintainer=${MAINTAINER:-The mxtop authors <mxtop@localhost>}

in_git=0
git rev-parse --git-dir >/dev/null 2>&1 && in_git=1
version=${1:-}
if [ -z "$version" ] && [ "$in_git" = 1 ]; then
	version=$(git describe --tags --always --dirty)
fi
if [ -z "$version" ]; then
	echo "release: no version: give one (scripts/release.sh v1.2.0) or run in a git checkout" >&2
	exit 2
fi
if ! [[ $version =~ ^[A-Za-z0-9][A-Za-z0-9.+~_-]*$ ]]; then
	echo "release: version '$version': letters, digits and . + ~ _ - only" >&2
	exit 2
fi

# deb_version turns a git describe into a Debian version, which must start
# with a digit and sort in release order: v1.2.0 -> 1.2.0,
# v1.2.0-3-gabc1234 -> 1.2.0+3.gabc1234, v1.3.0-rc1 -> 1.3.0~rc1 (before
# 1.3.0), a bare commit abc1234 -> 0~git20261130141211.abc1234, -dirty -> +dirty.
deb_version() {
	local v=${1#v} post="" dirty=""
	if [[ $v == *-dirty ]]; then
		v=${v%-dirty}
		dirty=1
	fi
	if [[ $v =~ ^(.+)-([0-9]+)-g([0-9a-f]+)$ ]]; then
		v=${BASH_REMATCH[1]}
		post="+${BASH_REMATCH[2]}.g${BASH_REMATCH[3]}"
	elif [[ $v =~ ^[0-9a-f]{7,40}$ ]] && [ "$in_git" = 1 ]; then
		v="0~git$(TZ=UTC git log -1 --format=%cd --date=format-local:%Y%m%d%H%M%S).$v"
	fi
	v=${v//-/\~}
	v=${v//_/.}
	[[ $v =~ ^[0-9] ]] || v="0~$v"
	if [ -n "$dirty" ]; then
		if [[ $v$post == *+* ]]; then post="$post.dirty"; else post="+dirty"; fi
	fi
	echo "$v$post"
}
pkg_version=$(deb_version "$version")

# go build records the commit (-buildvcs) only where .git is a directory;
# a linked worktree gets the commit stamped instead.
vcs=(-buildvcs=false)
ldflags="-s -w -X main.version=$version"
if [ "$in_git" = 1 ]; then
	export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
	if [ "$(git rev-parse --absolute-git-dir)" = "$(git rev-parse --path-format=absolute --git-common-dir)" ]; then
		vcs=(-buildvcs=true)
	else
		ldflags+=" -X main.revision=$(git rev-parse HEAD)"
		ldflags+=" -X main.revisionTime=$(TZ=UTC git log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ)"
	fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf dist
mkdir -p dist

echo "release: mxtop $version (package $pkg_version) for ${arches// /, }"
for arch in $arches; do
	CGO_ENABLED=0 GOOS=linux GOARCH=$arch go build -trimpath "${vcs[@]}" -ldflags "$ldflags" -o "dist/mxtop-linux-$arch" .
	if ! go version -m "dist/mxtop-linux-$arch" | grep -q 'CGO_ENABLED=0'; then
		echo "release: dist/mxtop-linux-$arch is not a static build" >&2
		exit 1
	fi
done

# The manual page comes from the flag definitions, through a binary for
# this machine built the same way.
CGO_ENABLED=0 go build -trimpath "${vcs[@]}" -ldflags "$ldflags" -o "$tmp/mxtop" .
"$tmp/mxtop" man | gzip -9n >dist/mxtop.1.gz

GOBIN="$tmp" go install "$nfpm_module"
for arch in $arches; do
	PKG_ARCH=$arch PKG_VERSION=$pkg_version PKG_MAINTAINER=$maintainer DIST=dist \
		"$tmp/nfpm" package --config packaging/nfpm.yaml --packager deb --target dist/
done

(cd dist && sha256sum -- * >SHA256SUMS)
ls -l dist
