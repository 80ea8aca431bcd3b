// SPDX-License-Identifier: GPL-2.0
/*
 * klp-convert-lite: turn references to .klp.sym.* symbols in a built
 * livepatch module into klp relocations.
 *
 * A live patch module that calls or reads a symbol the kernel does not
 * export names it, in its source, by an assembler label in the klp
 * format ".klp.sym.OBJ.NAME,POS" (see examples/livepatch-klp-reloc.h),
 * builds with modpost's errors about those names made warnings
 * (KBUILD_MODPOST_WARN=1), and is then converted by this program.  Plain
 * kbuild cannot write klp relocations, the upstream klp-convert was never
 * merged, and kpatch-build (which writes its own) is not in Debian 12:
 * that is why this small one exists.  Its manual, with its limits, is
 * klp-convert-lite.rst beside this file (the man page and the handbook's
 * reference page are made from it).
 *
 *   klp-convert-lite [--object OBJ] [--sympos OBJ.NAME=POS] IN.ko [OUT.ko]
 *
 * The compiler leaves an undefined symbol of each klp name.  This program:
 *
 *   - gives each such undefined symbol the section index SHN_LIVEPATCH;
 *   - moves every relocation against one of them out of its .rela.SEC
 *     section into a new section .klp.rela.OBJ.SEC (SHT_RELA, flags
 *     SHF_ALLOC | SHF_INFO_LINK | SHF_RELA_LIVEPATCH), where OBJ is the
 *     object the symbol belongs to;
 *   - writes the result to OUT.ko (default: IN.ko) through a temporary
 *     file and rename(), so a failure leaves no half-written module.
 *
 * --object OBJ puts every klp relocation into .klp.rela.OBJ.* whatever
 * object its symbol is in.  That is wrong on purpose: it makes the module
 * that shows the kernel's check against a vmlinux symbol in a
 * module-specific section.  --sympos OBJ.NAME=POS renames the symbol
 * .klp.sym.OBJ.NAME,* to .klp.sym.OBJ.NAME,POS, to show a position that
 * does not exist.
 *
 * A module that is already converted is left alone (exit 0).  Errors name
 * the file and the reason and exit 1; a bad command line exits 2.
 */

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <getopt.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* include/uapi/linux/elf.h; not in glibc's <elf.h>. */
#define KLP_SHF_RELA_LIVEPATCH	0x00100000
#define KLP_SHN_LIVEPATCH	0xff20

/* Field widths of the kernel's sscanf() in klp_resolve_symbols(). */
#define KLP_OBJNAME_MAX		55
#define KLP_SYMNAME_MAX		511

#define KLP_SYM_PREFIX		".klp.sym."

enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

static const char *tmp_path;

static void __attribute__((noreturn, format(printf, 2, 3)))
fail(const char *file, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "klp-convert-lite: %s: ", file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (tmp_path)
		unlink(tmp_path);
	exit(EXIT_ERROR);
}

static void *xcalloc(const char *file, size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p)
		fail(file, "out of memory");
	return p;
}

/*
 * Check NAME against ".klp.sym.OBJ.NAME,POS" and copy OBJ out.  The rules
 * are those of the kernel's sscanf(): OBJ has no '.', NAME no ',', POS is
 * a decimal number.
 */
static bool parse_klp_sym(const char *name, char obj[KLP_OBJNAME_MAX + 1])
{
	const char *p = name + strlen(KLP_SYM_PREFIX);
	const char *dot = strchr(p, '.');
	const char *comma;
	size_t len;

	if (!dot || dot == p || dot - p > KLP_OBJNAME_MAX)
		return false;
	comma = strchr(dot + 1, ',');
	len = comma ? (size_t)(comma - dot - 1) : 0;
	if (!comma || len == 0 || len > KLP_SYMNAME_MAX || comma[1] == '\0')
		return false;
	if (strspn(comma + 1, "0123456789") != strlen(comma + 1))
		return false;
	memcpy(obj, p, dot - p);
	obj[dot - p] = '\0';
	return true;
}

