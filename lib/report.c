/* Reports: the findings for one certificate, as plain structs. */
#include <stdlib.h>
#include <string.h>

#include "smk.h"
#include "gate.h"

struct smkilint_report {
	struct smk_arena arena;
	const char *input;
	size_t index;
	const char *profile;
	const char *profile_reason;
	const char **skipped;
	size_t n_skipped;
	smkilint_finding *findings;
	size_t n, cap;
	const smkilint_waiver **suppressed;   /* by finding; set by smkilint_waivers_apply */
	size_t n_suppressed;
	smkilint_digest *digest;              /* set when the context computes digests (lib/bulk.c) */
	struct smk_involved *involved;        /* by finding; bulk findings only (lib/bulk.c) */
	size_t n_involved;
};

/* The certificates a finding involves (bulk checks). */
struct smk_involved {
	smkilint_cert_ref *refs;
	size_t n;
};

smkilint_report *smk_report_new(const char *input_name, size_t index)
{
	smkilint_report *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return NULL;
	smk_arena_init(&r->arena);
	r->input = smk_strdup(&r->arena, input_name != NULL ? input_name : "");
	r->index = index;
	if (r->input == NULL) {
		smkilint_report_free(r);
		return NULL;
	}
	return r;
}

int smk_report_add(smkilint_report *r, const char *lint, smkilint_severity sev,
		   const char *citation, const struct smk_loc *loc, const char *message,
		   const char *expected, const char *found)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 8;
		smkilint_finding *f = realloc(r->findings, cap * sizeof(*f));
		if (f == NULL)
			return SMKILINT_ENOMEM;
		r->findings = f;
		r->cap = cap;
	}
	struct smk_arena *a = &r->arena;
	smkilint_finding *f = &r->findings[r->n];
	memset(f, 0, sizeof(*f));
	f->lint = lint;              /* static storage (the lint tables) */
	f->severity = sev;
	f->citation = citation;      /* static storage */
	f->path = smk_strdup(a, loc != NULL && loc->path != NULL ? loc->path : "");
	f->has_offset = loc != NULL && loc->path != NULL;
	f->offset = loc != NULL ? loc->off : 0;
	f->length = loc != NULL ? loc->len : 0;
	f->message = smk_strdup(a, message != NULL ? message : "");
	f->expected = smk_strdup(a, expected != NULL ? expected : "");
	f->found = smk_strdup(a, found != NULL ? found : "");
	if (a->failed)
		return SMKILINT_ENOMEM;
	r->n++;
	return 0;
}

int smk_report_set_profile(smkilint_report *r, const char *name, const char *reason)
{
	r->profile = name != NULL ? smk_strdup(&r->arena, name) : NULL;
	r->profile_reason = reason != NULL ? smk_strdup(&r->arena, reason) : NULL;
	return r->arena.failed ? SMKILINT_ENOMEM : 0;
}

int smk_report_skip(smkilint_report *r, const char *lint_id)
{
	const char **s = smk_alloc(&r->arena, (r->n_skipped + 1) * sizeof(*s));
	if (s == NULL)
		return SMKILINT_ENOMEM;
	if (r->n_skipped)
		memcpy(s, r->skipped, r->n_skipped * sizeof(*s));
	s[r->n_skipped++] = lint_id;   /* static storage (the lint tables, the profile set) */
	r->skipped = s;
	return 0;
}

/* Offsets from the start of the TBS instead of the synthetic wrapper. */
void smk_report_shift(smkilint_report *r, size_t shift)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->findings[i].has_offset)
			r->findings[i].offset = r->findings[i].offset >= shift ? r->findings[i].offset - shift : 0;
}

size_t smkilint_report_skipped_count(const smkilint_report *r)
{
	return r->n_skipped;
}

const char *smkilint_report_skipped(const smkilint_report *r, size_t i)
{
	return i < r->n_skipped ? r->skipped[i] : NULL;
}

