// The few libcrypto entry points SigV4 needs: one-shot SHA-256 and HMAC-SHA256, wrapped so Swift
// sees plain byte buffers and a success flag instead of OpenSSL's out-parameter conventions.
#ifndef ESPROXY_CCRYPTO_SHIM_H
#define ESPROXY_CCRYPTO_SHIM_H
#include <limits.h>
#include <stddef.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

/// SHA-256 of `len` bytes into `out` (32 bytes). Returns 1 on success, 0 on failure.
static inline int esp_sha256(const void *data, size_t len, unsigned char *out) {
    unsigned int written = 0;
    if (EVP_Digest(data, len, out, &written, EVP_sha256(), NULL) != 1) return 0;
    return written == 32;
}

/// HMAC-SHA256 of `len` bytes under `key` into `out` (32 bytes). Returns 1 on success, 0 on failure.
static inline int esp_hmac_sha256(const void *key, size_t keylen, const void *data, size_t len,
                                  unsigned char *out) {
    unsigned int written = 0;
    if (keylen > INT_MAX) return 0;
    if (HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)data, len, out, &written) == NULL) return 0;
    return written == 32;
}
#endif
