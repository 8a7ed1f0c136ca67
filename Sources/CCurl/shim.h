// CCurl: libcurl (libcurl4-openssl-dev) for the JSON-RPC client. curl_easy_setopt/getinfo are C
// variadics that Swift cannot call, so every option proofnode uses gets a typed wrapper here.
#ifndef PROOFNODE_CCURL_SHIM_H
#define PROOFNODE_CCURL_SHIM_H
#include <curl/curl.h>

static inline CURLcode ccurl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
typedef size_t (*ccurl_write_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
static inline CURLcode ccurl_setopt_write_function(CURL *h, ccurl_write_callback f) {
    return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, f);
}
/// The header callback has the write callback's signature (one header line per call).
static inline CURLcode ccurl_setopt_header_function(CURL *h, ccurl_write_callback f) {
    return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, f);
}
typedef int (*ccurl_xferinfo_callback)(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                                       curl_off_t ulnow);
/// The progress callback; returning non-zero aborts the transfer (CURLE_ABORTED_BY_CALLBACK).
static inline CURLcode ccurl_setopt_xferinfo_function(CURL *h, ccurl_xferinfo_callback f) {
    return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f);
}
static inline CURLcode ccurl_setopt_off_t(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_getinfo_long(CURL *h, CURLINFO i, long *out) { return curl_easy_getinfo(h, i, out); }
static inline CURLcode ccurl_getinfo_double(CURL *h, CURLINFO i, double *out) { return curl_easy_getinfo(h, i, out); }
/// CURLVERSION_NOW is a macro over an enum value; exposed as a constant.
static const int ccurl_version_now = CURLVERSION_NOW;
/// CURL_GLOBAL_DEFAULT is a macro; exposed as a constant.
static const long ccurl_global_default = CURL_GLOBAL_DEFAULT;
/// CURL_ERROR_SIZE is a macro; exposed as a constant.
static const int ccurl_error_size = CURL_ERROR_SIZE;
#endif
