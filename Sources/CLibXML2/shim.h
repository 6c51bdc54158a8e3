#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlschemas.h>

/* xmlFree is a global function-pointer variable in libxml2 2.9; Swift 6 refuses to read
   shared mutable globals, so calls go through this inline function. */
static inline void cxml_free(void *ptr) { xmlFree(ptr); }

/* The generic error callback is variadic, which Swift cannot write; this silences libxml2's own
   printing to stderr for the current thread (errors we care about go to structured handlers). */
static void cxml_ignore_generic(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void cxml_silence_generic_errors(void) { xmlSetGenericErrorFunc(NULL, cxml_ignore_generic); }

#endif
