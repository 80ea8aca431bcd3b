// SPDX-License-Identifier: GPL-2.0
// check-a11y: axe-core on every built page (no serious or critical
// violation), then Lighthouse with its desktop preset on the index, the
// longest explanation page and the cheat-sheet: accessibility, best
// practices and SEO each at least 95.  Prints TAP and the scores.
// Lighthouse's performance category is not run: it is a timing (Total
// Blocking Time and the paints follow the machine's load) that was never
// asserted, and it cost a trace and its analysis per page; speed targets
// live in `make bench`.
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
	Tap, htmlDir, pages, serve, needChromium, needModule, freshProfile,
	withCleanup, keyPages, launchLighthouse, CHROMIUM, CHROMIUM_FLAGS, OFFLINE, V8_ONE_THREAD,
} from './lib.mjs';

const MIN_SCORE = 95;
const CATEGORIES = ['accessibility', 'best-practices', 'seo'];

const tap = new Tap();
const { out, html } = htmlDir();
needChromium(tap);
const { chromium } = await needModule(tap, 'playwright-core');
await needModule(tap, 'lighthouse');
await needModule(tap, 'chrome-launcher');
const axeSource = fs.readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const all = pages(html);
const server = await serve(html);
const profiles = [];
let browser;
let chrome;

// A violation fails the check when axe rates it serious or critical.
// meta-viewport (a page that forbids zooming) fails at any rating:
// axe-core 4.10.3 rated it critical, 4.14.1 rates it moderate, and the
// upgrade must not let it through.
const fails = (v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'meta-viewport';

// axe on the page loaded from url (axe is already in it: an init script):
// bad lists each failing violation with up to three of its elements,
// counted says how many lesser ones there were.
async function axeCheck(page, url) {
	await page.goto(url, { waitUntil: 'load' });
	const res = await page.evaluate(() => window.axe.run(document, {
		resultTypes: ['violations'],
	}));
	const bad = res.violations.filter(fails);
	const minor = res.violations.length - bad.length;
	return {
		bad: bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}x: ` +
			`${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`),
		counted: minor ? `, ${minor} minor or moderate` : '',
	};
}

await withCleanup(async () => {
	// 1. axe-core on every page at desktop size, and on the key pages at
	// phone size too: the mobile layout shows other controls (the header
	// and its buttons) but the same content, and axe takes up to 15 s a page
	// on this 2-core machine.
	const phonePages = new Set(keyPages(html, all).filter((k) => !k.missing).map((k) => k.page));
	const profile = freshProfile();
	profiles.push(profile);
	browser = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_FLAGS, OFFLINE, V8_ONE_THREAD],
	});
	// axe is put into every document as it starts (an init script, sent
	// to Chromium once) rather than into each loaded page through
	// addScriptTag, which sent its 0.6 MB over the protocol and made the
	// renderer parse it anew for every page: about half of the CPU of the
	// axe pass before any rule ran (70 pages: 89 CPU-s for loading and
	// injecting, 49 CPU-s with the init script).
	await browser.addInitScript({ content: axeSource });
	// The check must be able to fail: a page with grey text on white
	// (contrast 4.48, below 4.5: serious), an image without alt text
	// (critical) and zooming forbidden is reported with all three,
	// naming their elements.
	{
		const page = await browser.newPage();
		let bad;
		try {
			({ bad } = await axeCheck(page, 'data:text/html;charset=utf-8,' + encodeURIComponent(
				'<!DOCTYPE html><html lang="en"><head><title>axe self-test</title>' +
				'<meta name="viewport" content="width=device-width, user-scalable=no"></head>' +
				'<body><main><h1>Self-test</h1>' +
				'<p id="grey" style="color:#777;background:#fff">Grey text on white</p>' +
				'<img id="noalt" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20">' +
				'</main></body></html>')));
		} catch (e) {
			bad = [`axe did not run: ${e.message.split('\n')[0]}`];
		}
		await page.close();
		const want = [/^serious color-contrast: .*#grey/, /^critical image-alt: .*#noalt/,
			/^\w+ meta-viewport: .*meta/];
		tap.ok(bad.length === want.length && want.every((re) => bad.some((b) => re.test(b))),
			'axe self-test: low-contrast text, an image without alt and a page that cannot be zoomed are reported', bad);
	}

	const jobs = [];
	for (const rel of all) {
		jobs.push([rel, 'desktop', { width: 1280, height: 800 }]);
		if (phonePages.has(rel))
			jobs.push([rel, 'phone', { width: 375, height: 812 }]);
	}
	// axe is CPU-bound: run one page per core, report in page order.
	// Each worker keeps one tab and navigates it from page to page: the
	// renderer process is reused, where a new tab per page started one
	// afresh.
	const results = new Array(jobs.length);
	let next = 0;
	const worker = async () => {
		let page;
		while (next < jobs.length) {
			const i = next++;
			const [rel, , viewport] = jobs[i];
			const t0 = Date.now();
			page ??= await browser.newPage();
			await page.setViewportSize(viewport);
			let bad = [];
			let counted = '';
			try {
				({ bad, counted } = await axeCheck(page, server.url + rel));
			} catch (e) {
				bad = [`axe did not run: ${e.message.split('\n')[0]}`];
				// Start the next page in a fresh tab.
				await page.close().catch(() => {});
				page = undefined;
			}
			results[i] = [bad, counted, Date.now() - t0];
		}
		await page?.close();
	};
	const axeStart = Date.now();
	await Promise.all(Array.from({ length: Math.max(1, os.cpus().length) }, worker));
	// Where the time goes: the whole axe pass and its slowest pages.
	tap.diag(`axe: ${jobs.length} pages in ${((Date.now() - axeStart) / 1000).toFixed(0)} s; slowest: ` +
		jobs.map(([rel, size], i) => [results[i][2], `${rel} (${size})`])
			.sort((a, b) => b[0] - a[0]).slice(0, 5)
			.map(([ms, name]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(', '));
	jobs.forEach(([rel, size], i) => {
		const [bad, counted] = results[i];
		tap.ok(bad.length === 0,
			`axe ${rel} (${size}): no serious or critical violation${counted}`, bad);
	});
	await browser.close();
	browser = undefined;

	// 2. Lighthouse, desktop preset, on the key pages.
	const lhProfile = freshProfile();
	profiles.push(lhProfile);
	chrome = await launchLighthouse(lhProfile, [V8_ONE_THREAD]);
	const reports = path.join(out, 'lighthouse');
	fs.mkdirSync(reports, { recursive: true });
	for (const k of keyPages(html, all)) {
		if (k.missing) {
			tap.ok(false, `lighthouse ${k.name}: ${k.page} exists`, ['that page has not been written yet']);
			continue;
		}
		let lhr;
		const lhStart = Date.now();
		try {
			lhr = await chrome.run(server.url + k.page, CATEGORIES);
		} catch (e) {
			tap.ok(false, `lighthouse ${k.page} runs`, [e.stack]);
			continue;
		}
		if (!lhr || lhr.runtimeError) {
			tap.ok(false, `lighthouse ${k.page} runs`, [JSON.stringify(lhr?.runtimeError ?? 'no result')]);
			continue;
		}
		fs.writeFileSync(path.join(reports, `${k.name}.json`), JSON.stringify(lhr, null, 1));
		const scores = CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]);
		tap.diag(`lighthouse ${k.page}: ` + scores.map(([c, s]) => `${c} ${s}`).join(', ') +
			` (${((Date.now() - lhStart) / 1000).toFixed(0)} s)`);
		for (const [c, s] of scores) {
			// Name the audits that cost points, so a failure says what to fix.
			const lost = (lhr.categories[c]?.auditRefs ?? [])
				.filter((a) => a.weight > 0 && (lhr.audits[a.id]?.score ?? 1) < 1)
				.map((a) => `${a.id}: ${lhr.audits[a.id].title}` +
					(lhr.audits[a.id].displayValue ? ` (${lhr.audits[a.id].displayValue})` : ''));
			tap.ok(s >= MIN_SCORE, `lighthouse ${k.page}: ${c} ${s} >= ${MIN_SCORE}`, lost);
		}
	}
}, async () => {
	if (browser)
		await browser.close().catch(() => {});
	browser = undefined;
	if (chrome)
		await chrome.kill();
	chrome = undefined;
	await server.close();
	for (const p of profiles)
		fs.rmSync(p, { recursive: true, force: true });
	profiles.length = 0;
});
tap.done();
