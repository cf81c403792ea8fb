/* smkilint lint: read inputs as streams, lint every certificate (on -j N
 * threads), and format the reports in input order. With --bulk, each report's
 * digest also goes to a bulk accumulator whose findings follow the others.
 * smkilint inventory runs the same pipeline and counts (cmd_inventory.c). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "common.h"
#include "inventory.h"
#include "progress.h"

#define READ_CHUNK (64u * 1024)
#define MAX_THREADS 256

struct run {
	smkilint_ctx *ctx;               /* the main thread's: streams, issuers, profiles, waivers */
	smkilint_issuers *issuers;
	smkilint_profiles *set;
	const smkilint_profile *profile;
	smkilint_waivers *waivers;
	int64_t now;
	struct out out;
	struct progress progress;
	struct batch *batch;
	uint8_t *buf;
	bool io_error;                   /* an input could not be read, or linting failed */
	bool push_failed;
	smkilint_bulk *bulk;             /* --bulk */
	uint8_t *counted;                /* --bulk: bit per sequence number, the certificate was counted with findings */
	size_t counted_bytes;
	size_t seq;
	struct inventory *inv;           /* smkilint inventory: reports are counted, not written */
};

struct worker {
	smkilint_ctx *ctx;
	const struct run *run;
};

/* ------------------------------------------------------------ the pipeline */

static void work(void *state, struct job *j)
{
	struct worker *w = state;
	const struct run *run = w->run;
	smkilint_report *r = NULL;
	if (j->item.pem != NULL) {
		/* the PEM block, decoded here rather than by the reading thread */
		smkilint_item d;
		if (smkilint_item_decode_pem(&d, &j->res.pem_der, &j->res.pem_message, &j->item) != 0) {
			j->res.lint_error = strdup("out of memory");
			return;
		}
		j->item = d;
	}
	int rc = smkilint_lint_item(&r, w->ctx, run->profile, &j->item, j->input);
	if (rc == 0 && run->waivers != NULL)
		rc = smkilint_waivers_apply(run->waivers, r, j->item.der, j->item.der_len, run->now);
	if (rc != 0) {
		const char *m = smkilint_ctx_last_error(w->ctx)->message;
		j->res.lint_error = strdup(m != NULL && m[0] ? m : "out of memory");
		smkilint_report_free(r);
		r = NULL;
	}
	j->res.report = r;
	/* the text of the report is made here too, in parallel; the main
	 * thread only counts and writes it (inventory does not write reports) */
	if (r != NULL && run->inv == NULL)
		out_render(&run->out, r, &j->res.text);   /* on failure NULL: out_report makes it */
}

/* --bulk: keep the report's digest, and whether the certificate was
 * already counted among the certificates with findings. */
static void bulk_add(struct run *run, struct job *j, bool counted)
{
	size_t seq = run->seq++;
	if (seq / 8 >= run->counted_bytes) {
		size_t nb = run->counted_bytes ? 2 * run->counted_bytes : 4096;
		uint8_t *c = realloc(run->counted, nb);
		if (c == NULL) {
			fprintf(stderr, "smkilint: bulk checks: out of memory\n");
			run->io_error = true;
			return;
		}
		memset(c + run->counted_bytes, 0, nb - run->counted_bytes);
		run->counted = c;
		run->counted_bytes = nb;
	}
	if (counted)
		run->counted[seq / 8] |= (uint8_t)(1u << (seq % 8));
	if (smkilint_bulk_add(run->bulk, j->res.report, &j->item) != 0) {
		fprintf(stderr, "smkilint: bulk checks: out of memory\n");
		run->io_error = true;
	}
}

