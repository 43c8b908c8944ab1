// libxml2's HTML parser and tree API for the IPO scraper (libxml2-dev; headers in /usr/include/libxml2, found through
// pkg-config). Debian builds libxml2 with ICU: its encoding.h then includes <unicode/ucnv.h>, whose UErrorCode clashes
// with Foundation's bundled ICU ("'UErrorCode' has different definitions in different modules"). Nothing here uses
// libxml2's ICU converters, so the flag is dropped before any other libxml2 header reads it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
