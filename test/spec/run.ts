/**
 * `npm run test:spec`: the command-line wrapper around runSuite (suite.ts). Parses the flags
 * (cli-args.ts), creates the engine, reads its expected-failures list, prints each file as it finishes
 * and the summary (report.ts), and sets the exit status: 0 all passed, 1 any failure, 2 usage error.
 */
import {resolve} from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {USAGE, UsageError, parseArgs} from './cli-args.js';
import {ENGINES} from './engines/index.js';
import {readExpectedFailures} from './expected-failures.js';
import {fileReport, summaryReport} from './report.js';
import {runSuite} from './suite.js';

/** The default suite, from this file's location: <project>/../shared/conformance/wasm-spec. */
const DEFAULT_SUITE = fileURLToPath(new URL('../../../shared/conformance/wasm-spec', import.meta.url));

function main(argv: readonly string[]): number {
	const options = parseArgs(argv);
	if (options.help) {
		console.log(USAGE);
		return 0;
	}
	const engine = ENGINES[options.engine]!(options.engineOptions);
	const expectedFailures = readExpectedFailures(fileURLToPath(new URL(`expected-failures-${options.engine}.txt`, import.meta.url)));
	const suiteDir = options.suiteDir === undefined ? DEFAULT_SUITE : resolve(options.suiteDir);
	const groups = options.simd ? ['core-2.0', 'simd'] : ['core-2.0'];
	console.log(`spec: engine ${options.engine}, suite ${suiteDir}, groups ${groups.join(' + ')}${options.filter === undefined ? '' : `, filter "${options.filter}"`}`);
	const started = performance.now();
	const summary = runSuite({
		engine,
		suiteDir,
		groups,
		filter: options.filter,
		expectedFailures,
		onFile: (file) => console.log(fileReport(file).join('\n')),
	});
	console.log(`spec: ${summary.files.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	console.log(summaryReport(summary, expectedFailures.source).join('\n'));
	return summary.failed > 0 ? 1 : 0;
}

try {
	process.exitCode = main(process.argv.slice(2));
} catch (error) {
	const message = error instanceof Error ? error.message : String(error);
	console.error(`test:spec: ${message}`);
	if (error instanceof UsageError) console.error('Run with --help for usage.');
	process.exitCode = 2;
}