/* One new .klp.rela.OBJ.SEC section being filled. */
struct klp_rela_sec {
	char obj[KLP_OBJNAME_MAX + 1];
	size_t target;		/* index of SEC */
	GElf_Rela *relas;
	size_t count;
};

struct module_elf {
	const char *file;
	const char *out;
	unsigned long long size;	/* of the file, in bytes */
	Elf *elf;
	size_t shstrndx;
	size_t symtab;		/* section index of .symtab */
	Elf_Data *syms;
	size_t nsyms;
	char (*sym_obj)[KLP_OBJNAME_MAX + 1];	/* "" when not a klp symbol */
	size_t converted;	/* undefined klp symbols made SHN_LIVEPATCH */
	size_t already;		/* klp symbols that were SHN_LIVEPATCH */
	const char *sympos;	/* --sympos OBJ.NAME=POS, or NULL */
	bool renamed;
	struct klp_rela_sec *secs;
	size_t nsecs;
};

static Elf_Scn *get_scn(struct module_elf *m, size_t i)
{
	Elf_Scn *scn = elf_getscn(m->elf, i);

	if (!scn)
		fail(m->file, "no section %zu: %s", i, elf_errmsg(-1));
	return scn;
}

static void get_shdr(struct module_elf *m, Elf_Scn *scn, GElf_Shdr *shdr)
{
	if (!gelf_getshdr(scn, shdr))
		fail(m->file, "cannot read a section header: %s", elf_errmsg(-1));
}

static const char *sec_name(struct module_elf *m, const GElf_Shdr *shdr)
{
	const char *name = elf_strptr(m->elf, m->shstrndx, shdr->sh_name);

	if (!name)
		fail(m->file, "a section name is outside .shstrtab");
	return name;
}

/* The ELF file must be an x86-64 relocatable object with a symbol table. */
static void check_header(struct module_elf *m)
{
	GElf_Ehdr ehdr;
	Elf_Scn *scn = NULL;
	GElf_Shdr shdr;

	if (elf_kind(m->elf) != ELF_K_ELF)
		fail(m->file, "not an ELF file");
	if (!gelf_getehdr(m->elf, &ehdr))
		fail(m->file, "cannot read the ELF header: %s", elf_errmsg(-1));
	if (gelf_getclass(m->elf) != ELFCLASS64 || ehdr.e_machine != EM_X86_64)
		fail(m->file, "not an x86-64 ELF file");
	if (ehdr.e_type != ET_REL)
		fail(m->file, "not a relocatable object (a .ko or .o)");
	if (!ehdr.e_shoff || ehdr.e_shentsize != sizeof(Elf64_Shdr) ||
	    ehdr.e_shoff + (unsigned long long)ehdr.e_shnum * ehdr.e_shentsize > m->size)
		fail(m->file, "truncated or corrupt: the section header table is not within the file's %llu bytes",
		     m->size);
	if (elf_getshdrstrndx(m->elf, &m->shstrndx))
		fail(m->file, "no section name table: %s", elf_errmsg(-1));
	while ((scn = elf_nextscn(m->elf, scn))) {
		get_shdr(m, scn, &shdr);
		if (shdr.sh_type != SHT_NOBITS &&
		    shdr.sh_offset + shdr.sh_size > m->size)
			fail(m->file, "truncated or corrupt: section %zu ends past the end of the file",
			     elf_ndxscn(scn));
	}

	while ((scn = elf_nextscn(m->elf, scn))) {
		get_shdr(m, scn, &shdr);
		if (shdr.sh_type != SHT_SYMTAB)
			continue;
		if (m->syms)
			fail(m->file, "more than one symbol table");
		m->symtab = elf_ndxscn(scn);
		m->syms = elf_getdata(scn, NULL);
		if (!m->syms || !shdr.sh_entsize ||
		    m->syms->d_size != shdr.sh_size)
			fail(m->file, "cannot read the symbol table: %s",
			     elf_errmsg(-1));
		m->nsyms = shdr.sh_size / shdr.sh_entsize;
	}
	if (!m->syms)
		fail(m->file, "no symbol table");
}

