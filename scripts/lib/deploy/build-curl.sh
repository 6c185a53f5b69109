#!/usr/bin/env bash
# Builds a minimal libcurl (HTTP and HTTPS over OpenSSL, nothing else) from Debian's own source
# package, so the Lambda zip does not carry the ~30 libraries Debian's libcurl4 pulls in (LDAP,
# Kerberos, GnuTLS, SSH, RTMP, IDN, PSL, brotli, zstd, HTTP/2). Same upstream version and Debian
# patches as the libcurl4-openssl-dev headers the code is compiled against.
#
# Usage: build-curl.sh CACHE_DIR     (prints the install prefix on stdout; cached across runs)
# The result is a static libcurl.a: it is linked into the executable, so the zip ships no libcurl.
set -euo pipefail

cache="${1:?usage: build-curl.sh CACHE_DIR}"
mkdir -p "$cache"
cache="$(cd "$cache" && pwd)"
prefix="$cache/prefix"
# The Debian version is part of the stamp: a security update of curl rebuilds the cache.
version="$(dpkg-query -W -f='${Version}' libcurl4-openssl-dev)"
stamp="$prefix/.built-$version"
if [ -f "$stamp" ]; then
    echo "$prefix"
    exit 0
fi

log() { echo "build-curl: $*" >&2; }

ensure_deb_src() {
    # apt-get source needs a deb-src line; add one for bookworm, in a file of our own.
    if ! apt-get source --print-uris "curl=$version" >/dev/null 2>&1; then
        local list=/etc/apt/sources.list.d/esproxy-deb-src.sources
        log "adding $list (deb-src for bookworm) and updating apt"
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

ensure_tools() {
    local missing=()
    for p in dpkg-dev make gcc libssl-dev pkg-config; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
    fi
}

ensure_tools
ensure_deb_src

src="$cache/src"
rm -rf "$src" "$prefix"
mkdir -p "$src"
log "fetching Debian source curl=$version"
(cd "$src" && apt-get source -qq "curl=$version" >&2)
dir="$(find "$src" -maxdepth 1 -mindepth 1 -type d -name 'curl-*' | head -n1)"
[ -n "$dir" ] || { log "error: apt-get source produced no curl-* folder"; exit 1; }

log "configuring in $dir"
# Only what ESProxy speaks: HTTP/1.1 and HTTPS with OpenSSL (the same libcrypto SigV4 uses).
# No compiled-in CA path: the HTTP module picks the bundle itself (SSL_CERT_FILE, AWS_CA_BUNDLE,
# Amazon Linux's and Debian's paths, ca-bundle.crt next to the binary); the compiled-in default
# is Amazon Linux's bundle, where Lambda has it.
(
    cd "$dir"
    [ -x configure ] || autoreconf -fi >&2
    ./configure --prefix="$prefix" \
        --disable-shared --enable-static --with-pic \
        --with-openssl --without-gnutls --without-mbedtls --without-wolfssl \
        --without-zlib --without-brotli --without-zstd \
        --without-libidn2 --without-libpsl --without-nghttp2 --without-nghttp3 --without-ngtcp2 \
        --without-librtmp --without-libssh2 --without-libssh --without-gssapi --without-libgsasl \
        --disable-ldap --disable-ldaps --disable-rtsp --disable-dict --disable-telnet \
        --disable-tftp --disable-pop3 --disable-imap --disable-smb --disable-smtp \
        --disable-gopher --disable-mqtt --disable-ftp --disable-file \
        --disable-manual --disable-ntlm --disable-ntlm-wb --disable-kerberos-auth \
        --disable-negotiate-auth --disable-aws --disable-cookies --disable-alt-svc --disable-hsts \
        --disable-netrc --disable-doh --disable-mime --disable-progress-meter --disable-docs \
        --enable-ipv6 --enable-threaded-resolver \
        --with-ca-bundle=/etc/pki/tls/certs/ca-bundle.crt --without-ca-path \
        CFLAGS="-O2 -fPIC" >"$cache/configure.log" 2>&1 \
        || { tail -n 30 "$cache/configure.log" >&2; exit 1; }
    log "building (make -j 2)"
    make -j 2 -C lib >"$cache/make.log" 2>&1 || { tail -n 30 "$cache/make.log" >&2; exit 1; }
    make -C lib install >>"$cache/make.log" 2>&1
    make -C include install >>"$cache/make.log" 2>&1
    install -m 644 libcurl.pc "$prefix/lib/pkgconfig/libcurl.pc" 2>/dev/null \
        || { mkdir -p "$prefix/lib/pkgconfig"; install -m 644 libcurl.pc "$prefix/lib/pkgconfig/libcurl.pc"; }
    # CURL_STATICLIB only matters for Windows DLL imports, and SwiftPM refuses -D from pkg-config.
    sed -i 's/ -DCURL_STATICLIB//' "$prefix/lib/pkgconfig/libcurl.pc"
)
rm -rf "$src"
touch "$stamp"
echo "$prefix"
