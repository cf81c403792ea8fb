/*
 * Fuzz target: the profile language (lib/profile_load.c, profile.c,
 * profile_check.c). The input is one YAML (or JSON) document: a profile, an
 * environment or a naming convention. It is loaded with
 * smkilint_profiles_load_string on top of the shipped profiles (so that its
 * `extends` reaches them, and theirs reach it when it redefines one), and
 * the set is finalized. When that works:
 *
 *  - every profile is read back (name, kind, rules, naming id) and dumped;
 *    the dump of the new profile must load again into a set of its own
 *    (smkilint_profile_dump promises "the profile language");
 *  - the sample certificates of examples/certs/ are linted with the new
 *    profile and with auto-detection, so that its rules and its naming
 *    convention (a naming file given here replaces every profile's, as
 *    --naming does) run on real certificates.
 *
 * Loading the shipped profiles costs more than the rest of a run, so it is
 * done only when the document may refer to them (it mentions extends,
 * naming, an environment or a name starting "smki"); other documents are
 * loaded into an empty set. Which samples are linted also depends on that:
 * with the new profile when there is one, else with auto-detection.
 *
 * The document is named as if it were a file of tests/data/naming/, so that
 * `register: registers/names.yaml` finds the fixture there. Inputs that name
 * a file under /dev, /proc or /sys are skipped: a register is read from disk,
 * and reading a device is not what this target is about.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

#define DOC_NAME FUZZ_SOURCE_ROOT "/tests/data/naming/fuzz.yaml"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_ctx();
	fuzz_shipped_count();
	fuzz_sample_count();
	return 0;
}

static bool has(const uint8_t *data, size_t size, const char *s)
{
	return memmem(data, size, s, strlen(s)) != NULL;
}

static void read_profile(const smkilint_profile *p)
{
	fuzz_sink += strlen(smkilint_profile_name(p)) + strlen(smkilint_profile_description(p)) +
		     strlen(smkilint_profile_kind(p)) + (size_t)smkilint_profile_flags(p);
	const char *nid = smkilint_profile_naming_id(p);
	if (nid != NULL)
		fuzz_sink += strlen(nid);
	size_t n = smkilint_profile_rule_count(p);
	for (size_t i = 0; i < n; i++) {
		smkilint_rule_info ri;
		if (smkilint_profile_rule(&ri, p, i) != 0)
			abort();   /* rule_count said it was there */
		fuzz_sink += strlen(ri.id) + strlen(ri.citation) + strlen(ri.check) + (size_t)ri.line;
		if (ri.description != NULL)
			fuzz_sink += strlen(ri.description);
	}
}

/* The dump of a resolved profile loads again, alone (it has no extends). */
static void dump_reloads(const smkilint_profile *p)
{
	char *text = NULL;
	if (smkilint_profile_dump(&text, p) != 0)
		return;
	smkilint_ctx *ctx = fuzz_ctx();
	smkilint_profiles *set = NULL;
	if (smkilint_profiles_new(&set) == 0) {
		int rc = smkilint_profiles_load_string(set, ctx, DOC_NAME, text, strlen(text));
		if (rc == 0)
			rc = smkilint_profiles_finalize(set, ctx);
		if (rc != 0 && rc != SMKILINT_ENOMEM) {
			fprintf(stderr, "fuzz_profile: the dump of '%s' does not load: %s\n---\n%s---\n",
				smkilint_profile_name(p), smkilint_ctx_last_error(ctx)->message, text);
			abort();
		}
	}
	smkilint_profiles_free(set);
	free(text);
}

static void lint_samples(const smkilint_profile *p)
{
	for (size_t i = 0; i < fuzz_sample_count(); i++) {
		const char *name;
		const uint8_t *der;
		size_t len;
		fuzz_sample(i, &name, &der, &len);
		smkilint_report *r = NULL;
		if (smkilint_lint_der(&r, fuzz_ctx(), p, der, len, name, 0) == 0)
			fuzz_read_report(r, len);
		smkilint_report_free(r);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (has(data, size, "/dev") || has(data, size, "/proc") || has(data, size, "/sys"))
		return 0;
	smkilint_ctx *ctx = fuzz_ctx();
	smkilint_profiles *set = NULL;
	if (smkilint_profiles_new(&set) != 0)
		return 0;
	bool shipped = has(data, size, "extends") || has(data, size, "naming") || has(data, size, "environment") ||
		       has(data, size, "smki");
	for (size_t i = 0; shipped && i < fuzz_shipped_count(); i++) {
		const char *name, *text;
		size_t len;
		fuzz_shipped_file(i, &name, &text, &len);
		if (smkilint_profiles_load_string(set, ctx, name, text, len) != 0)
			abort();   /* the shipped profiles load (tests/test_profiles.c) */
	}
	size_t before = smkilint_profiles_count(set);
	int rc = smkilint_profiles_load_string(set, ctx, DOC_NAME, (const char *)data, size);
	if (rc != 0)
		fuzz_sink += strlen(smkilint_ctx_last_error(ctx)->message);
	if (rc == 0 && smkilint_profiles_finalize(set, ctx) == 0) {
		size_t n = smkilint_profiles_count(set);
		for (size_t i = 0; i < n; i++)
			read_profile(smkilint_profiles_get(set, i));
		const smkilint_profile *mine = n > before ? smkilint_profiles_get(set, n - 1) : NULL;
		if (mine != NULL)
			dump_reloads(mine);
		lint_samples(mine != NULL ? mine : smkilint_profiles_auto(set));
	} else if (rc == 0) {
		fuzz_sink += strlen(smkilint_ctx_last_error(ctx)->message);
	}
	smkilint_profiles_free(set);
	return 0;
}