/* The kernel only resolves klp symbols of a module marked livepatch=Y. */
static void check_modinfo(struct module_elf *m)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr shdr;
	Elf_Data *data;
	const char *p, *end;

	while ((scn = elf_nextscn(m->elf, scn))) {
		get_shdr(m, scn, &shdr);
		if (strcmp(sec_name(m, &shdr), ".modinfo") ||
		    shdr.sh_type == SHT_NOBITS)
			continue;
		data = elf_getdata(scn, NULL);
		if (!data || !data->d_buf)
			fail(m->file, "cannot read .modinfo: %s", elf_errmsg(-1));
		p = data->d_buf;
		end = p + data->d_size;
		while (p < end) {
			if (!strncmp(p, "livepatch=Y", end - p))
				return;
			p += strnlen(p, end - p) + 1;
		}
	}
	fail(m->file, "not a livepatch module: no MODULE_INFO(livepatch, \"Y\")");
}

/* Append STR to the string table section NDX and return its offset. */
static size_t add_string(struct module_elf *m, size_t ndx, const char *str)
{
	Elf_Data *data = elf_getdata(get_scn(m, ndx), NULL);
	size_t off, len = strlen(str) + 1;
	char *buf;

	if (!data)
		fail(m->file, "cannot read string table %zu: %s", ndx,
		     elf_errmsg(-1));
	off = data->d_size;
	buf = xcalloc(m->file, off + len, 1);
	memcpy(buf, data->d_buf, off);
	memcpy(buf + off, str, len);
	/* libelf does not free a buffer it did not allocate: keep it. */
	data->d_buf = buf;
	data->d_size = off + len;
	elf_flagdata(data, ELF_C_SET, ELF_F_DIRTY);
	return off;
}

/* --sympos OBJ.NAME=POS: rename .klp.sym.OBJ.NAME,* to .klp.sym.OBJ.NAME,POS. */
static bool rename_sympos(struct module_elf *m, size_t strndx, const char *name,
			  GElf_Sym *sym)
{
	const char *eq = strchr(m->sympos, '=');
	size_t len = eq - m->sympos, plen = strlen(KLP_SYM_PREFIX);
	char buf[KLP_OBJNAME_MAX + KLP_SYMNAME_MAX + 64];

	if (strncmp(name + plen, m->sympos, len) || name[plen + len] != ',')
		return false;
	snprintf(buf, sizeof(buf), "%s%.*s,%s", KLP_SYM_PREFIX, (int)len,
		 m->sympos, eq + 1);
	sym->st_name = add_string(m, strndx, buf);
	return true;
}

/* Give every undefined .klp.sym.* symbol the index SHN_LIVEPATCH. */
static void convert_symbols(struct module_elf *m)
{
	GElf_Shdr shdr;
	GElf_Sym sym;
	const char *name;
	size_t i;

	get_shdr(m, get_scn(m, m->symtab), &shdr);
	m->sym_obj = xcalloc(m->file, m->nsyms, sizeof(*m->sym_obj));
	for (i = 1; i < m->nsyms; i++) {
		if (!gelf_getsym(m->syms, i, &sym))
			fail(m->file, "cannot read symbol %zu: %s", i,
			     elf_errmsg(-1));
		name = elf_strptr(m->elf, shdr.sh_link, sym.st_name);
		if (!name)
			fail(m->file, "symbol %zu has no name in .strtab", i);
		if (strncmp(name, KLP_SYM_PREFIX, strlen(KLP_SYM_PREFIX)))
			continue;
		if (!parse_klp_sym(name, m->sym_obj[i]))
			fail(m->file, "symbol '%s' is not of the form .klp.sym.OBJ.NAME,POS",
			     name);
		if (sym.st_shndx == KLP_SHN_LIVEPATCH) {
			m->already++;
			continue;
		}
		if (m->sympos && rename_sympos(m, shdr.sh_link, name, &sym))
			m->renamed = true;
		if (sym.st_shndx != SHN_UNDEF)
			fail(m->file, "symbol '%s' is defined in the module itself",
			     name);
		sym.st_shndx = KLP_SHN_LIVEPATCH;
		if (!gelf_update_sym(m->syms, i, &sym))
			fail(m->file, "cannot update symbol '%s': %s", name,
			     elf_errmsg(-1));
		m->converted++;
	}
	elf_flagdata(m->syms, ELF_C_SET, ELF_F_DIRTY);
}