static void deliver(void *arg, struct job *j)
{
	struct run *run = arg;
	switch (j->kind) {
	case JOB_INPUT_BEGIN:
		out_input_begin(&run->out, j->input);
		if (run->inv != NULL)
			inventory_input(run->inv);
		progress_input(&run->progress);
		break;
	case JOB_CERT:
		progress_cert(&run->progress);
		if (j->res.report == NULL) {
			fprintf(stderr, "smkilint: %s\n", j->res.lint_error != NULL ? j->res.lint_error : "out of memory");
			run->io_error = true;
			break;
		}
		if (run->inv != NULL) {
			if (inventory_add(run->inv, j->res.report, &run->out) != 0) {
				fprintf(stderr, "smkilint: inventory: out of memory\n");
				run->io_error = true;
			}
			break;
		}
		struct cert_meta m = {j->item.is_pem != 0, j->item.line, j->item.input_offset, j->item.kind};
		size_t before = run->out.totals.certs_with_findings;
		if (out_report(&run->out, j->res.report, &m, j->res.text) != 0)
			run->io_error = true;
		if (run->bulk != NULL)
			bulk_add(run, j, run->out.totals.certs_with_findings > before);
		break;
	case JOB_INPUT_ERROR:
		out_input_error(&run->out, j->input, j->error_message != NULL ? j->error_message : "cannot be read");
		run->io_error = true;
		break;
	case JOB_INPUT_END:
		out_input_end(&run->out);
		break;
	}
}

static void push(struct run *run, struct job *j)
{
	if (j == NULL) {
		if (!run->push_failed)
			fprintf(stderr, "smkilint: out of memory\n");
		run->push_failed = true;
		run->io_error = true;
		return;
	}
	batch_push(run->batch, j);
}

static void push_error(struct run *run, const char *name, const char *message)
{
	struct job *j = job_new(JOB_INPUT_ERROR, name);
	if (j != NULL && (j->error_message = strdup(message)) == NULL) {
		job_free(j);
		j = NULL;
	}
	push(run, j);
}

/* A copy of a stream's item, which is valid only until the next call. */
static struct job *cert_job(const char *name, const smkilint_item *it)
{
	struct job *j = job_new(JOB_CERT, name);
	if (j == NULL)
		return NULL;
	j->item = *it;
	j->item.der = NULL;
	j->item.error_message = NULL;
	j->item.pem = NULL;
	j->item.pem_label = NULL;
	if (it->pem != NULL) {
		j->pem = malloc(it->pem_len ? it->pem_len : 1);
		j->pem_label = strdup(it->pem_label);
		if (j->pem == NULL || j->pem_label == NULL) {
			job_free(j);
			return NULL;
		}
		memcpy(j->pem, it->pem, it->pem_len);
		j->item.pem = j->pem;
		j->item.pem_label = j->pem_label;
	}
	if (it->der != NULL) {
		j->der = malloc(it->der_len ? it->der_len : 1);
		if (j->der == NULL) {
			job_free(j);
			return NULL;
		}
		memcpy(j->der, it->der, it->der_len);
		j->item.der = j->der;
	}
	if (it->error_message != NULL) {
		j->error_message = strdup(it->error_message);
		if (j->error_message == NULL) {
			job_free(j);
			return NULL;
		}
		j->item.error_message = j->error_message;
	}
	return j;
}

static int drain(struct run *run, smkilint_stream *s, const char *name)
{
	const smkilint_item *it;
	int rc;
	while ((rc = smkilint_stream_next(&it, s)) == 0 && it != NULL)
		push(run, cert_job(name, it));
	return rc;
}

