// Plain-C wrapper over ICU's charset detector (ucsdet) and converters (ucnv). ICU's own types stay in
// the .c file, so Swift modules importing Foundation never see a second set of ICU headers.
#ifndef NNID_CCHARSET_H
#define NNID_CCHARSET_H
#include <stddef.h>
#include <stdint.h>

/// Writes ICU's best guess for `bytes` into `name` (NUL-terminated) and its confidence (0-100) into
/// `confidence`. Returns 0 on success, -1 when ICU cannot guess.
int nnid_detect_charset(const char *bytes, size_t length, char *name, size_t name_capacity, int32_t *confidence);

/// Converts `bytes` from `charset` to UTF-8. Returns a malloc'ed buffer (free with nnid_free) and sets
/// `out_length`, or NULL when ICU does not know the charset. Unmappable bytes become U+FFFD and are
/// counted in `substitutions`.
char *nnid_convert_to_utf8(const char *bytes, size_t length, const char *charset, size_t *out_length,
                           size_t *substitutions);

/// The canonical ICU name of `charset` in `name`; 0 when known, -1 otherwise.
int nnid_canonical_charset(const char *charset, char *name, size_t name_capacity);

/// Decodes each byte 0x00-0xFF of a single-byte `charset` to one code point (0xFFFD when unmapped).
/// Returns 0 on success.
int nnid_single_byte_table(const char *charset, uint32_t table[256]);

void nnid_free(void *pointer);
#endif