int smk_report_suppress(smkilint_report *r, size_t i, const smkilint_waiver *w)
{
	if (r->suppressed == NULL && r->n > 0) {
		r->suppressed = smk_alloc(&r->arena, r->n * sizeof(*r->suppressed));
		if (r->suppressed == NULL)
			return SMKILINT_ENOMEM;
		r->n_suppressed = r->n;
	}
	if (i >= r->n_suppressed)
		return SMKILINT_EINVAL;
	r->suppressed[i] = w;
	return 0;
}

smkilint_digest *smk_report_digest_new(smkilint_report *r)
{
	r->digest = smk_alloc(&r->arena, sizeof(*r->digest));
	return r->digest;
}

struct smk_arena *smk_report_arena(smkilint_report *r)
{
	return &r->arena;
}

const smkilint_digest *smkilint_report_digest(const smkilint_report *r)
{
	return r != NULL ? r->digest : NULL;
}

int smk_report_set_involved(smkilint_report *r, size_t i, const smkilint_cert_ref *refs, size_t n)
{
	if (i >= r->n)
		return SMKILINT_EINVAL;
	if (i >= r->n_involved) {
		struct smk_involved *v = smk_alloc(&r->arena, r->n * sizeof(*v));
		if (v == NULL)
			return SMKILINT_ENOMEM;
		if (r->n_involved)
			memcpy(v, r->involved, r->n_involved * sizeof(*v));
		r->involved = v;
		r->n_involved = r->n;
	}
	smkilint_cert_ref *copy = n ? smk_alloc(&r->arena, n * sizeof(*copy)) : NULL;
	for (size_t k = 0; copy != NULL && k < n; k++) {
		copy[k].input = smk_strdup(&r->arena, refs[k].input);
		copy[k].index = refs[k].index;
	}
	if (r->arena.failed)
		return SMKILINT_ENOMEM;
	r->involved[i].refs = copy;
	r->involved[i].n = n;
	return 0;
}

size_t smkilint_report_involved_count(const smkilint_report *r, size_t i)
{
	return r != NULL && i < r->n_involved ? r->involved[i].n : 0;
}

const smkilint_cert_ref *smkilint_report_involved(const smkilint_report *r, size_t i, size_t k)
{
	return k < smkilint_report_involved_count(r, i) ? &r->involved[i].refs[k] : NULL;
}

const smkilint_waiver *smkilint_report_suppression(const smkilint_report *r, size_t i)
{
	return r != NULL && i < r->n_suppressed ? r->suppressed[i] : NULL;
}

const char *smkilint_report_profile_reason(const smkilint_report *r)
{
	return r->profile_reason;
}

size_t smkilint_report_count(const smkilint_report *r)
{
	return r != NULL ? r->n : 0;
}

const smkilint_finding *smkilint_report_finding(const smkilint_report *r, size_t i)
{
	return r != NULL && i < r->n ? &r->findings[i] : NULL;
}

const char *smkilint_report_input(const smkilint_report *r)
{
	return r->input;
}

size_t smkilint_report_index(const smkilint_report *r)
{
	return r->index;
}

const char *smkilint_report_profile(const smkilint_report *r)
{
	return r->profile;
}

int smkilint_report_max_severity(const smkilint_report *r, smkilint_severity *sev)
{
	if (r == NULL || r->n == 0)
		return 0;
	smkilint_severity max = r->findings[0].severity;
	for (size_t i = 1; i < r->n; i++)
		if (r->findings[i].severity > max)
			max = r->findings[i].severity;
	*sev = max;
	return 1;
}

void smkilint_report_free(smkilint_report *r)
{
	if (r == NULL)
		return;
	free(r->findings);
	smk_arena_free(&r->arena);
	free(r);
}

static const char *const severity_names[] = {"info", "notice", "warning", "error", "fatal"};

const char *smkilint_severity_name(smkilint_severity sev)
{
	if ((unsigned)sev > SMKILINT_SEV_FATAL)
		return "unknown";
	return severity_names[sev];
}

int smkilint_severity_parse(smkilint_severity *out, const char *name)
{
	for (int i = 0; i <= SMKILINT_SEV_FATAL; i++) {
		if (name != NULL && strcmp(name, severity_names[i]) == 0) {
			*out = (smkilint_severity)i;
			return 0;
		}
	}
	return SMKILINT_EINVAL;
}
