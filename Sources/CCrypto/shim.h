// The few libcrypto (OpenSSL 3) entry points SigV4 needs, wrapped so Swift sees plain byte buffers
// and a success flag instead of OpenSSL's out-parameters and OSSL_PARAM arrays.
//
// One-shot calls (`esp_sha256`, `esp_hmac_sha256`) look the algorithm up on every call, which costs
// more than hashing a short message; the signer's hot path therefore fetches SHA-256 once
// (`esp_sha256_fetch`) and keeps keyed HMAC contexts per signing key (`esp_hmac_sha256_new`,
// `esp_hmac_sha256_copy`), each used by one thread at a time and restarted under its key.
//
// It also exports the kernel CSPRNG (`getrandom`, which Swift's Glibc module lacks) for document ids.
#ifndef ESPROXY_CCRYPTO_SHIM_H
#define ESPROXY_CCRYPTO_SHIM_H
#include <limits.h>
#include <stddef.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>
#include <openssl/sha.h>
#include <sys/random.h>

/// SHA-256 of `len` bytes into `out` (32 bytes). Returns 1 on success, 0 on failure.
static inline int esp_sha256(const void *data, size_t len, unsigned char *out) {
    unsigned int written = 0;
    if (EVP_Digest(data, len, out, &written, EVP_sha256(), NULL) != 1) return 0;
    return written == 32;
}

/// SHA-1 of `len` bytes into `out` (20 bytes), for RFC 9562 version 5 (name-based) UUIDs only.
/// Returns 1 on success, 0 on failure.
static inline int esp_sha1(const void *data, size_t len, unsigned char *out) {
    unsigned int written = 0;
    if (EVP_Digest(data, len, out, &written, EVP_sha1(), NULL) != 1) return 0;
    return written == 20;
}

/// HMAC-SHA256 of `len` bytes under `key` into `out` (32 bytes). Returns 1 on success, 0 on failure.
static inline int esp_hmac_sha256(const void *key, size_t keylen, const void *data, size_t len,
                                  unsigned char *out) {
    unsigned int written = 0;
    if (keylen > INT_MAX) return 0;
    if (HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)data, len, out, &written) == NULL) return 0;
    return written == 32;
}

/// The SHA-256 implementation, fetched once; NULL on failure. Free with `esp_sha256_free`.
static inline EVP_MD *esp_sha256_fetch(void) { return EVP_MD_fetch(NULL, "SHA256", NULL); }

/// Releases a digest from `esp_sha256_fetch` (NULL is ignored).
static inline void esp_sha256_free(EVP_MD *md) { EVP_MD_free(md); }

/// SHA-256 with a fetched digest; safe to call from several threads with the same `md`.
static inline int esp_sha256_with(const EVP_MD *md, const void *data, size_t len, unsigned char *out) {
    unsigned int written = 0;
    if (EVP_Digest(data, len, out, &written, md, NULL) != 1) return 0;
    return written == 32;
}

/// An HMAC-SHA256 context keyed with `key`, used only as a template for `esp_hmac_sha256_keyed`;
/// NULL on failure. Free with `esp_hmac_sha256_free`.
static inline EVP_MAC_CTX *esp_hmac_sha256_new(const void *key, size_t keylen) {
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    if (mac == NULL) return NULL;
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac);  // the context keeps its own reference
    if (ctx == NULL) return NULL;
    char digest[] = "SHA256";
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end(),
    };
    if (EVP_MAC_init(ctx, key, keylen, params) != 1) {
        EVP_MAC_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

/// Releases a template from `esp_hmac_sha256_new` (NULL is ignored).
static inline void esp_hmac_sha256_free(EVP_MAC_CTX *ctx) { EVP_MAC_CTX_free(ctx); }

/// A private copy of a keyed template, for one thread at a time; NULL on failure.
/// Free with `esp_hmac_sha256_free`.
static inline EVP_MAC_CTX *esp_hmac_sha256_copy(const EVP_MAC_CTX *keyed) { return EVP_MAC_CTX_dup(keyed); }

/// HMAC-SHA256 of `len` bytes into `out` (32 bytes) with a context from `esp_hmac_sha256_new` or
/// `esp_hmac_sha256_copy`, restarted under the key it already holds (cheaper than a fresh copy).
/// The context must not be used by another thread meanwhile. Returns 1 on success, 0 on failure.
static inline int esp_hmac_sha256_reuse(EVP_MAC_CTX *ctx, const void *data, size_t len, unsigned char *out) {
    size_t written = 0;
    return EVP_MAC_init(ctx, NULL, 0, NULL) == 1
        && EVP_MAC_update(ctx, (const unsigned char *)data, len) == 1
        && EVP_MAC_final(ctx, out, &written, 32) == 1 && written == 32;
}
#endif
