#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H

/* Debian's libxml2 is built with ICU, so encoding.h pulls in <unicode/ucnv.h>. The system ICU headers
   clash with the ICU module bundled in Foundation ("'UErrorCode' has different definitions") in any
   module that sees both. Nothing here touches ICU converters, so ucnv.h is kept out and the two types
   encoding.h mentions are declared opaquely. */
#ifndef UCNV_H
#define UCNV_H
#include <stdint.h>
typedef struct UConverter UConverter;
typedef uint16_t UChar;
#endif

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlschemas.h>
#include <libxml/SAX2.h>
#include <libxml/xmlsave.h>

/* xmlFree is a global function-pointer variable in libxml2 2.9; Swift 6 refuses to read
   shared mutable globals, so calls go through this inline function. */
static inline void cxml_free(void *ptr) { xmlFree(ptr); }

/* The generic error callback is variadic, which Swift cannot write; this silences libxml2's own
   printing to stderr for the current thread (errors we care about go to structured handlers). */
static void cxml_ignore_generic(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void cxml_silence_generic_errors(void) { xmlSetGenericErrorFunc(NULL, cxml_ignore_generic); }

/* Plugs a schema validator into a parser context's SAX events. libxml2 keeps the addresses of the context's two
   fields to restore them when unplugged, and Swift only lends a field's address for the length of one call. */
static inline xmlSchemaSAXPlugPtr cxml_schema_sax_plug(xmlSchemaValidCtxtPtr vctxt, xmlParserCtxtPtr ctxt) {
    return xmlSchemaSAXPlug(vctxt, &ctxt->sax, &ctxt->userData);
}

#endif
