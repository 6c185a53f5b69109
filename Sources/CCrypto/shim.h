// The system's cryptographic primitives: libcrypto's SHA-256 and HMAC-SHA256 for SigV4, and the
// kernel CSPRNG (getrandom, which Swift's Glibc module does not export) for document ids.
#ifndef ESPROXY_CCRYPTO_SHIM_H
#define ESPROXY_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <sys/random.h>
#endif
