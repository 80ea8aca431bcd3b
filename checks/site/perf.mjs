// SPDX-License-Identifier: GPL-2.0
// perf.mjs HTMLDIR: Lighthouse's performance score (desktop preset) of
// the key pages (the index, the longest explanation page, the
// cheat-sheet), one "SCORE PAGE" line each, for `make bench`.  A timing
// that follows the machine's load: printed, never asserted (check-a11y
// asserts the other categories and does not run this one).
import fs from 'node:fs';
import path from 'node:path';
import { pages, serve, freshProfile, keyPages, launchLighthouse } from './lib.mjs';

const html = path.resolve(process.argv[2] || '');
if (!fs.existsSync(path.join(html, 'index.html'))) {
	console.error(`perf.mjs: no built site in ${html}`);
	process.exit(1);
}
const server = await serve(html);
const profile = freshProfile();
let chrome;
let rc = 0;
try {
	chrome = await launchLighthouse(profile);
	for (const k of keyPages(html, pages(html)).filter((k) => !k.missing)) {
		const lhr = await chrome.run(server.url + k.page, ['performance']);
		const score = lhr?.categories?.performance?.score;
		if (score === undefined || score === null) {
			console.error(`perf.mjs: no performance score for ${k.page}`);
			rc = 1;
			continue;
		}
		console.log(`${Math.round(score * 100)} ${k.page}`);
	}
} finally {
	if (chrome)
		await chrome.kill();
	await server.close();
	fs.rmSync(profile, { recursive: true, force: true });
}
process.exit(rc);