/* Add RELA to the new section for (OBJ, TARGET), made on first use. */
static void add_klp_rela(struct module_elf *m, const char *obj, size_t target,
			 const GElf_Rela *rela)
{
	struct klp_rela_sec *s = NULL;
	GElf_Rela *relas;
	size_t i;

	for (i = 0; i < m->nsecs && !s; i++)
		if (m->secs[i].target == target && !strcmp(m->secs[i].obj, obj))
			s = &m->secs[i];
	if (!s) {
		s = realloc(m->secs, (m->nsecs + 1) * sizeof(*m->secs));
		if (!s)
			fail(m->file, "out of memory");
		m->secs = s;
		s = &m->secs[m->nsecs++];
		memset(s, 0, sizeof(*s));
		strcpy(s->obj, obj);
		s->target = target;
	}
	relas = realloc(s->relas, (s->count + 1) * sizeof(*relas));
	if (!relas)
		fail(m->file, "out of memory");
	s->relas = relas;
	s->relas[s->count++] = *rela;
}

/*
 * Take the relocations against klp symbols out of each .rela section and
 * collect them per (object, target section).
 */
static void split_relocations(struct module_elf *m, const char *force_obj)
{
	Elf_Scn *scn = NULL, *target;
	GElf_Shdr shdr, tshdr;
	GElf_Rela rela;
	Elf_Data *data;
	size_t i, n, kept, symi;
	const char *obj;

	while ((scn = elf_nextscn(m->elf, scn))) {
		get_shdr(m, scn, &shdr);
		if (shdr.sh_type == SHT_REL && shdr.sh_link == m->symtab)
			fail(m->file, "%s: SHT_REL relocations are not supported",
			     sec_name(m, &shdr));
		if (shdr.sh_type != SHT_RELA || shdr.sh_link != m->symtab ||
		    (shdr.sh_flags & KLP_SHF_RELA_LIVEPATCH))
			continue;
		data = elf_getdata(scn, NULL);
		if (!data || !shdr.sh_entsize || data->d_size != shdr.sh_size)
			fail(m->file, "cannot read %s: %s", sec_name(m, &shdr),
			     elf_errmsg(-1));
		n = shdr.sh_size / shdr.sh_entsize;
		for (i = 0, kept = 0; i < n; i++) {
			if (!gelf_getrela(data, i, &rela))
				fail(m->file, "cannot read %s: %s",
				     sec_name(m, &shdr), elf_errmsg(-1));
			symi = GELF_R_SYM(rela.r_info);
			if (symi >= m->nsyms)
				fail(m->file, "%s: relocation %zu names symbol %zu of %zu",
				     sec_name(m, &shdr), i, symi, m->nsyms);
			if (!m->sym_obj[symi][0]) {
				if (kept != i)
					gelf_update_rela(data, kept, &rela);
				kept++;
				continue;
			}
			target = get_scn(m, shdr.sh_info);
			get_shdr(m, target, &tshdr);
			if (!(tshdr.sh_flags & SHF_ALLOC))
				fail(m->file, "%s: a klp relocation in a section the kernel does not load",
				     sec_name(m, &shdr));
			if (!strncmp(sec_name(m, &tshdr), ".init", 5) ||
			    !strncmp(sec_name(m, &tshdr), ".exit", 5))
				fail(m->file, "%s: a klp relocation in init or exit code, which the kernel frees or discards",
				     sec_name(m, &shdr));
			obj = force_obj ? force_obj : m->sym_obj[symi];
			add_klp_rela(m, obj, shdr.sh_info, &rela);
		}
		if (kept == n)
			continue;
		data->d_size = kept * shdr.sh_entsize;
		elf_flagdata(data, ELF_C_SET, ELF_F_DIRTY);
	}
}

