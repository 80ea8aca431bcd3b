// SPDX-License-Identifier: GPL-2.0
// check-site: the built site served on localhost and read in Debian's
// headless Chromium, driven by playwright-core.  Prints TAP.
//
//  - every page loads with no console error, no page error, no failed
//    request and no HTTP error; no request leaves localhost;
//  - the search page finds the pages about "shadow variables", "switch_to"
//    and "old_sympos";
//  - every diagram is an SVG that is loaded and visible;
//  - the cheat-sheet is readable at a 375 px viewport and in print;
//  - screenshots of the key pages at desktop and phone sizes go to
//    $OUT/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import {
	Tap, htmlDir, pages, serve, needChromium, needModule, freshProfile,
	withCleanup, keyPages, CHROMIUM, CHROMIUM_FLAGS, OFFLINE, V8_ONE_THREAD, CHEATSHEET,
} from './lib.mjs';

const tap = new Tap();
const { out, html } = htmlDir();
needChromium(tap);
const { chromium } = await needModule(tap, 'playwright-core');

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };
// Search terms and how a page about each must name it in its title or a
// heading (an API field is named in a <dt>).
const SEARCHES = [
	['shadow variables', /shadow[ -]variables?/i],
	['switch_to', /switch_to/i],
	['old_sympos', /old_sympos/i],
];

const all = pages(html);
tap.diag(`${all.length} pages in ${html}`);
const shots = path.join(out, 'screenshots');
fs.rmSync(shots, { recursive: true, force: true });
fs.mkdirSync(shots, { recursive: true });

const server = await serve(html);
const profile = freshProfile();
let context;

