/**
 * The `spectest` host module the spec tests import from, described for any engine (each adapter builds
 * it with `SpecEngine.hostModule`). Globals carry exact bits: 666 and 666.6 as f32/f64.
 */
import type {HostExport, HostModuleSpec, ValType} from './engine.js';

/** f32 666.6 rounds to 0x4426a666 (666.5999755859375). */
const F32_666_6 = 0x4426a666;
const F64_666_6 = 0x4084d4cccccccccdn;

/** A print function: the tests never check printed text, so the arguments are accepted and dropped. */
function printer(...params: ValType[]): HostExport {
	return {kind: 'func', params, call: () => {}};
}

export function spectestModule(): HostModuleSpec {
	return {
		global_i32: {kind: 'global', mutable: false, value: {type: 'i32', bits: 666}},
		global_i64: {kind: 'global', mutable: false, value: {type: 'i64', bits: 666n}},
		global_f32: {kind: 'global', mutable: false, value: {type: 'f32', bits: F32_666_6}},
		global_f64: {kind: 'global', mutable: false, value: {type: 'f64', bits: F64_666_6}},
		table: {kind: 'table', element: 'funcref', min: 10, max: 20},
		memory: {kind: 'memory', min: 1, max: 2},
		print: printer(),
		print_i32: printer('i32'),
		print_i64: printer('i64'),
		print_f32: printer('f32'),
		print_f64: printer('f64'),
		print_i32_f32: printer('i32', 'f32'),
		print_f64_f64: printer('f64', 'f64'),
	};
}