static void write_klp_sections(struct module_elf *m)
{
	struct klp_rela_sec *s;
	GElf_Shdr shdr, tshdr;
	Elf_Scn *scn;
	Elf_Data *data;
	char name[KLP_OBJNAME_MAX + 512 + 16];
	const char *tname;
	size_t i, j;

	for (i = 0; i < m->nsecs; i++) {
		s = &m->secs[i];
		get_shdr(m, get_scn(m, s->target), &tshdr);
		tname = sec_name(m, &tshdr);
		snprintf(name, sizeof(name), ".klp.rela.%s.%s", s->obj,
			 tname[0] == '.' ? tname + 1 : tname);

		scn = elf_newscn(m->elf);
		data = scn ? elf_newdata(scn) : NULL;
		if (!data)
			fail(m->file, "cannot add %s: %s", name, elf_errmsg(-1));
		data->d_type = ELF_T_RELA;
		data->d_size = s->count * gelf_fsize(m->elf, ELF_T_RELA, 1, EV_CURRENT);
		data->d_buf = xcalloc(m->file, s->count, sizeof(Elf64_Rela));
		data->d_align = 8;
		data->d_version = EV_CURRENT;
		for (j = 0; j < s->count; j++)
			if (!gelf_update_rela(data, j, &s->relas[j]))
				fail(m->file, "cannot fill %s: %s", name,
				     elf_errmsg(-1));

		if (!gelf_getshdr(scn, &shdr))
			fail(m->file, "cannot add %s: %s", name, elf_errmsg(-1));
		shdr.sh_name = add_string(m, m->shstrndx, name);
		shdr.sh_type = SHT_RELA;
		shdr.sh_flags = SHF_ALLOC | SHF_INFO_LINK | KLP_SHF_RELA_LIVEPATCH;
		shdr.sh_link = m->symtab;
		shdr.sh_info = s->target;
		shdr.sh_addralign = 8;
		shdr.sh_entsize = gelf_fsize(m->elf, ELF_T_RELA, 1, EV_CURRENT);
		shdr.sh_size = data->d_size;
		if (!gelf_update_shdr(scn, &shdr))
			fail(m->file, "cannot add %s: %s", name, elf_errmsg(-1));
		printf("%s: %s: %zu relocation%s\n", m->out, name, s->count,
		       s->count == 1 ? "" : "s");
	}
}

static void copy_file(const char *in, int in_fd, const char *out, int out_fd)
{
	char buf[65536];
	ssize_t n, w;

	while ((n = read(in_fd, buf, sizeof(buf))) > 0)
		for (char *p = buf; n > 0; p += w, n -= w)
			if ((w = write(out_fd, p, n)) < 0)
				fail(out, "cannot write: %s", strerror(errno));
	if (n < 0)
		fail(in, "cannot read: %s", strerror(errno));
}

static void usage(FILE *f)
{
	fprintf(f, "usage: klp-convert-lite [--object OBJ] [--sympos OBJ.NAME=POS] IN.ko [OUT.ko]\n");
}

static void help(void)
{
	usage(stdout);
	printf("\n"
	       "Turn the references of the live patch module IN.ko to symbols named\n"
	       ".klp.sym.OBJ.NAME,POS into klp relocations: the symbols get the index\n"
	       "SHN_LIVEPATCH and their relocations move into .klp.rela.OBJ.SECTION\n"
	       "sections, which the kernel applies when the patch and the object OBJ\n"
	       "(vmlinux or a module) are both loaded.  Writes OUT.ko (default: IN.ko)\n"
	       "through a temporary file; a module already converted is left alone.\n"
	       "\n"
	       "  -o, --object OBJ           put every klp relocation in .klp.rela.OBJ.*\n"
	       "                             (wrong on purpose, for demonstrations)\n"
	       "  -s, --sympos OBJ.NAME=POS  rename .klp.sym.OBJ.NAME,* to position POS\n"
	       "                             (for demonstrations)\n"
	       "  -h, --help                 print this help\n"
	       "\n"
	       "Exit status: 0 converted (or already converted), 1 error (the file and\n"
	       "the reason on standard error, no file written), 2 bad command line.\n");
}

static int bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "klp-convert-lite: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	usage(stderr);
	return EXIT_USAGE;
}

