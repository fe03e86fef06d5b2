/*
 * Limits of the decoder beyond those of the binary format, one line each. They exist so that a
 * small hostile file cannot make the decoder allocate without bound; a module that exceeds one is
 * malformed for us (a DecodeError naming the limit).
 */

/** Declared locals of one function, parameters not counted (V8's kV8MaxWasmFunctionLocals). */
export const MAX_FUNCTION_LOCALS = 50_000;

/**
 * Declared locals of all functions of a module together. Func.locals holds one array entry per
 * local, so without this bound 4 bytes of a body (50,000 i32) expand to 50,000 entries, and a
 * 1 MB code section to 12.5 billion. 2^22 (about 32 MB of arrays) is still several times what
 * compilers emit for the largest real programs (100,000s of functions of 10-20 locals).
 */
export const MAX_MODULE_LOCALS = 1 << 22;
