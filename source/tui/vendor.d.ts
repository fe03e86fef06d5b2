/* Types for the two chart packages the TUI draws with (neither ships its own). */

declare module 'drawille-canvas-blessed-contrib' {
	/** A canvas-like drawing context over a braille dot grid: `width` × `height` dots (multiples of 2 and 4). */
	export default class Context {
		constructor(width: number, height: number);
		/** The dot grid: one byte per character cell, row-major, the bits of U+2800's braille pattern. */
		readonly _canvas: {readonly content: Uint8Array; readonly width: number; readonly height: number};
		beginPath(): void;
		moveTo(x: number, y: number): void;
		lineTo(x: number, y: number): void;
		stroke(): void;
	}
}

declare module 'sparkline' {
	/** One block character (▁ to █) per number, scaled between min and max. */
	export default function sparkline(numbers: readonly number[], options?: {readonly min?: number; readonly max?: number}): string;
}
