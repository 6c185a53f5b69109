# shellcheck shell=bash
# Shared by build-curl.sh and build-openssl.sh: the tools and the deb-src entry `apt-get source`
# needs. The entry goes into a file of our own under /etc/apt/sources.list.d/.

esp_ensure_source_tools() {
    local missing=()
    for p in dpkg-dev make gcc perl libssl-dev pkg-config; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing ${missing[*]}" >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
    fi
}

# The entry names Debian 12's suites and keyring: on any other system (Ubuntu included) the fetch
# would fail later and obscurely, so refuse here. ESP_OS_RELEASE and ESP_DEB_SRC_LIST point the
# check and the file elsewhere (tests only).
esp_ensure_deb_src() {
    local list="${ESP_DEB_SRC_LIST:-/etc/apt/sources.list.d/esproxy-deb-src.sources}"
    local codename pretty
    codename="$(. "${ESP_OS_RELEASE:-/etc/os-release}" 2>/dev/null && echo "${VERSION_CODENAME:-}")"
    pretty="$(. "${ESP_OS_RELEASE:-/etc/os-release}" 2>/dev/null && echo "${PRETTY_NAME:-an unknown system}")"
    if [ "$codename" != bookworm ]; then
        echo "error: the Lambda package is built from Debian 12 (bookworm) source packages; this is ${pretty:-an unknown system}" >&2
        return 1
    fi
    if [ ! -f "$list" ] && [ "$(id -u)" -ne 0 ]; then
        echo "error: adding $list (a bookworm deb-src entry for apt-get source) needs root: run as root" >&2
        return 1
    fi
    if [ ! -f "$list" ]; then
        echo "adding $list (deb-src for bookworm) and updating apt" >&2
        cat > "$list" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
        apt-get update -qq >&2
    fi
}

# esp_fetch_source PACKAGE SRC_DIR VERSION...: `apt-get source` of the first VERSION the mirror
# still has, unpacked in SRC_DIR (emptied after each miss). Prints the version and the unpacked
# folder on two lines; fails with a message when none could be fetched.
esp_fetch_source() {
    local package="$1" src="$2" candidate dir
    shift 2
    for candidate in "$@"; do
        echo "fetching Debian source $package=$candidate" >&2
        if (cd "$src" && apt-get source -qq "$package=$candidate" >&2); then
            dir="$(find "$src" -maxdepth 1 -mindepth 1 -type d -name "$package-*" | head -n1)"
            [ -n "$dir" ] || { echo "error: apt-get source produced no $package-* folder" >&2; return 1; }
            printf '%s\n%s\n' "$candidate" "$dir"
            return 0
        fi
        rm -rf "${src:?}"/*
    done
    echo "error: no $package source package could be fetched (deb-src)" >&2
    return 1
}