/* The library's message without the input name it starts with. */
static const char *without_name(const char *msg, const char *name)
{
	size_t n = strlen(name);
	return strncmp(msg, name, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ' ? msg + n + 2 : msg;
}

static void lint_file(struct run *run, const char *path)
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : path;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		push_error(run, name, strerror(errno));
		return;
	}
	push(run, job_new(JOB_INPUT_BEGIN, name));
	smkilint_stream *s = NULL;
	char why[600] = "";
	if (smkilint_stream_new(&s, run->ctx, name) != 0 || smkilint_stream_defer_pem(s) != 0) {
		snprintf(why, sizeof(why), "out of memory");
	} else {
		for (;;) {
			ssize_t n = read(fd, run->buf, READ_CHUNK);
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0) {
				snprintf(why, sizeof(why), "%s", strerror(errno));
				break;
			}
			int rc = n == 0 ? smkilint_stream_finish(s) : smkilint_stream_feed(s, run->buf, (size_t)n);
			if (rc == 0)
				rc = drain(run, s, name);
			if (rc != 0) {
				snprintf(why, sizeof(why), "%s",
					 without_name(smkilint_ctx_last_error(run->ctx)->message, name));
				break;
			}
			if (n == 0)
				break;
			progress_bytes(&run->progress, (uint64_t)n);
		}
	}
	smkilint_stream_free(s);
	if (why[0])
		push_error(run, name, why);
	push(run, job_new(JOB_INPUT_END, name));
	if (!is_stdin)
		close(fd);
}

static void lint_path(struct run *run, const char *path, int depth);

static void lint_dir(struct run *run, const char *path, int depth)
{
	struct dirent **names = NULL;
	int n = scandir(path, &names, NULL, name_cmp);
	if (n < 0) {
		push_error(run, path, strerror(errno));
		return;
	}
	size_t pl = strlen(path);
	for (int i = 0; i < n; i++) {
		const char *d = names[i]->d_name;
		if (strcmp(d, ".") != 0 && strcmp(d, "..") != 0) {
			size_t len = pl + strlen(d) + 2;
			char *child = malloc(len);
			if (child != NULL) {
				snprintf(child, len, "%s%s%s", path, pl > 0 && path[pl - 1] == '/' ? "" : "/", d);
				lint_path(run, child, depth + 1);
				free(child);
			} else {
				push_error(run, path, "out of memory");
			}
		}
		free(names[i]);
	}
	free(names);
}

static void lint_path(struct run *run, const char *path, int depth)
{
	if (strcmp(path, "-") != 0) {
		struct stat st;
		if (stat(path, &st) != 0) {
			push_error(run, path, strerror(errno));
			return;
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth > 64)
				push_error(run, path, "directories nested too deeply");
			else
				lint_dir(run, path, depth);
			return;
		}
	}
	lint_file(run, path);
}

/* --files-from: one path a line (or NUL-separated with -0). */
static void lint_list(struct run *run, FILE *list, bool nul)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getdelim(&line, &cap, nul ? '\0' : '\n', list)) >= 0) {
		if (n > 0 && line[n - 1] == (nul ? '\0' : '\n'))
			line[--n] = '\0';
		if (!nul && n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		if (n > 0)
			lint_path(run, line, 0);
	}
	if (ferror(list)) {
		fprintf(stderr, "smkilint: --files-from: %s\n", strerror(errno));
		run->io_error = true;
	}
	free(line);
}

/* ------------------------------------------------------------ bulk checks */

/* After every certificate: the bulk findings, through the same output. */
static void run_bulk(struct run *run)
{
	if (smkilint_bulk_finish(run->bulk) != 0) {
		fprintf(stderr, "smkilint: bulk checks: out of memory\n");
		run->io_error = true;
		return;
	}
	if (out_bulk_begin(&run->out, smkilint_bulk_count(run->bulk)) != 0)
		run->io_error = true;
	for (size_t i = 0; i < smkilint_bulk_report_count(run->bulk); i++) {
		smkilint_report *r = NULL;
		smkilint_bulk_origin where;
		int rc = smkilint_bulk_report(&r, &where, run->bulk, i);
		if (rc == 0 && run->waivers != NULL)
			rc = smkilint_waivers_apply(run->waivers, r, NULL, 0, run->now);
		if (rc != 0) {
			fprintf(stderr, "smkilint: bulk checks: out of memory\n");
			run->io_error = true;
			smkilint_report_free(r);
			break;
		}
		struct cert_meta m = {where.is_pem != 0, where.line, where.input_offset};
		bool counted = where.seq / 8 < run->counted_bytes && (run->counted[where.seq / 8] >> (where.seq % 8) & 1);
		if (out_bulk_report(&run->out, r, &m, counted) != 0)
			run->io_error = true;
		smkilint_report_free(r);
	}
	if (out_bulk_end(&run->out) != 0)
		run->io_error = true;
}

