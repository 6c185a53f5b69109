// The few libcrypto entry points SigV4 needs: one-shot SHA-256 and HMAC-SHA256.
#ifndef ESPROXY_CCRYPTO_SHIM_H
#define ESPROXY_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#endif
