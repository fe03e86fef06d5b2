/* The decoder's public entry: bytes of a binary module in, the module model (types.ts) out. */

export {decodeModule} from './module.js';
export {MAX_FUNCTION_LOCALS, MAX_MODULE_LOCALS} from './limits.js';