/* --ca-max-period: N followed by mo (calendar months), y (12 months), w, d,
 * h, min or s. */
static int parse_period(smkilint_bulk_limits *l, const char *s)
{
	static const struct {
		const char *unit;
		int64_t seconds;         /* 0: months */
		unsigned months;
	} units[] = {{"mo", 0, 1}, {"y", 0, 12}, {"w", 7 * 86400, 0}, {"d", 86400, 0}, {"h", 3600, 0}, {"min", 60, 0},
		     {"s", 1, 0}};
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	for (size_t i = 0; s[0] >= '0' && s[0] <= '9' && errno == 0 && v > 0 && i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].unit) != 0)
			continue;
		if (units[i].seconds == 0 && v <= 1000) {
			l->ca_max_months = (unsigned)v * units[i].months;
			l->ca_max_seconds = 0;
			return 0;
		}
		if (units[i].seconds > 0 && v <= INT64_MAX / units[i].seconds / 2) {
			l->ca_max_months = 0;
			l->ca_max_seconds = v * units[i].seconds;
			return 0;
		}
	}
	fprintf(stderr, "smkilint: --ca-max-period takes a positive number and a unit: mo (calendar months), y, w, d, "
		"h, min or s (e.g. 3mo, 90d), not '%s'\n", s);
	return -1;
}

static int parse_fraction(double *out, const char *s)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end != s && strcmp(end, "%") == 0)
		v /= 100.0;
	else if (end == s || *end != '\0')
		v = -1;
	if (errno != 0 || !(v > 0.0 && v <= 1.0)) {
		fprintf(stderr, "smkilint: --ca-warn-fraction takes a fraction in (0, 1] or a percentage (0.9, 90%%), not '%s'\n",
			s);
		return -1;
	}
	*out = v;
	return 0;
}

/* ------------------------------------------------------------ set-up */

static int add_issuer_file(struct run *run, const char *path)
{
	size_t len = 0, added = 0;
	unsigned char *data = read_all(path, &len);
	if (data == NULL) {
		fprintf(stderr, "smkilint: --issuer %s: %s\n", path, strerror(errno));
		return -1;
	}
	int rc = smkilint_issuers_add(run->issuers, run->ctx, data, len, path, &added);
	free(data);
	if (rc != 0) {
		fprintf(stderr, "smkilint: --issuer %s\n", smkilint_ctx_last_error(run->ctx)->message);
		return -1;
	}
	return 0;
}

/* Issuers: files (PEM bundles or DER) and directories of them. */
static int load_issuers(struct run *run, const char **paths, int n)
{
	if (smkilint_issuers_new(&run->issuers) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0) {
			fprintf(stderr, "smkilint: --issuer %s: %s\n", paths[i], strerror(errno));
			return -1;
		}
		if (!S_ISDIR(st.st_mode)) {
			if (add_issuer_file(run, paths[i]) != 0)
				return -1;
			continue;
		}
		struct dirent **names = NULL;
		int k = scandir(paths[i], &names, NULL, name_cmp);
		if (k < 0) {
			fprintf(stderr, "smkilint: --issuer-dir %s: %s\n", paths[i], strerror(errno));
			return -1;
		}
		int rc = 0;
		for (int j = 0; j < k; j++) {
			char child[4096];
			snprintf(child, sizeof(child), "%s/%s", paths[i], names[j]->d_name);
			if (rc == 0 && names[j]->d_name[0] != '.' && stat(child, &st) == 0 && S_ISREG(st.st_mode))
				rc = add_issuer_file(run, child);
			free(names[j]);
		}
		free(names);
		if (rc != 0)
			return -1;
	}
	smkilint_ctx_set_issuers(run->ctx, run->issuers);
	return 0;
}

