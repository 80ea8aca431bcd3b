// SPDX-License-Identifier: GPL-2.0
// perf.mjs HTMLDIR: Lighthouse's performance score (desktop preset) of
// the key pages (the index, the longest explanation page, the
// cheat-sheet), one "SCORE PAGE" line each, for `make bench`.  A timing
// that follows the machine's load: printed, never asserted (check-a11y
// asserts the other categories and does not run this one).
import fs from 'node:fs';
import path from 'node:path';
import { pages, serve, freshProfile, keyPages, CHROMIUM, CHROMIUM_FLAGS } from './lib.mjs';

const html = path.resolve(process.argv[2] || '');
if (!fs.existsSync(path.join(html, 'index.html'))) {
	console.error(`perf.mjs: no built site in ${html}`);
	process.exit(1);
}
const lighthouse = (await import('lighthouse')).default;
const desktop = (await import('lighthouse/core/config/desktop-config.js')).default;
const chromeLauncher = await import('chrome-launcher');
const server = await serve(html);
const profile = freshProfile();
let chrome;
let rc = 0;
try {
	chrome = await chromeLauncher.launch({
		chromePath: CHROMIUM, chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
		userDataDir: profile, logLevel: 'silent',
	});
	for (const k of keyPages(html, pages(html)).filter((k) => !k.missing)) {
		const r = await lighthouse(server.url + k.page, {
			port: chrome.port, output: 'json', logLevel: 'error',
			onlyCategories: ['performance'],
		}, desktop);
		const score = r?.lhr?.categories?.performance?.score;
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
