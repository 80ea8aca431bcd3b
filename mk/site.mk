# SPDX-License-Identifier: GPL-2.0
# The published site, tested as readers use it (issue 6): a real browser,
# accessibility, links, anchors, prose, and `make bench`.  See
# checks/site/README.md.

SITE_DIR     := checks/site
NODE         ?= node

CHECKS += check-site check-a11y check-links check-anchors check-index check-prose
HELP_LINES += '  site-deps       npm ci the pinned browser tools into $(SITE_DIR)/node_modules' \
	'  check-site      Chromium: pages load offline, search, diagrams, cheat-sheet, screenshots' \
	'  check-a11y      axe-core on every page, Lighthouse scores >= 95 on three pages' \
	'  check-links     every internal link and anchor resolves; external links counted' \
	'  check-anchors   no anchor of $(SITE_DIR)/anchors.txt has disappeared' \
	'  anchors         add the new anchors of the build to $(SITE_DIR)/anchors.txt (review, commit)' \
	'  check-index     every cheat-sheet hazard, sysfs file and quoted kernel message is in the index' \
	'  check-prose     codespell over source/ examples/, doc8 over source/' \
	'  bench           time the site build and the checks; sizes of the pages; Lighthouse performance' \
	'  pdfdocs         the whole handbook as one A4 PDF in $(OUT)/pdf/ (singlehtml printed by headless Chromium)' \
	'  epubdocs        the whole handbook as an EPUB in $(OUT)/epub/' \
	'  check-books     build both: every page, contents and page numbers, outline, diagrams, transcripts; epubcheck'

.PHONY: site-deps check-site check-a11y check-links check-anchors anchors \
	check-index check-prose bench pdfdocs epubdocs check-books

# `make deps` installs the npm packages too.  As a prerequisite this runs
# before scripts/deps.sh; it needs only npm (node 20 and npm 11 come with the
# machine, not from Debian), and Chromium is not needed to install.
deps: site-deps

# npm ci from the committed lock file; --ignore-scripts: no install script
# runs, so no browser is ever downloaded (Chromium comes from Debian).
$(SITE_DIR)/node_modules/.package-lock.json: $(SITE_DIR)/package.json $(SITE_DIR)/package-lock.json
	@scripts/need.sh npm 'nodejs (node 20 and npm)'
	cd $(SITE_DIR) && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

site-deps: $(SITE_DIR)/node_modules/.package-lock.json

check-site: site-deps
	@scripts/need.sh $(NODE) nodejs
	@$(NODE) $(SITE_DIR)/site.mjs

check-a11y: site-deps
	@scripts/need.sh $(NODE) nodejs
	@$(NODE) $(SITE_DIR)/a11y.mjs

check-links:
	@$(SITE_DIR)/links.sh

check-anchors:
	@python3 $(SITE_DIR)/anchors.py check $(HTMLDIR) $(SITE_DIR)/anchors.txt

check-index:
	@python3 $(SITE_DIR)/index.py . $(HTMLDIR)

anchors:
	@test -s $(HTMLDIR)/index.html || { echo "error: no site in $(HTMLDIR): run make htmldocs" >&2; exit 1; }
	python3 $(SITE_DIR)/anchors.py update $(HTMLDIR) $(SITE_DIR)/anchors.txt
	@git diff --stat -- $(SITE_DIR)/anchors.txt 2>/dev/null || true

check-prose:
	@$(SITE_DIR)/prose.sh

bench:
	@$(SITE_DIR)/bench.sh

# The kernel's names for the same things (Documentation/Makefile).
pdfdocs:
	@scripts/books.sh pdf $(OUT)

epubdocs:
	@scripts/books.sh epub $(OUT)

# Two Chromium prints of the whole handbook (the first without tags and
# outline), two more Sphinx builds and epubcheck: about 70 s of CPU (the
# Sphinx builds start from the html build's doctrees: 10 s of it), run
# beside check-vm (the long pole).
CHECKS += check-books
check-books:
	@$(SITE_DIR)/books.sh
