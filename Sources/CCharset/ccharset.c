#include "ccharset.h"
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

int nnid_detect_charset(const char *bytes, size_t length, char *name, size_t name_capacity, int32_t *confidence) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *detector = ucsdet_open(&status);
    if (U_FAILURE(status)) return -1;
    int32_t clipped = length > INT32_MAX ? INT32_MAX : (int32_t)length;
    ucsdet_setText(detector, bytes, clipped, &status);
    const UCharsetMatch *match = U_SUCCESS(status) ? ucsdet_detect(detector, &status) : NULL;
    int result = -1;
    if (match != NULL && U_SUCCESS(status)) {
        const char *found = ucsdet_getName(match, &status);
        int32_t level = ucsdet_getConfidence(match, &status);
        if (U_SUCCESS(status) && found != NULL && strlen(found) < name_capacity) {
            strcpy(name, found);
            *confidence = level;
            result = 0;
        }
    }
    ucsdet_close(detector);
    return result;
}

static void count_substitution(const void *context, UConverterToUnicodeArgs *args, const char *units,
                               int32_t length, UConverterCallbackReason reason, UErrorCode *status) {
    if (reason <= UCNV_IRREGULAR) (*(size_t *)context)++;
    UCNV_TO_U_CALLBACK_SUBSTITUTE(NULL, args, units, length, reason, status);
}

char *nnid_convert_to_utf8(const char *bytes, size_t length, const char *charset, size_t *out_length,
                           size_t *substitutions) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *source = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return NULL;
    UConverter *utf8 = ucnv_open("UTF-8", &status);
    if (U_FAILURE(status)) { ucnv_close(source); return NULL; }
    *substitutions = 0;
    UConverterToUCallback old_action;
    const void *old_context;
    ucnv_setToUCallBack(source, count_substitution, substitutions, &old_action, &old_context, &status);
    // UTF-8 needs at most 4 bytes per input byte for any ICU charset (3 per UTF-16 unit, <= 1 unit per byte
    // except surrogate pairs from 4-byte sequences).
    size_t capacity = length * 4 + 16;
    char *out = malloc(capacity);
    if (out == NULL) { ucnv_close(source); ucnv_close(utf8); return NULL; }
    char *target = out;
    const char *input = bytes;
    ucnv_convertEx(utf8, source, &target, out + capacity, &input, bytes + length, NULL, NULL, NULL, NULL,
                   1, 1, &status);
    ucnv_close(source);
    ucnv_close(utf8);
    if (U_FAILURE(status)) { free(out); return NULL; }
    *out_length = (size_t)(target - out);
    return out;
}

int nnid_canonical_charset(const char *charset, char *name, size_t name_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return -1;
    const char *canonical = ucnv_getName(converter, &status);
    // The IANA (else MIME) name reads better in messages than ICU's internal one ("ibm-943_P15A-2003").
    if (U_SUCCESS(status) && canonical != NULL) {
        UErrorCode standard_status = U_ZERO_ERROR;
        const char *iana = ucnv_getStandardName(canonical, "IANA", &standard_status);
        if (iana == NULL || U_FAILURE(standard_status)) {
            standard_status = U_ZERO_ERROR;
            iana = ucnv_getStandardName(canonical, "MIME", &standard_status);
        }
        if (iana != NULL && U_SUCCESS(standard_status)) canonical = iana;
    }
    int result = -1;
    if (U_SUCCESS(status) && canonical != NULL && strlen(canonical) < name_capacity) {
        strcpy(name, canonical);
        result = 0;
    }
    ucnv_close(converter);
    return result;
}

int nnid_single_byte_table(const char *charset, uint32_t table[256]) {
    for (int byte = 0; byte < 256; byte++) {
        char in = (char)byte;
        size_t length = 0, substitutions = 0;
        char *utf8 = nnid_convert_to_utf8(&in, 1, charset, &length, &substitutions);
        if (utf8 == NULL) return -1;
        uint32_t scalar = 0xFFFD;
        const unsigned char *u = (const unsigned char *)utf8;
        if (substitutions == 0 && length > 0) {
            if (u[0] < 0x80) scalar = u[0];
            else if ((u[0] & 0xE0) == 0xC0 && length >= 2) scalar = ((u[0] & 0x1F) << 6) | (u[1] & 0x3F);
            else if ((u[0] & 0xF0) == 0xE0 && length >= 3)
                scalar = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        }
        free(utf8);
        table[byte] = scalar;
    }
    return 0;
}

void nnid_free(void *pointer) { free(pointer); }