static int parse_severity(smkilint_severity *out, const char *s)
{
	if (smkilint_severity_parse(out, s) == 0)
		return 0;
	fprintf(stderr, "smkilint: unknown severity '%s' (fatal, error, warning, notice, info)\n", s);
	return -1;
}

static int parse_lint_format(enum out_format *f, const char *s)
{
	static const struct {
		const char *name;
		enum out_format f;
	} names[] = {{"text", OUT_TEXT}, {"json", OUT_JSON}, {"jsonl", OUT_JSONL}, {"sarif", OUT_SARIF}, {"junit", OUT_JUNIT}};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i].name) == 0) {
			*f = names[i].f;
			return 0;
		}
	fprintf(stderr, "smkilint: unknown format '%s' (text, json, jsonl, sarif, junit)\n", s);
	return -1;
}

/* The total size of the inputs when all are regular files named on the
 * command line (for the ETA); 0 when unknown. */
static uint64_t total_size(char **paths, int n)
{
	uint64_t total = 0;
	for (int i = 0; i < n; i++) {
		struct stat st;
		if (strcmp(paths[i], "-") == 0 || stat(paths[i], &st) != 0 || !S_ISREG(st.st_mode))
			return 0;
		total += (uint64_t)st.st_size;
	}
	return total;
}

enum {
	OPT_MIN_SEVERITY = 256,
	OPT_IGNORE,
	OPT_WAIVERS,
	OPT_FILES_FROM,
	OPT_PROGRESS,
	OPT_NO_PROGRESS,
	OPT_BULK,
	OPT_CA_MAX_CERTS,
	OPT_CA_MAX_PERIOD,
	OPT_CA_WARN_FRACTION,
	OPT_BY,
};

int cmd_lint(int argc, char **argv)
{
	return lint_main(argc, argv, false);
}

static const char *option_name(int c)
{
	switch (c) {
	case 'F': return "--fail-on";
	case OPT_WAIVERS: return "--waivers";
	case 'v': return "--verbose";
	case OPT_BULK: return "--bulk";
	case OPT_CA_MAX_CERTS: return "--ca-max-certs";
	case OPT_CA_MAX_PERIOD: return "--ca-max-period";
	case OPT_CA_WARN_FRACTION: return "--ca-warn-fraction";
	case OPT_BY: return "--by";
	default: return "?";
	}
}

/* Options that only one of the two commands takes. */
static bool option_fits(int c, bool inventory)
{
	switch (c) {
	case 'F':
	case OPT_WAIVERS:
	case 'v':
	case OPT_BULK:
	case OPT_CA_MAX_CERTS:
	case OPT_CA_MAX_PERIOD:
	case OPT_CA_WARN_FRACTION:
		return !inventory;
	case OPT_BY:
		return inventory;
	default:
		return true;
	}
}

