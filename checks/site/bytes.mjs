// SPDX-License-Identifier: GPL-2.0
// bytes.mjs HTMLDIR PAGE...: load each page in Chromium with an empty cache
// from a local server that sends files as they are (like
// `python3 -m http.server`: no compression) and print
// "BYTES REQUESTS PAGE": the body bytes a first visit transfers.
import fs from 'node:fs';
import { serve, freshProfile, withCleanup, CHROMIUM, CHROMIUM_FLAGS } from './lib.mjs';
import { chromium } from 'playwright-core';

const [html, ...list] = process.argv.slice(2);
const server = await serve(html);
const profile = freshProfile();
let browser;
await withCleanup(async () => {
	browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
	for (const rel of list) {
		const ctx = await browser.newContext();	// a fresh cache per page
		await ctx.route('**/*', (r) => (r.request().url().startsWith(server.url)
			? r.continue() : r.abort('blockedbyclient')));
		const page = await ctx.newPage();
		server.log.length = 0;
		await page.goto(server.url + rel, { waitUntil: 'networkidle' });
		await ctx.close();
		const bytes = server.log.reduce((s, [, n]) => s + n, 0);
		console.log(`${bytes} ${server.log.length} ${rel}`);
	}
}, async () => {
	if (browser)
		await browser.close().catch(() => {});
	browser = undefined;
	await server.close();
	fs.rmSync(profile, { recursive: true, force: true });
});
