/* Declarations only: see include/FuzzSupport.h. */
