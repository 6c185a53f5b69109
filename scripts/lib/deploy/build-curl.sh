#!/usr/bin/env bash
# Builds a minimal libcurl (HTTP and HTTPS over OpenSSL, nothing else) from Debian's own source
# package, so the Lambda zip does not carry the ~30 libraries Debian's libcurl4 pulls in (LDAP,
# Kerberos, GnuTLS, SSH, RTMP, IDN, PSL, brotli, zstd, HTTP/2). Debian's patches included; its own
# headers are installed with it and used for the build (through its libcurl.pc).
#
# Usage: build-curl.sh CACHE_DIR OPENSSL_PREFIX   (prints the install prefix; cached across runs)
# The result is a static libcurl.a against the trimmed static OpenSSL of build-openssl.sh: both are
# linked into the executable, so the zip ships no libcurl and no libssl.
set -euo pipefail

cache="${1:?usage: build-curl.sh CACHE_DIR OPENSSL_PREFIX}"
openssl="${2:?usage: build-curl.sh CACHE_DIR OPENSSL_PREFIX}"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$cache"
cache="$(cd "$cache" && pwd)"
prefix="$cache/prefix"
# The OpenSSL build is part of the stamp: a new OpenSSL rebuilds libcurl too.
openssl_stamp="$(ls -A "$openssl" 2>/dev/null | grep '^\.built-' | head -n1 || true)"
[ -n "$openssl_stamp" ] || { echo "build-curl: no OpenSSL build in $openssl" >&2; exit 1; }
if compgen -G "$prefix/.built-*-with-$openssl_stamp" >/dev/null; then
    echo "$prefix"
    exit 0
fi

log() { echo "build-curl: $*" >&2; }

# shellcheck source=debian-source.sh
source "$here/debian-source.sh"
esp_ensure_source_tools
esp_ensure_deb_src

src="$cache/src"
rm -rf "$src" "$prefix"
mkdir -p "$src"
# The version the machine's libcurl4-openssl-dev has first, then the others newest first (a version
# whose files the mirror lacks is skipped; our own headers are installed with the library).
installed="$(dpkg-query -W -f='${Version}' libcurl4-openssl-dev 2>/dev/null || true)"
{ read -r version; read -r dir; } < <(esp_fetch_source curl "$src" $installed \
    $(apt-cache showsrc curl 2>/dev/null | awk '/^Version:/ { print $2 }' | sort -rV)) || exit 1
stamp="$prefix/.built-$version-with-$openssl_stamp"

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
        --with-openssl="$openssl" --without-gnutls --without-mbedtls --without-wolfssl \
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
        PKG_CONFIG_PATH="$openssl/lib/pkgconfig" CFLAGS="-O2 -fPIC" >"$cache/configure.log" 2>&1 \
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
