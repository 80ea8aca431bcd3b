// SPDX-License-Identifier: GPL-2.0
// Shared helpers of the site checks: TAP output, the list of built pages,
// a static file server on localhost and Debian's headless Chromium.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

// --- TAP ------------------------------------------------------------------
export class Tap {
	constructor() { this.n = 0; this.failed = 0; }
	ok(cond, what, detail) {
		this.n++;
		if (cond) {
			console.log(`ok ${this.n} - ${what}`);
		} else {
			this.failed++;
			console.log(`not ok ${this.n} - ${what}`);
			for (const l of [].concat(detail ?? []).slice(0, 40))
				console.log(`#   ${String(l).replace(/\n/g, '\n#   ')}`);
		}
		return cond;
	}
	diag(line) { console.log(`# ${line}`); }
	done() {
		console.log(`1..${this.n}`);
		process.exitCode = this.failed ? 1 : 0;
	}
}

// --- The built site -------------------------------------------------------
// htmlDir(): $OUT/html, absolute; fails with a clear message when the site
// has not been built.
export function htmlDir() {
	const top = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
	const out = path.resolve(top, process.env.OUT || 'output');
	const html = path.join(out, 'html');
	if (!fs.existsSync(path.join(html, 'index.html'))) {
		console.log(`not ok 1 - no built site in ${html}: run make htmldocs OUT=${out}`);
		console.log('1..1');
		process.exit(1);
	}
	return { top, out, html };
}

// Every HTML page the build published, as paths relative to the html dir
// ("index.html", "tutorial/first-live-patch.html"), sorted.  Sphinx's own
// asset folders (_static, _images, _sources) hold no pages.
export function pages(html) {
	const found = [];
	const walk = (rel) => {
		for (const e of fs.readdirSync(path.join(html, rel), { withFileTypes: true })) {
			const r = rel ? `${rel}/${e.name}` : e.name;
			if (e.isDirectory()) {
				if (!e.name.startsWith('_'))
					walk(r);
			} else if (e.name.endsWith('.html')) {
				found.push(r);
			}
		}
	};
	walk('');
	return found.sort();
}

// --- A static server on localhost ------------------------------------------
const TYPES = {
	'.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml',
	'.png': 'image/png', '.jpg': 'image/jpeg', '.gif': 'image/gif',
	'.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
	'.json': 'application/json', '.inv': 'application/octet-stream',
	'.woff2': 'font/woff2', '.woff': 'font/woff', '.map': 'application/json',
};

// serve(dir): serve dir on 127.0.0.1 at a port the kernel picks, like
// `python3 -m http.server` does (no compression, no caching headers).
// Resolves to { url, port, close(), bytes, log }: bytes maps each path to
// its body size, log lists every response sent.
export function serve(dir) {
	const root = path.resolve(dir);
	const bytes = new Map();
	const log = [];	// [path, body bytes] of every response, in order
	const server = http.createServer((req, res) => {
		let p;
		try {
			p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
		} catch {
			res.writeHead(400).end();
			return;
		}
		let file = path.join(root, p);
		if (!file.startsWith(root)) {
			res.writeHead(403).end();
			return;
		}
		if (fs.existsSync(file) && fs.statSync(file).isDirectory())
			file = path.join(file, 'index.html');
		fs.readFile(file, (err, body) => {
			if (err) {
				res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
				return;
			}
			bytes.set(p, body.length);
			log.push([p, body.length]);
			res.writeHead(200, {
				'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
				'Content-Length': body.length,
			});
			res.end(req.method === 'HEAD' ? undefined : body);
		});
	});
	return new Promise((resolve, reject) => {
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({
				url: `http://127.0.0.1:${port}/`,
				port,
				bytes,
				log,
				close: () => new Promise((r) => {
					server.closeAllConnections?.();
					server.close(() => r());
				}),
			});
		});
	});
}