int lint_main(int argc, char **argv, bool inventory)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"fail-on", required_argument, NULL, 'F'},
		{"min-severity", required_argument, NULL, OPT_MIN_SEVERITY},
		{"ignore", required_argument, NULL, OPT_IGNORE},
		{"waivers", required_argument, NULL, OPT_WAIVERS},
		{"jobs", required_argument, NULL, 'j'},
		{"files-from", required_argument, NULL, OPT_FILES_FROM},
		{"null", no_argument, NULL, '0'},
		{"progress", no_argument, NULL, OPT_PROGRESS},
		{"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		PROFILE_LONG_OPTS,
		{"issuer", required_argument, NULL, 'I'},
		{"issuer-dir", required_argument, NULL, 'J'},
		{"bulk", no_argument, NULL, OPT_BULK},
		{"ca-max-certs", required_argument, NULL, OPT_CA_MAX_CERTS},
		{"ca-max-period", required_argument, NULL, OPT_CA_MAX_PERIOD},
		{"ca-warn-fraction", required_argument, NULL, OPT_CA_WARN_FRACTION},
		{"by", required_argument, NULL, OPT_BY},
		{NULL, 0, NULL, 0},
	};
	const char *cmd = inventory ? "inventory" : "lint";
	bool bulk = false, bulk_limits_given = false;
	const char *by = NULL;
	enum inv_format inv_format = INV_TEXT;
	smkilint_bulk_limits limits;
	smkilint_bulk_limits_default(&limits);
	struct profile_opts po = {0};
	const char *issuer_paths[64], *waiver_paths[64], *files_from = NULL;
	int n_issuer_paths = 0, n_waiver_paths = 0, threads = 1;
	bool nul = false;
	enum progress_mode progress = PROGRESS_AUTO;
	struct run run;
	memset(&run, 0, sizeof(run));
	run.out.fail_on = SMKILINT_SEV_ERROR;
	run.out.min_sev = SMKILINT_SEV_INFO;
	run.out.f = stdout;
	run.out.format = OUT_TEXT;
	const char **ignore = calloc((size_t)argc + 1, sizeof(*ignore));
	if (ignore == NULL)
		return EXIT_USAGE;
	run.out.ignore = ignore;
	int c, status = EXIT_USAGE;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:F:j:0vh", opts, NULL)) != -1) {
		if (!option_fits(c, inventory)) {
			fprintf(stderr, "smkilint %s: %s is an option of smkilint %s\n", cmd, option_name(c),
				inventory ? "lint" : "inventory");
			usage(stderr);
			goto out;
		}
		switch (c) {
		case 'f':
			if (inventory ? inventory_parse_format(&inv_format, optarg) != 0
				      : parse_lint_format(&run.out.format, optarg) != 0)
				goto out;
			break;
		case OPT_BULK:
			bulk = true;
			break;
		case OPT_CA_MAX_CERTS: {
			char *end;
			errno = 0;
			unsigned long long v = strtoull(optarg, &end, 10);
			if (optarg[0] < '0' || optarg[0] > '9' || *end != '\0' || errno != 0 || v == 0) {
				fprintf(stderr, "smkilint: --ca-max-certs takes a positive number of certificates, not '%s'\n",
					optarg);
				goto out;
			}
			limits.ca_max_certificates = v;
			bulk_limits_given = true;
			break;
		}
		case OPT_CA_MAX_PERIOD:
			if (parse_period(&limits, optarg) != 0)
				goto out;
			bulk_limits_given = true;
			break;
		case OPT_CA_WARN_FRACTION:
			if (parse_fraction(&limits.ca_warn_fraction, optarg) != 0)
				goto out;
			bulk_limits_given = true;
			break;
		case OPT_BY:
			by = optarg;
			break;
		case 'F':
			if (parse_severity(&run.out.fail_on, optarg) != 0)
				goto out;
			break;
		case OPT_MIN_SEVERITY:
			if (parse_severity(&run.out.min_sev, optarg) != 0)
				goto out;
			break;
		case OPT_IGNORE:
			if (optarg[0] == '\0') {
				fprintf(stderr, "smkilint: --ignore needs a lint id or glob\n");
				goto out;
			}
			ignore[run.out.n_ignore++] = optarg;
			break;
		case OPT_WAIVERS:
			if (n_waiver_paths == 64) {
				fprintf(stderr, "smkilint: at most 64 --waivers options\n");
				goto out;
			}
			waiver_paths[n_waiver_paths++] = optarg;
			break;
		case 'j': {
			char *end;
			errno = 0;
			long v = strtol(optarg, &end, 10);
			if (optarg[0] == '\0' || *end != '\0' || errno != 0 || v < 0 || v > MAX_THREADS) {
				fprintf(stderr, "smkilint: -j takes a number of threads from 1 to %d (0: one per CPU), not '%s'\n",
					MAX_THREADS, optarg);
				goto out;
			}
			if (v == 0) {
				long cpus = sysconf(_SC_NPROCESSORS_ONLN);
				v = cpus < 1 ? 1 : cpus > MAX_THREADS ? MAX_THREADS : cpus;
			}
			threads = (int)v;
			break;
		}
		case OPT_FILES_FROM:
			files_from = optarg;
			break;
		case '0':
			nul = true;
			break;
		case OPT_PROGRESS:
			progress = PROGRESS_FORCED;
			break;
		case OPT_NO_PROGRESS:
			progress = PROGRESS_OFF;
			break;
		case 'v':
			run.out.verbose = true;
			break;
		case 'I':
		case 'J':
			if (n_issuer_paths == 64) {
				fprintf(stderr, "smkilint: at most 64 --issuer/--issuer-dir options\n");
				goto out;
			}
			issuer_paths[n_issuer_paths++] = optarg;
			break;
		case 'h':
			usage(stdout);
			status = EXIT_CLEAN;
			goto out;
		default:
			if (profile_opt(&po, c, optarg) > 0)
				break;
			usage(stderr);
			goto out;
		}
	}
	if (bulk_limits_given && !bulk) {
		fprintf(stderr, "smkilint: --ca-max-certs, --ca-max-period and --ca-warn-fraction go with --bulk\n");
		goto out;
	}
	if (optind >= argc && files_from == NULL) {
		fprintf(stderr, "smkilint %s: no input given (INPUT... or --files-from FILE)\n", cmd);
		usage(stderr);
		goto out;
	}
	if (nul && files_from == NULL) {
		fprintf(stderr, "smkilint: -0 goes with --files-from\n");
		goto out;
	}
	bool stdin_input = false;
	for (int i = optind; i < argc; i++)
		stdin_input |= strcmp(argv[i], "-") == 0;
	if (stdin_input && files_from != NULL && strcmp(files_from, "-") == 0) {
		fprintf(stderr, "smkilint: standard input cannot be both an input and the --files-from list\n");
		goto out;
	}
	if (run.out.min_sev > run.out.fail_on)
		fprintf(stderr, "smkilint: note: findings below --min-severity %s are dropped, so they cannot fail the "
			"run (--fail-on %s)\n", smkilint_severity_name(run.out.min_sev),
			smkilint_severity_name(run.out.fail_on));

	FILE *list = NULL;
	if (files_from != NULL) {
		list = strcmp(files_from, "-") == 0 ? stdin : fopen(files_from, "r");
		if (list == NULL) {
			fprintf(stderr, "smkilint: --files-from %s: %s\n", files_from, strerror(errno));
			goto out;
		}
	}

	const char *nc = getenv("NO_COLOR");
	run.out.colour = run.out.format == OUT_TEXT && isatty(STDOUT_FILENO) && (nc == NULL || nc[0] == '\0');
	if (progress == PROGRESS_AUTO && !(isatty(STDERR_FILENO) && !isatty(STDOUT_FILENO)))
		progress = PROGRESS_OFF;
	run.now = (int64_t)time(NULL);

	struct worker *workers = calloc((size_t)threads, sizeof(*workers));
	void **states = calloc((size_t)threads, sizeof(*states));
	run.buf = malloc(READ_CHUNK);
	int rc = workers != NULL && states != NULL && run.buf != NULL ? smkilint_ctx_new(&run.ctx) : SMKILINT_ENOMEM;
	if (rc != 0) {
		fprintf(stderr, "smkilint: cannot create a context (%d)\n", rc);
		goto cleanup;
	}
	if (n_issuer_paths > 0 && load_issuers(&run, issuer_paths, n_issuer_paths) != 0)
		goto cleanup;
	if (run.issuers != NULL)
		out_issuer_notes(&run.out, run.ctx, run.issuers);
	if (po.profile == NULL)
		po.profile = "auto";
	if (strcmp(po.profile, "none") != 0) {
		const char *name = po.profile;
		if (load_profiles(&run.set, run.ctx, &po, &name) != 0)
			goto cleanup;
		run.profile = smkilint_profiles_find(run.set, name);
		if (run.profile == NULL || smkilint_profile_flags(run.profile) == 2) {
			fprintf(stderr, "smkilint: %s '%s' (see smkilint profiles)\n",
				run.profile == NULL ? "no profile named" : "cannot lint with the base profile", name);
			goto cleanup;
		}
	}
	run.out.profiles = run.set;
	if (inventory) {
		/* the reports are counted; out only filters findings and says which inputs could not be read */
		run.out.format = OUT_JSONL;
		if ((run.inv = inventory_new(by)) == NULL)
			goto cleanup;
	}
	if (bulk && smkilint_bulk_new(&run.bulk, &limits) != 0) {
		fprintf(stderr, "smkilint: cannot create the bulk accumulator\n");
		goto cleanup;
	}
	if (n_waiver_paths > 0) {
		if (smkilint_waivers_new(&run.waivers) != 0)
			goto cleanup;
		for (int i = 0; i < n_waiver_paths; i++)
			if (smkilint_waivers_load_file(run.waivers, run.ctx, waiver_paths[i]) != 0) {
				fprintf(stderr, "smkilint: --waivers %s\n", smkilint_ctx_last_error(run.ctx)->message);
				goto cleanup;
			}
	}
	for (int i = 0; i < threads; i++) {
		if (smkilint_ctx_new(&workers[i].ctx) != 0) {
			fprintf(stderr, "smkilint: cannot create a context\n");
			goto cleanup;
		}
		if (run.issuers != NULL)
			smkilint_ctx_set_issuers(workers[i].ctx, run.issuers);
		if (run.bulk != NULL || run.inv != NULL)
			smkilint_ctx_set_digests(workers[i].ctx, 1);
		workers[i].run = &run;
		states[i] = &workers[i];
	}
	json_object_seed(0);   /* workers make JSON objects: seed jansson's hash before they start */
	run.batch = batch_new(threads, 64 * (size_t)threads, work, states, deliver, &run);
	if (run.batch == NULL) {
		fprintf(stderr, "smkilint: cannot start %d threads\n", threads);
		goto cleanup;
	}

	progress_start(&run.progress, progress, files_from == NULL ? total_size(argv + optind, argc - optind) : 0);
	if (out_begin(&run.out) != 0)
		run.io_error = true;
	for (int i = optind; i < argc; i++)
		lint_path(&run, argv[i], 0);
	if (list != NULL)
		lint_list(&run, list, nul);
	batch_finish(run.batch);
	run.batch = NULL;
	progress_end(&run.progress);
	if (run.bulk != NULL)
		run_bulk(&run);
	if (run.inv != NULL && inventory_print(run.inv, stdout, inv_format, run.out.totals.unreadable) != 0)
		run.io_error = true;
	status = run.io_error ? EXIT_USAGE : run.out.failed && run.inv == NULL ? EXIT_FINDINGS : EXIT_CLEAN;
	if (out_end(&run.out, status) != 0 || fflush(stdout) != 0) {
		fprintf(stderr, "smkilint: cannot write the output: %s\n", strerror(errno));
		status = EXIT_USAGE;
	}
	if (run.out.totals.unreadable > 0)
		fprintf(stderr, "smkilint: %zu input%s could not be read (see above); the others were linted\n",
			run.out.totals.unreadable, run.out.totals.unreadable == 1 ? "" : "s");

cleanup:
	batch_finish(run.batch);
	for (int i = 0; workers != NULL && i < threads; i++)
		smkilint_ctx_free(workers[i].ctx);
	free(workers);
	free(states);
	free(run.buf);
	smkilint_waivers_free(run.waivers);
	smkilint_profiles_free(run.set);
	smkilint_ctx_free(run.ctx);
	smkilint_issuers_free(run.issuers);
	smkilint_bulk_free(run.bulk);
	free(run.counted);
	inventory_free(run.inv);
	if (list != NULL && list != stdin)
		fclose(list);
out:
	free(ignore);
	return status;
}
