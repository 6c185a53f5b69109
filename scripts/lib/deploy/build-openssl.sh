#!/usr/bin/env bash
# Builds a trimmed static OpenSSL (libssl.a, libcrypto.a) from Debian's own source package (the
# newest bookworm offers): only what TLS 1.2/1.3 to AWS endpoints and SigV4
# (SHA-256, HMAC) need. Legacy ciphers, engines, DTLS, SSLv3/TLS 1.0/1.1, GOST, SM2/3/4, CMS,
# timestamping and the like are left out, which takes ~0.5 MB off the zipped Lambda package.
#
# Usage: build-openssl.sh CACHE_DIR   (prints the install prefix on stdout; cached across runs)
set -euo pipefail

cache="${1:?usage: build-openssl.sh CACHE_DIR}"
mkdir -p "$cache"
cache="$(cd "$cache" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
prefix="$cache/openssl"
# Everything TLS to AWS and SigV4 do not use. Kept: TLS 1.2 and 1.3, ECDHE/DHE, RSA/ECDSA/EdDSA
# certificates, AES-GCM/CBC, ChaCha20-Poly1305, SHA-1/2/3, OCSP (libcurl's stapling check).
options=(no-shared no-tests no-legacy no-engine no-dso no-module no-comp
    no-ssl3 no-tls1 no-tls1_1 no-dtls no-srp no-psk no-srtp no-sctp no-nextprotoneg no-gost
    no-idea no-rc2 no-rc4 no-rc5 no-md2 no-md4 no-mdc2 no-whirlpool no-rmd160 no-seed no-camellia
    no-aria no-bf no-cast no-des no-sm2 no-sm3 no-sm4 no-siphash no-ocb no-cms no-ts no-ct
    no-ec2m no-scrypt no-blake2 no-dsa no-padlockeng no-afalgeng no-capieng no-ui-console
    no-filenames no-err no-autoload-config)
optionshash="$(printf '%s ' "${options[@]}" | sha256sum | cut -c1-12)"
if compgen -G "$prefix/.built-*-$optionshash" >/dev/null; then
    echo "$prefix"
    exit 0
fi

log() { echo "build-openssl: $*" >&2; }
# shellcheck source=debian-source.sh
source "$here/debian-source.sh"
esp_ensure_source_tools
esp_ensure_deb_src

src="$cache/openssl-src"
rm -rf "$src" "$prefix"
mkdir -p "$src"
# Newest first; a version whose files the mirror lacks is skipped (its headers are installed
# with it, so it need not match the libssl-dev on this machine: 3.0.x keeps its ABI).
{ read -r version; read -r dir; } < <(esp_fetch_source openssl "$src" \
    $(apt-cache showsrc openssl 2>/dev/null | awk '/^Version:/ { print $2 }' | grep '^3\.0\.' | sort -rV)) || exit 1
stamp="$prefix/.built-$version-$optionshash"
log "configuring in $dir"
(
    cd "$dir"
    ./Configure linux-x86_64 --prefix="$prefix" --libdir=lib --openssldir=/etc/pki/tls \
        "${options[@]}" -fPIC >"$cache/openssl-configure.log" 2>&1 \
        || { tail -n 30 "$cache/openssl-configure.log" >&2; exit 1; }
    log "building libcrypto and libssl (make -j 2; a few minutes)"
    make -j 2 build_libs >"$cache/openssl-make.log" 2>&1 || { tail -n 30 "$cache/openssl-make.log" >&2; exit 1; }
    make install_dev >>"$cache/openssl-make.log" 2>&1 || { tail -n 30 "$cache/openssl-make.log" >&2; exit 1; }
)
rm -rf "$src"
touch "$stamp"
echo "$prefix"
