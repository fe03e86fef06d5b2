/*
 * The validator: checks that a decoded module is valid (WebAssembly 2.0 core, chapter 3), or throws
 * a ValidationError naming the function or module entry, the byte offset and the broken rule.
 */

export {operandTypes, validateModule} from './module.js';
