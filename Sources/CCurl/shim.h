// Typed wrappers for libcurl's variadic calls, which Swift cannot call directly.
#ifndef ESPROXY_CCURL_SHIM_H
#define ESPROXY_CCURL_SHIM_H
#include <curl/curl.h>
#include <pthread.h>

static inline CURLcode esp_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode esp_setopt_ptr(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode esp_setopt_str(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode esp_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode esp_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode esp_setopt_write(CURL *h, CURLoption o, size_t (*f)(char *, size_t, size_t, void *)) { return curl_easy_setopt(h, o, f); }
static inline CURLcode esp_setopt_read(CURL *h, CURLoption o, size_t (*f)(char *, size_t, size_t, void *)) { return curl_easy_setopt(h, o, f); }
static inline CURLcode esp_setopt_sockopt(CURL *h, int (*f)(void *, curl_socket_t, curlsocktype)) { return curl_easy_setopt(h, CURLOPT_SOCKOPTFUNCTION, f); }
static inline CURLcode esp_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode esp_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode esp_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode esp_getinfo_str(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }

// curl_global_init must run once per process before any thread uses libcurl. The once-flag and
// the result live here, on the C side, so the Swift modules keep no global mutable state. The
// function is static inline, so each translation unit that calls it gets its own flag: only the
// HTTP module calls it (libcurl's init is reference counted, so a second call would still be safe).
static inline CURLcode *esp_global_init_slot(void) { static CURLcode result = CURLE_OK; return &result; }
static inline void esp_global_init_body(void) { *esp_global_init_slot() = curl_global_init(CURL_GLOBAL_DEFAULT); }
static inline CURLcode esp_global_init(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, esp_global_init_body);
    return *esp_global_init_slot();
}

// Sets the request body for any method. The size goes first: libcurl would otherwise strlen() the
// data. A zero-length body still needs a non-NULL pointer, or libcurl falls back to its read callback.
static inline CURLcode esp_set_body(CURL *h, const void *data, curl_off_t size) {
    CURLcode rc = curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, size);
    if (rc != CURLE_OK) return rc;
    return curl_easy_setopt(h, CURLOPT_POSTFIELDS, data != NULL ? data : (const void *)"");
}
#endif