// --- Chromium ---------------------------------------------------------------
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// Flags that keep Chromium quiet and offline: no sandbox (we run as root in
// CI), no GPU, no QUIC, and none of its own background traffic.
export const CHROMIUM_FLAGS = [
	'--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update',
	'--disable-sync',
];

// V8 without its helper threads (concurrent compilers, concurrent and
// parallel garbage collection), for the checks: they keep both cores busy
// with their own work, and the hand-offs to the helpers only added CPU
// (axe on 25 pages: 51 s of CPU with them, 40.5 s without; the same
// results).  Not for `make bench`, whose timings are the readers'.
export const V8_ONE_THREAD = '--js-flags=--single-threaded';

// Requests to any host but our server fail at once, without the
// per-request round trip through playwright that a route() costs (and a
// route() also turns Chromium's cache off).
export const OFFLINE = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';

// Lighthouse with its desktop preset in a headless, offline Chromium of
// its own (profile: an empty directory): run(url, categories) gives the
// report (lhr) of one page, kill() ends Chromium.  check-a11y asks for
// accessibility, best practices and SEO, `make bench` for performance;
// flags are added to Chromium's.
export async function launchLighthouse(profile, flags = []) {
	const lighthouse = (await import('lighthouse')).default;
	const desktop = (await import('lighthouse/core/config/desktop-config.js')).default;
	const chromeLauncher = await import('chrome-launcher');
	const chrome = await chromeLauncher.launch({
		chromePath: CHROMIUM,
		chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS, OFFLINE, ...flags],
		userDataDir: profile,
		logLevel: 'silent',
	});
	return {
		run: async (url, categories) => (await lighthouse(url, {
			port: chrome.port, output: 'json', logLevel: 'error',
			onlyCategories: categories,
			// The screenshot of the whole page is for the report's
			// viewer only; no audit reads it.
			disableFullPageScreenshot: true,
		}, desktop))?.lhr,
		kill: () => chrome.kill(),
	};
}

export function needChromium(tap) {
	if (!fs.existsSync(CHROMIUM)) {
		tap.ok(false, `${CHROMIUM} not found: install chromium (make deps)`);
		tap.done();
		process.exit(1);
	}
}

export async function needModule(tap, name) {
	try {
		return await import(name);
	} catch (e) {
		tap.ok(false, `npm package ${name} not found in checks/site/node_modules: run make site-deps (make deps)`, [e.message]);
		tap.done();
		process.exit(1);
	}
}

// A fresh, empty profile directory; the caller removes it.
export function freshProfile() {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'site-chromium-'));
}

// Run fn() and always run cleanup(), also on an exception or a signal.
export async function withCleanup(fn, cleanup) {
	const onSignal = async (sig) => {
		await cleanup();
		process.exit(128 + (sig === 'SIGINT' ? 2 : 15));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		return await fn();
	} finally {
		await cleanup();
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	}
}

// --- Pages the issue names ---------------------------------------------------
export const CHEATSHEET = 'limitations/cheatsheet.html';

// The key pages: the index, the longest explanation page (by the size of its
// text, index pages excluded) and the cheat-sheet.  A page that does not
// exist yet is returned with missing set, for the caller to report.
export function keyPages(html, all) {
	const text = (p) => fs.readFileSync(path.join(html, p), 'utf8')
		.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<[^>]+>/g, '').length;
	const expl = all.filter((p) => p.startsWith('explanation/') && !p.endsWith('index.html'))
		.map((p) => [p, text(p)]).sort((a, b) => b[1] - a[1]);
	return [
		{ name: 'index', page: 'index.html', missing: !all.includes('index.html') },
		expl.length
			? { name: 'explanation', page: expl[0][0], missing: false }
			: { name: 'explanation', page: 'explanation/<any page but index>.html', missing: true },
		{ name: 'cheatsheet', page: CHEATSHEET, missing: !all.includes(CHEATSHEET) },
	];
}
