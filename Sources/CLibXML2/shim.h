// Include order matters: xmlversion.h first, then drop ICU, or a clean build fails with
// "'UErrorCode' has different definitions in different modules" (Foundation ships its own ICU).
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>

// xmlFree is a global function-pointer variable, which Swift 6 rejects as shared mutable state.
static inline void nnid_xml_free(void *pointer) { xmlFree(pointer); }