/* OBJ of --object: a klp object name, "vmlinux" or a module's name. */
static bool valid_object(const char *val)
{
	return *val && !strchr(val, '.') && !strchr(val, ',') &&
	       strlen(val) <= KLP_OBJNAME_MAX;
}

/* OBJ.NAME=POS of --sympos. */
static bool valid_sympos(const char *val)
{
	const char *eq = strchr(val, '=');
	const char *dot = strchr(val, '.');

	return eq && dot && dot > val && dot < eq - 1 && eq[1] &&
	       strspn(eq + 1, "0123456789") == strlen(eq + 1);
}

int main(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{ "object", required_argument, NULL, 'o' },
		{ "sympos", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct module_elf m = { 0 };
	const char *force_obj = NULL, *in, *out;
	static char tmp[4096];
	struct stat st;
	int in_fd, fd, c, argi;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:o:s:h", long_opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			help();
			return EXIT_OK;
		case 'o':
			if (!valid_object(optarg))
				return bad_usage("--object %s: OBJ is vmlinux or a module's name (no '.' or ',', at most 55 characters)",
						 optarg);
			force_obj = optarg;
			break;
		case 's':
			if (!valid_sympos(optarg))
				return bad_usage("--sympos %s: expected OBJ.NAME=POS, POS a number",
						 optarg);
			m.sympos = optarg;
			break;
		case ':':
			return bad_usage("option %s needs a value",
					 argv[optind - 1]);
		default:
			return bad_usage("unknown option %s", argv[optind - 1]);
		}
	}
	argi = optind;
	if (argc - argi < 1)
		return bad_usage("%s", "no input module named");
	if (argc - argi > 2)
		return bad_usage("too many arguments, from %s on",
				 argv[argi + 2]);
	in = argv[argi];
	out = argc - argi == 2 ? argv[argi + 1] : in;
	m.file = in;
	m.out = out;

	if (elf_version(EV_CURRENT) == EV_NONE)
		fail(in, "libelf: %s", elf_errmsg(-1));
	in_fd = open(in, O_RDONLY);
	if (in_fd < 0 || fstat(in_fd, &st))
		fail(in, "cannot open: %s", strerror(errno));
	m.size = st.st_size;

	/* Work on a copy next to OUT; rename() it over OUT at the end. */
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.XXXXXX", out) >= sizeof(tmp))
		fail(out, "path too long");
	fd = mkstemp(tmp);
	if (fd < 0)
		fail(out, "cannot create a temporary file: %s", strerror(errno));
	tmp_path = tmp;
	copy_file(in, in_fd, tmp, fd);
	close(in_fd);
	if (lseek(fd, 0, SEEK_SET) < 0)
		fail(tmp, "cannot seek: %s", strerror(errno));

	m.elf = elf_begin(fd, ELF_C_RDWR, NULL);
	if (!m.elf)
		fail(in, "not an ELF file: %s", elf_errmsg(-1));
	check_header(&m);
	check_modinfo(&m);
	convert_symbols(&m);
	if (!m.converted && m.already) {
		printf("%s: already converted (%zu klp symbols)\n", in, m.already);
		elf_end(m.elf);
		close(fd);
		unlink(tmp);
		return EXIT_OK;
	}
	if (!m.converted)
		fail(in, "no undefined .klp.sym.* symbol to convert");
	if (m.sympos && !m.renamed)
		fail(in, "--sympos %s: no such .klp.sym.* symbol", m.sympos);
	split_relocations(&m, force_obj);
	if (!m.nsecs)
		fail(in, "no relocation uses a .klp.sym.* symbol");
	write_klp_sections(&m);

	if (elf_update(m.elf, ELF_C_WRITE) < 0)
		fail(in, "cannot write the converted module: %s", elf_errmsg(-1));
	elf_end(m.elf);
	if (fchmod(fd, st.st_mode & 07777) || fsync(fd) || close(fd))
		fail(tmp, "cannot write: %s", strerror(errno));
	if (rename(tmp, out))
		fail(out, "cannot rename %s over it: %s", tmp, strerror(errno));
	return EXIT_OK;
}
