/**
 * The V8 options every trueup build runs with: `bin/trueup.js` starts Node with them, and the
 * benchmark starts its build child with them, so the bench measures what the CLI runs.
 *
 * `--max-semi-space-size=16` (MB): the load reads each CSV in 32 KB pieces whose rows die young,
 * yet V8 grows its young generation to 2 x 64 MB while the load allocates fast. Every page of
 * that is touched for the first time, and a first touch costs about 13 us on these virtual
 * machines. At 16 MB the 200,000-device load touched 90,000-94,000 pages instead of
 * 112,000-117,000, held 70-100 MB less at its peak, and load + analyse was faster in six
 * interleaved pairs out of six. Papaparse alone, which keeps every row, is slower with it, so
 * the benchmark's papaparse baseline runs without it.
 *
 * `--initial-old-space-size=384` (MB): the old generation's first limit. With V8's own, small
 * first limit, the analysis of 200,000 devices stopped for a full mark-compact of its 290 MB heap
 * (80-280 ms of pause, and the marking barrier slowing every write while it ran): a batch process
 * whose inputs and findings all stay alive to the end gains nothing from it. Four interleaved
 * pairs of the bare load + analysis: 4.05-5.58 s against 4.68-5.93 s (the analysis 0.33-0.54 s
 * less in each), 28-35 MB more resident. Papaparse alone measured the same with it or without
 * (2.89-3.76 s against 2.75-3.68 s, three pairs), and its baseline runs without it.
 */
export const NODE_FLAGS = ['--max-semi-space-size=16', '--initial-old-space-size=384'];