await withCleanup(async () => {
	context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: [...CHROMIUM_FLAGS, OFFLINE, V8_ONE_THREAD],
		viewport: DESKTOP,
	});
	// Anything not addressed to our server is recorded, and fails (no host
	// name resolves but 127.0.0.1, lib.mjs OFFLINE): the site must work
	// offline, from a copied tarball.  A request event is only a
	// notification; a route() held every request until playwright let it
	// go, and turned the cache off.
	const offsite = [];
	context.on('request', (r) => {
		const u = r.url();
		if (!(u.startsWith(server.url) || u.startsWith('data:') || u === 'about:blank'))
			offsite.push(u);
	});

	// Opens a page and collects every problem seen while it loads.  The
	// pages are loaded one after the other in one tab (its renderer is
	// reused, where a new tab started one afresh); a caller that is done
	// with the page returns it with done(page), one that changed more
	// than its viewport (print media) closes it.
	let tab;
	let problems;
	async function visit(rel, viewport = DESKTOP) {
		if (!tab || tab.isClosed()) {
			tab = await context.newPage();
			const page = tab;
			const add = (p) => {
				if (page === tab)
					problems.push(p);
			};
			// Chromium asks for /favicon.ico on its own (the site has
			// none); not a request of the page's, and not one a route()
			// ever let it make: its 404 is not the page's error.
			page.on('console', (m) => {
				if (m.type() === 'error' && m.location().url !== `${server.url}favicon.ico`)
					add(`console error: ${m.text()}`);
			});
			page.on('pageerror', (e) => add(`page error: ${e.message}`));
			page.on('requestfailed', (r) =>
				add(`request failed: ${r.url()} (${r.failure()?.errorText})`));
			page.on('response', (r) => {
				if (r.status() >= 400)
					add(`HTTP ${r.status()}: ${r.url()}`);
			});
		}
		const page = tab;
		problems = [];
		await page.setViewportSize(viewport);
		const before = offsite.length;
		let resp;
		try {
			resp = await page.goto(server.url + rel, { waitUntil: 'load', timeout: 30000 });
			await page.waitForLoadState('networkidle', { timeout: 10000 });
		} catch (e) {
			problems.push(`load: ${e.message.split('\n')[0]}`);
		}
		if (resp && resp.status() !== 200)
			problems.push(`status ${resp.status()}`);
		for (const u of offsite.slice(before))
			problems.push(`request leaves localhost: ${u}`);
		return { page, problems };
	}
	// The next visit starts with a fresh list of problems; this one's
	// stays as it was.
	const done = () => {
		problems = [];
	};

	// The diagrams of a loaded page: each one's kind, whether it is an SVG
	// document, its size and visibility.
	function diagramsOf(page) {
		return page.$$eval('.graphviz, object.graphviz, img.graphviz', (els) => {
			const seen = new Set();
			const res = [];
			for (const el of els) {
				// The outermost diagram element: a div.graphviz holding an
				// <object>, or the <object>/<img>/<svg> itself.
				const d = el.matches('div') ? (el.querySelector('object, img, svg') || el) : el;
				if (seen.has(d) || (d.closest('div.graphviz') && d.closest('div.graphviz') !== el && el.matches('div')))
					continue;
				seen.add(d);
				const r = d.getBoundingClientRect();
				const cs = getComputedStyle(d);
				let kind = d.tagName.toLowerCase();
				let svgRoot = false;
				if (kind === 'object') {
					svgRoot = d.type === 'image/svg+xml' &&
						d.contentDocument?.documentElement?.tagName === 'svg';
					kind = `object ${d.getAttribute('data')}`;
				} else if (kind === 'img') {
					svgRoot = /\.svg$/.test(d.getAttribute('src')) && d.complete && d.naturalWidth > 0;
					kind = `img ${d.getAttribute('src')}`;
				} else if (kind === 'svg') {
					svgRoot = true;
				}
				res.push({ kind, svgRoot, w: r.width, h: r.height,
					visible: cs.visibility !== 'hidden' && cs.display !== 'none' && cs.opacity !== '0' });
			}
			return res;
		});
	}

	// The key pages, screenshot for a person to look at (5. below).
	const keys = keyPages(html, all).filter((k) => !k.missing);
	keys.push({ name: 'tutorial', page: 'tutorial/first-live-patch.html' });
	keys.push({ name: 'search', page: 'search.html?q=livepatch' });

	// 1. Every page loads cleanly and stays on localhost.  The same visit
	// measures the page's diagrams (3. below) and takes the desktop
	// screenshot of a key page (5.): one load of each page, not two.
	const diagramPages = [];
	for (const rel of all) {
		const { page, problems } = await visit(rel);
		tap.ok(problems.length === 0, `${rel} loads with no error and no request off localhost`, problems);
		if (/class="graphviz/.test(fs.readFileSync(path.join(html, rel), 'utf8')))
			diagramPages.push({ rel, problems, found: await diagramsOf(page) });
		for (const k of keys.filter((k) => k.page === rel))
			await page.screenshot({ path: path.join(shots, `${k.name}.desktop.png`) });
		done();
	}

	// 2. Search finds the pages about each subject.
	for (const [term, about] of SEARCHES) {
		const q = encodeURIComponent(term);
		const { page, problems } = await visit(`search.html?q=${q}`);
		let results = [];
		try {
			await page.waitForFunction(() => {
				const s = document.querySelector('#search-results .search-summary, #search-results p');
				return s && /Search finished|did not match/.test(s.textContent);
			}, null, { timeout: 20000 });
			results = await page.$$eval('#search-results ul.search li a',
				(as) => as.map((a) => a.getAttribute('href')));
		} catch (e) {
			problems.push(`search did not finish: ${e.message.split('\n')[0]}`);
		}
		done();
		// A result counts when that page names the term in its title, a
		// heading or a definition term.
		const hits = [];
		for (const href of results) {
			const rel = href.replace(/[?#].*$/, '');
			const file = path.join(html, rel);
			if (!fs.existsSync(file))
				continue;
			const src = fs.readFileSync(file, 'utf8');
			const named = [...src.matchAll(/<(title|h[1-4]|dt)\b[^>]*>([\s\S]*?)<\/\1>/g)]
				.some((m) => about.test(m[2].replace(/<[^>]+>/g, '')));
			if (named)
				hits.push(rel);
		}
		hits.splice(0, hits.length, ...new Set(hits));
		tap.ok(problems.length === 0 && hits.length > 0,
			`search "${term}" finds a page about it` +
			(hits.length ? ` (${hits.slice(0, 3).join(', ')})` : ''),
			[...problems,
				`${results.length} results: ${results.slice(0, 8).join(' ') || 'none'}`,
				hits.length ? '' : `no page titled or headed with ${about} is among them: is that page written yet?`]);
	}

	// 3. Every diagram is a loaded, visible SVG (measured in 1.).
	let diagrams = 0;
	for (const { rel, problems, found } of diagramPages) {
		for (const d of found) {
			diagrams++;
			tap.ok(problems.length === 0 && d.svgRoot && d.visible && d.w >= 50 && d.h >= 20,
				`${rel}: diagram ${d.kind} is a visible SVG (${Math.round(d.w)}x${Math.round(d.h)} px)`,
				[...problems, d.svgRoot ? '' : 'not an SVG document, or it did not load']);
		}
	}
	tap.ok(diagrams > 0, `the site shows at least one diagram (${diagrams} found)`);

	// 4. The cheat-sheet on a desktop, on a phone and on paper.
	if (!all.includes(CHEATSHEET)) {
		tap.ok(false, `${CHEATSHEET} exists`, ['the cheat-sheet page has not been written yet']);
	} else {
		// Readable without sideways scrolling (issue 15): at 1280x800 and
		// at 375 px no cell clips its content and every table (and the box
		// around it) is exactly as wide as its content.
		// The page loaded at 375 px stays open for the phone and print
		// checks below.
		let phoneVisit;
		for (const [size, vp] of [['1280x800', DESKTOP], ['375 px', PHONE]]) {
			const v = await visit(CHEATSHEET, vp);
			const { page } = v;
			const fit = await page.evaluate(() => {
				const out = [];
				for (const t of document.querySelectorAll('article table')) {
					const box = t.parentElement;
					if (t.scrollWidth > t.clientWidth + 1)
						out.push(`table scrollWidth ${t.scrollWidth} > clientWidth ${t.clientWidth}`);
					if (box.scrollWidth > box.clientWidth + 1)
						out.push(`${box.className}: scrollWidth ${box.scrollWidth} > clientWidth ${box.clientWidth}`);
					if (t.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
						out.push(`table ends at ${Math.round(t.getBoundingClientRect().right)} px, beyond the window`);
					for (const c of t.querySelectorAll('td, th')) {
						if (c.scrollWidth > c.clientWidth + 1)
							out.push(`cell clipped (${c.scrollWidth} > ${c.clientWidth} px): ` +
								c.textContent.trim().slice(0, 60));
					}
				}
				return { tables: document.querySelectorAll('article table').length, out };
			});
			tap.ok(fit.tables > 0 && fit.out.length === 0,
				`${CHEATSHEET} at ${size}: no cell clipped, no table wider than its box (${fit.tables} tables)`,
				fit.out.slice(0, 10));
			await page.screenshot({ path: path.join(shots, `cheatsheet.fit.${size === '375 px' ? 'phone' : 'desktop'}.png`) });
			if (vp === PHONE)
				phoneVisit = v;
			else
				done();
		}
		const { page, problems } = phoneVisit;
		const phone = await page.evaluate(() => {
			const doc = document.documentElement;
			const tables = [...document.querySelectorAll('article table, main table, table')];
			const info = tables.map((t) => {
				// The nearest ancestor that scrolls sideways, if any.
				let box = t.parentElement;
				while (box && box !== document.body && !/(auto|scroll)/.test(getComputedStyle(box).overflowX))
					box = box.parentElement;
				const scroller = box && box !== document.body ? box.getBoundingClientRect() : null;
				const cells = [...t.querySelectorAll('td, th')];
				const minFont = Math.min(...cells.map((c) => parseFloat(getComputedStyle(c).fontSize)));
				return {
					right: t.getBoundingClientRect().right,
					scrollerRight: scroller ? scroller.right : null,
					minFont,
				};
			});
			return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth,
				bodyScroll: document.body.scrollWidth, tables: info };
		});
		tap.ok(problems.length === 0 && phone.tables.length > 0,
			`${CHEATSHEET} has a table and loads cleanly at 375 px`,
			[...problems, `${phone.tables.length} tables`]);
		tap.ok(phone.scrollWidth <= phone.clientWidth && phone.bodyScroll <= phone.clientWidth,
			`${CHEATSHEET} at 375 px: the page body does not scroll sideways` +
			` (content ${phone.scrollWidth} px, viewport ${phone.clientWidth} px)`);
		const vw = phone.clientWidth;
		const bad = phone.tables.filter((t) =>
			!(t.right <= vw + 0.5 || (t.scrollerRight !== null && t.scrollerRight <= vw + 0.5)) ||
			t.minFont < 12);
		tap.ok(phone.tables.length > 0 && bad.length === 0,
			`${CHEATSHEET} at 375 px: every table fits the screen or scrolls in its own box, text >= 12 px`,
			bad.map((t) => JSON.stringify(t)));
		await page.screenshot({ path: path.join(shots, 'cheatsheet.phone.full.png'), fullPage: true });

		// Print: A4 at 96 dpi; nothing scrolls on paper, so every table
		// must fit the printed width.
		await page.setViewportSize({ width: 794, height: 1123 });
		await page.emulateMedia({ media: 'print' });
		const paper = await page.evaluate(() => {
			const doc = document.documentElement;
			const tables = [...document.querySelectorAll('table')];
			const nav = [...document.querySelectorAll('.sidebar-drawer, .toc-drawer, .mobile-header')]
				.filter((e) => {
					// Furo moves the sidebar off the page in print.
					const r = e.getBoundingClientRect();
					return getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden' &&
						r.width > 0 && r.height > 0 && r.right > 0 && r.left < doc.clientWidth;
				});
			return {
				width: doc.clientWidth,
				scrollWidth: doc.scrollWidth,
				tables: tables.map((t) => ({
					right: Math.round(t.getBoundingClientRect().right),
					clipped: t.scrollWidth > (t.parentElement?.clientWidth ?? 0) + 1,
					visible: t.getBoundingClientRect().height > 0,
				})),
				nav: nav.map((e) => e.className),
			};
		});
		const badPrint = paper.tables.filter((t) => !t.visible || t.clipped || t.right > paper.width);
		tap.ok(paper.tables.length > 0 && badPrint.length === 0 && paper.scrollWidth <= paper.width,
			`${CHEATSHEET} in print (A4): every table is shown whole within the page width`,
			[`page ${paper.width} px, content ${paper.scrollWidth} px`, ...badPrint.map((t) => JSON.stringify(t))]);
		tap.ok(paper.nav.length === 0, `${CHEATSHEET} in print: no navigation is printed`, paper.nav);
		await page.screenshot({ path: path.join(shots, 'cheatsheet.print.png'), fullPage: true });
		await page.pdf({ path: path.join(shots, 'cheatsheet.pdf'), format: 'A4', printBackground: false });
		await page.close();
	}

	// 5. Screenshots of the key pages for a person to look at (those of
	// a page at desktop size were taken when 1. loaded it).
	for (const k of keys) {
		if (!k.page.startsWith('search') && !all.includes(k.page))
			continue;
		for (const [size, vp] of [['desktop', DESKTOP], ['phone', PHONE]]) {
			const file = path.join(shots, `${k.name}.${size}.png`);
			if (!(size === 'desktop' && all.includes(k.page))) {
				const { page } = await visit(k.page, vp);
				if (k.name === 'search')
					await page.waitForSelector('#search-results ul.search li', { timeout: 20000 }).catch(() => {});
				await page.screenshot({ path: file });
				done();
			}
			tap.ok(fs.existsSync(file) && fs.statSync(file).size > 1000,
				`screenshot ${path.relative(out, file)} of ${k.page}`);
		}
	}
}, async () => {
	if (context)
		await context.close().catch(() => {});
	context = undefined;
	await server.close();
	fs.rmSync(profile, { recursive: true, force: true });
});
tap.done();
