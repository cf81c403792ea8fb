/*
 * Profile files: every shipped profile and environment loads and survives a
 * dump/re-load round trip; broken files fail with the exact
 * file:line:column; environments (pinned or not), the commonName naming
 * convention and profiles that tighten or relax the shipped ones, all as
 * data (tests/data/profiles, tests/data/naming).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>

#include "prof_common.h"

static smkilint_ctx *ctx;

static void setup(void)
{
	cr_assert(eq(int, smkilint_ctx_new(&ctx), 0));
}

static void teardown(void)
{
	smkilint_ctx_free(ctx);
}

/* ------------------------------------------------------------ shipped */

/* The names the files of profiles/smki declare, read with the loader one
 * file at a time (a file holds one profile). */
static size_t smki_profile_names(char names[][64], size_t max)
{
	struct dirent **ents;
	int n = scandir(PROFILES_DIR "/smki", &ents, NULL, alphasort);
	cr_assert(gt(int, n, 0), "cannot list %s", PROFILES_DIR "/smki");
	size_t k = 0;
	for (int i = 0; i < n; i++) {
		const char *f = ents[i]->d_name;
		size_t len = strlen(f);
		if (len > 5 && strcmp(f + len - 5, ".yaml") == 0) {
			char path[512];
			snprintf(path, sizeof(path), "%s/smki/%s", PROFILES_DIR, f);
			smkilint_profiles *one;
			cr_assert(eq(int, smkilint_profiles_new(&one), 0));
			const char *name = NULL;
			cr_assert(eq(int, smkilint_profiles_load_file(one, ctx, path, &name), 0), "%s",
				  last_error(ctx));
			cr_assert(ne(ptr, (void *)name, NULL));
			cr_assert(lt(sz, k, max));
			snprintf(names[k++], 64, "%s", name);
			smkilint_profiles_free(one);
		}
		free(ents[i]);
	}
	free(ents);
	return k;
}

Test(shipped, every_profile_loads_and_is_found, .init = setup, .fini = teardown)
{
	smkilint_profiles *set = shipped_set(ctx, true);
	char names[32][64];
	size_t n = smki_profile_names(names, 32);
	/* the ten profiles of PROFILES.md §6 are there (more may be added) */
	static const char *const documented[] = {
		"smki-common", "smki-ca", "smki-root", "smki-oca", "smki-dca", "smki-organisation",
		"smki-dccboxed-xmlsign", "smki-device", "smki-device-ds", "smki-device-ka",
	};
	for (size_t i = 0; i < sizeof(documented) / sizeof(documented[0]); i++) {
		bool found = false;
		for (size_t k = 0; k < n; k++)
			found = found || strcmp(names[k], documented[i]) == 0;
		cr_expect(found, "no file in profiles/smki declares %s", documented[i]);
	}
	cr_expect(ge(sz, smkilint_profiles_count(set), n));
	for (size_t i = 0; i < n; i++) {
		const smkilint_profile *p = smkilint_profiles_find(set, names[i]);
		cr_expect(ne(ptr, (void *)p, NULL), "profile %s is not found", names[i]);
		if (p != NULL)
			cr_expect(gt(sz, p->n_rules, 0), "profile %s resolved to no rules", names[i]);
	}
	/* flags as the files declare them */
	cr_expect(eq(int, smkilint_profile_flags(must_find(set, "smki-common")), 2));
	cr_expect(eq(int, smkilint_profile_flags(must_find(set, "smki-ca")), 2));
	cr_expect(eq(int, smkilint_profile_flags(must_find(set, "smki-device")), 2));
	cr_expect(eq(int, smkilint_profile_flags(must_find(set, "smki-dccboxed-xmlsign")), 1));
	cr_expect(eq(int, smkilint_profile_flags(must_find(set, "smki-organisation")), 0));
	cr_expect(eq(str, (char *)smkilint_profile_kind(must_find(set, "smki-device-ka")), "device-ka"));
	cr_expect(eq(str, (char *)smkilint_profile_kind(must_find(set, "smki-oca")), "oca"));
	/* `extends` brought the common rules into a leaf profile */
	cr_expect(eq(int, rule_of(must_find(set, "smki-device-ds"), "smki.common.ski_method2")->check,
		     CK_KEY_IDENTIFIER));
	/* the auto pseudo profile is found by name too */
	cr_expect(eq(ptr, (void *)smkilint_profiles_find(set, "auto"), (void *)smkilint_profiles_auto(set)));
	smkilint_profiles_free(set);
}

Test(shipped, environments_load, .init = setup, .fini = teardown)
{
	smkilint_profiles *set = shipped_set(ctx, false);
	cr_assert(eq(sz, set->n_envs, 2),
		  "profiles/environments holds dcc-test and gbcs-rtds (.template is not loaded)");
	const struct smk_env *dcc = NULL, *rtds = NULL;
	for (size_t i = 0; i < set->n_envs; i++) {
		if (strcmp(set->envs[i]->name, "dcc-test") == 0)
			dcc = set->envs[i];
		if (strcmp(set->envs[i]->name, "gbcs-rtds") == 0)
			rtds = set->envs[i];
	}
	cr_assert(ne(ptr, (void *)dcc, NULL));
	cr_assert(ne(ptr, (void *)rtds, NULL));
	cr_expect(eq(sz, dcc->org_policies.n, 1));
	cr_expect(eq(str, (char *)dcc->org_policies.oid[0], "1.2.826.0.1.8641679.1.2.1.4"));
	cr_expect(eq(str, (char *)rtds->device_policies.oid[0], "1.2.826.0.1.1800000.1.2.1.4"));
	cr_expect(eq(sz, dcc->hw_types.n, 2));
	cr_expect(eq(sz, dcc->n_roles, 12));
	cr_expect(eq(sz, rtds->n_roles, 10));
	/* pinning by name works before finalize, an unknown name is ENOENT */
	cr_expect(eq(int, smkilint_profiles_pin_environment(set, ctx, "gbcs-rtds"), 0));
	cr_expect(eq(ptr, (void *)set->pinned, (void *)rtds));
	cr_expect(eq(int, smkilint_profiles_pin_environment(set, ctx, "no-such-environment"), SMKILINT_ENOENT));
	cr_expect(ne(ptr, strstr(last_error(ctx), "no-such-environment"), NULL), "%s", last_error(ctx));
	finalize_set(set, ctx);
	/* a finalized set takes no more files */
	cr_expect(eq(int, smkilint_profiles_load_dir(set, ctx, PROFILES_DIR), SMKILINT_EINVAL));
	smkilint_profiles_free(set);
}

/* ------------------------------------------------------------ round trip */

static const char *const round_trip_certs[] = {
	C_ORG, C_ORG_KA, C_OCA, C_DEV_DS, C_DEV_KA, C_D1, C_D3, C_D4, C_D5, C_D7, C_D9, C_XMLSIGN, C_RSA,
};

/* Equal texts, but for the profile's name where a text names it: b may say
 * "rt-NAME" where a says "NAME". */
static bool same_text(const char *a, const char *b, const char *name)
{
	char rt[128];
	snprintf(rt, sizeof(rt), "rt-%s", name);
	while (*a != '\0' || *b != '\0') {
		if (strncmp(b, rt, strlen(rt)) == 0 && strncmp(a, name, strlen(name)) == 0) {
			a += strlen(name);
			b += strlen(rt);
		} else if (*a == *b) {
			a++;
			b++;
		} else {
			return false;
		}
	}
	return true;
}

static bool same_finding(const smkilint_finding *a, const smkilint_finding *b, const char *name)
{
	return strcmp(a->lint, b->lint) == 0 && a->severity == b->severity && strcmp(a->citation, b->citation) == 0 &&
	       strcmp(a->path, b->path) == 0 && a->offset == b->offset && a->length == b->length &&
	       same_text(a->message, b->message, name) && same_text(a->expected, b->expected, name) &&
	       same_text(a->found, b->found, name);
}

/* The dump of a profile, its `profile:` line renamed to rt-NAME. */
static char *renamed_dump(const smkilint_profile *p)
{
	char *text = NULL;
	cr_assert(eq(int, smkilint_profile_dump(&text, p), 0));
	char line[128];
	snprintf(line, sizeof(line), "\nprofile: \"%s\"\n", p->name);
	char *at = strstr(text, line);
	cr_assert(ne(ptr, at, NULL), "the dump of %s has no line %s", p->name, line + 1);
	size_t extra = 3; /* "rt-" */
	char *out = malloc(strlen(text) + extra + 1);
	cr_assert(ne(ptr, out, NULL));
	size_t head = (size_t)(at - text) + strlen("\nprofile: \"");
	memcpy(out, text, head);
	memcpy(out + head, "rt-", extra);
	strcpy(out + head + extra, text + head);
	free(text);
	return out;
}

Test(shipped, dump_round_trip, .init = setup, .fini = teardown)
{
	smkilint_profiles *orig = shipped_set(ctx, true);
	/* the copy: the shipped set again plus every renamed dump */
	smkilint_profiles *copy = shipped_set(ctx, false);
	size_t n_dumped = 0;
	for (size_t i = 0; i < smkilint_profiles_count(orig); i++) {
		const smkilint_profile *p = smkilint_profiles_get(orig, i);
		if (smkilint_profile_flags(p) == 2)
			continue;
		char *text = renamed_dump(p);
		char name[96];
		snprintf(name, sizeof(name), "dump-of-%s", p->name);
		int rc = smkilint_profiles_load_string(copy, ctx, name, text, strlen(text));
		if (rc != 0)
			cr_log_error("%s", text);
		cr_assert(eq(int, rc, 0), "re-loading the dump of %s: %s", p->name, last_error(ctx));
		free(text);
		n_dumped++;
	}
	cr_assert(ge(sz, n_dumped, 7), "at least the 7 non-abstract profiles of PROFILES.md §6");
	finalize_set(copy, ctx);

	for (size_t i = 0; i < smkilint_profiles_count(orig); i++) {
		const smkilint_profile *p = smkilint_profiles_get(orig, i);
		if (smkilint_profile_flags(p) == 2)
			continue;
		char rt[96];
		snprintf(rt, sizeof(rt), "rt-%s", p->name);
		const smkilint_profile *q = must_find(copy, rt);
		cr_expect(eq(sz, q->n_rules, p->n_rules), "%s: rule count", p->name);
		cr_expect(eq(str, (char *)q->kind, (char *)p->kind));
		cr_expect(eq(int, smkilint_profile_flags(q), smkilint_profile_flags(p)));
		cr_expect(eq(int, q->naming != NULL, p->naming != NULL), "%s: naming", p->name);
		size_t total = 0;
		for (size_t k = 0; k < sizeof(round_trip_certs) / sizeof(round_trip_certs[0]); k++) {
			smkilint_report *a = lint_file_with(ctx, p, round_trip_certs[k]);
			smkilint_report *b = lint_file_with(ctx, q, round_trip_certs[k]);
			size_t na = smkilint_report_count(a), nb = smkilint_report_count(b);
			cr_expect(eq(sz, na, nb), "%s on %s: %zu findings, re-loaded %zu", p->name, round_trip_certs[k],
				  na, nb);
			for (size_t j = 0; j < na && j < nb; j++) {
				const smkilint_finding *fa = smkilint_report_finding(a, j),
						       *fb = smkilint_report_finding(b, j);
				cr_expect(same_finding(fa, fb, p->name),
					  "%s on %s: finding %zu %s (%s) differs from the re-loaded %s (%s)", p->name,
					  round_trip_certs[k], j, fa->lint, fa->message, fb->lint, fb->message);
			}
			total += na;
			smkilint_report_free(a);
			smkilint_report_free(b);
		}
		/* the comparison is not vacuous: each profile finds something on this set */
		cr_expect(gt(sz, total, 0), "%s found nothing at all", p->name);
	}
	smkilint_profiles_free(copy);
	smkilint_profiles_free(orig);
}

/* Two dumps are the same text but for comment lines (they name the file
 * each rule came from); logs the first difference. */
static bool same_dump(const char *a, const char *b)
{
	size_t lines = 0;
	for (;;) {
		while (*a == '#' || (a[0] == ' ' && a[1] == ' ' && a[2] == '#'))
			a = strchr(a, '\n') ? strchr(a, '\n') + 1 : a + strlen(a);
		while (*b == '#' || (b[0] == ' ' && b[1] == ' ' && b[2] == '#'))
			b = strchr(b, '\n') ? strchr(b, '\n') + 1 : b + strlen(b);
		if (*a == '\0' || *b == '\0')
			break;
		size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");
		if (la != lb || memcmp(a, b, la) != 0) {
			cr_log_error("dump line %zu: '%.*s' vs '%.*s'", lines, (int)la, a, (int)lb, b);
			return false;
		}
		a += la + (a[la] == '\n');
		b += lb + (b[lb] == '\n');
		lines++;
	}
	if (*a != '\0' || *b != '\0')
		cr_log_error("the dumps have different lengths (after line %zu)", lines);
	return *a == '\0' && *b == '\0' && lines > 0;
}

/* A dump re-loads into the same profile: dumping the re-loaded profile
 * gives the same text (renamed), and the same findings. */
static void dump_reload_compare(smkilint_profiles *orig, const char *name, const char *const *certs, size_t n_certs,
				size_t min_findings)
{
	const smkilint_profile *p = must_find(orig, name);
	char *first = renamed_dump(p);
	smkilint_profiles *copy = shipped_set(ctx, false);
	int rc = smkilint_profiles_load_string(copy, ctx, "dump", first, strlen(first));
	if (rc != 0)
		cr_log_error("%s", first);
	cr_assert(eq(int, rc, 0), "re-loading the dump of %s: %s", name, last_error(ctx));
	finalize_set(copy, ctx);
	char rt[96];
	snprintf(rt, sizeof(rt), "rt-%s", name);
	const smkilint_profile *q = must_find(copy, rt);
	char *second = NULL;
	cr_assert(eq(int, smkilint_profile_dump(&second, q), 0));
	cr_expect(same_dump(first, second), "the dump of the re-loaded %s differs", name);
	size_t total = 0;
	for (size_t k = 0; k < n_certs; k++) {
		smkilint_report *a = lint_file_with(ctx, p, certs[k]);
		smkilint_report *b = lint_file_with(ctx, q, certs[k]);
		cr_expect(eq(sz, smkilint_report_count(a), smkilint_report_count(b)), "%s on %s", name, certs[k]);
		for (size_t j = 0; j < smkilint_report_count(a) && j < smkilint_report_count(b); j++) {
			const smkilint_finding *fa = smkilint_report_finding(a, j), *fb = smkilint_report_finding(b, j);
			cr_expect(same_finding(fa, fb, name), "%s on %s: %s (%s) vs %s (%s)", name, certs[k], fa->lint,
				  fa->message, fb->lint, fb->message);
		}
		total += smkilint_report_count(a);
		smkilint_report_free(a);
		smkilint_report_free(b);
	}
	cr_expect(ge(sz, total, min_findings), "%s: %zu findings only", name, total);
	free(first);
	free(second);
	smkilint_profiles_free(copy);
}

Test(shipped, dump_is_stable, .init = setup, .fini = teardown)
{
	smkilint_profiles *orig = shipped_set(ctx, true);
	dump_reload_compare(orig, "smki-organisation", round_trip_certs,
			    sizeof(round_trip_certs) / sizeof(round_trip_certs[0]), 10);
	dump_reload_compare(orig, "smki-device-ka", round_trip_certs,
			    sizeof(round_trip_certs) / sizeof(round_trip_certs[0]), 10);
	smkilint_profiles_free(orig);
}

/* Every key of every check (tests/data/profiles/all-keys.yaml) survives
 * the dump. */
Test(shipped, dump_all_keys, .init = setup, .fini = teardown)
{
	smkilint_profiles *orig = shipped_set(ctx, false);
	cr_assert(eq(int, smkilint_profiles_load_file(orig, ctx, PROF_DATA "/all-keys.yaml", NULL), 0), "%s",
		  last_error(ctx));
	finalize_set(orig, ctx);
	const smkilint_profile *p = must_find(orig, "test-all-keys");
	cr_expect(eq(sz, p->n_rules, 32));
	/* the language's every rule key appears in the file's dump */
	char *text = NULL;
	cr_assert(eq(int, smkilint_profile_dump(&text, p), 0));
	static const char *const keys[] = {
		"version:", "positive:", "length:", "algorithm:", "parameters: absent", "parameters: null",
		"curve:", "point:", "on_curve:", "field: issuer", "empty:", "type:", "count:", "string_types:",
		"regex:", "bits:", "not_reserved:", "attributes:", "others:", "single_valued:", "not_after:",
		"not_before_type:", "not_after_type:", "max_lifetime_days:", "not_after_time_of_day:",
		"lifetime_seconds:", "ordered:", "equals:", "value:", "extension:", "presence:", "critical:",
		"extensions:", "oids:", "qualifiers:", "exactly:", "at_least:", "at_most:", "exactly_one_of:",
		"ca:", "path_len: absent", "path_len: {", "key_identifier:", "method:", "key_id_only:",
		"matches_ski:", "name_types:", "hw_module_name:", "hw_types: [", "hw_types: environment",
		"hw_serial_length:", "roles: [", "roles: environment", "forbidden_roles:", "role_key_usages:",
		"since:", "until:", "disabled: true", "description:", "key_usages:", "max_length:", "charset:",
		"case: upper", "not_entity_identifier: true",
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		cr_expect(ne(ptr, strstr(text, keys[i]), NULL), "the dump has no '%s'", keys[i]);
	free(text);
	static const char *const certs[] = {C_ORG, C_ORG_KA, C_D1, C_D9, C_DEV_DS, C_OCA, C_XMLSIGN};
	dump_reload_compare(orig, "test-all-keys", certs, sizeof(certs) / sizeof(certs[0]), 10);
	smkilint_profiles_free(orig);
}

/* Strings a user wrote come back quoted: a role key holding a quote and a
 * control character (fuzz_profile.repro/role-key-quote-dump-2026-12-07.yaml)
 * is dumped as a YAML escape, and the dump loads to the same role. */
Test(shipped, dump_quotes_role_keys, .init = setup, .fini = teardown)
{
	static const char doc[] = "profile: t-role-quote\n"
				  "rules:\n"
				  "  - id: smki.test.role_ku\n"
				  "    check: role_key_usage\n"
				  "    severity: error\n"
				  "    citation: test\n"
				  "    role_key_usages:\n"
				  "      \"\\x1c01\\\"\": [digitalSignature]\n";
	smkilint_profiles *set = NULL;
	cr_assert(eq(int, smkilint_profiles_new(&set), 0));
	cr_assert(eq(int, smkilint_profiles_load_string(set, ctx, "role-quote.yaml", doc, strlen(doc)), 0), "%s",
		  last_error(ctx));
	finalize_set(set, ctx);
	const smkilint_profile *p = must_find(set, "t-role-quote");
	cr_assert(eq(str, p->rules[0].role_ku[0].role, "\x1c" "01\""));
	char *text = NULL;
	cr_assert(eq(int, smkilint_profile_dump(&text, p), 0));
	cr_expect(ne(ptr, strstr(text, "\"\\x1c01\\\"\": [digitalSignature]"), NULL), "%s", text);
	smkilint_profiles *again = NULL;
	cr_assert(eq(int, smkilint_profiles_new(&again), 0));
	cr_assert(eq(int, smkilint_profiles_load_string(again, ctx, "dump.yaml", text, strlen(text)), 0),
		  "the dump does not load: %s\n%s", last_error(ctx), text);
	finalize_set(again, ctx);
	const smkilint_profile *q = must_find(again, "t-role-quote");
	cr_expect(eq(str, q->rules[0].role_ku[0].role, "\x1c" "01\""));
	free(text);
	smkilint_profiles_free(again);
	smkilint_profiles_free(set);
}

/* ------------------------------------------------------------ broken files */

enum stage {
	AT_LOAD,         /* smkilint_profiles_load_file fails */
	AT_FINALIZE,     /* loads, then finalize fails */
	AT_DIR_FINALIZE, /* the fixture is a folder: load_dir, then finalize fails */
	AT_NAMING,       /* smkilint_profiles_set_naming fails */
};

struct broken_case {
	const char *file; /* below tests/data/profiles/broken/ */
	enum stage stage;
	bool after_shipped;   /* load profiles/ first (for extends) */
	const char *where;    /* file the error names, below broken/ ("" = file) */
	const char *expected; /* "line:column: message" (a prefix of it) */
};

/* Lines and columns counted by hand in each fixture (both from 1). libfyaml
 * 0.7 gives marks only on scalar tokens: a mapping or a list is placed at its
 * first scalar (node_mark() in lib/profile_load.c): a rule at its first key,
 * a flow list at its first item. */
static const struct broken_case broken_cases[] = {
	{"unknown-top-key.yaml", AT_LOAD, false, "",
	 "4:1: unknown key 'rulez' (profile, description, kind, extends, opt_in, abstract, naming, rules)"},
	{"unknown-rule-key.yaml", AT_LOAD, false, "", "7:5: unknown key 'length' for check 'version'"},
	/* `severity: [error, warning]`: the list is marked at "error", column 16 */
	{"list-for-scalar.yaml", AT_LOAD, false, "", "8:16: severity must be a scalar"},
	/* an empty collection has no scalar at all: placed at the key naming it */
	{"empty-list-for-scalar.yaml", AT_LOAD, false, "", "8:5: severity must be a scalar"},
	{"empty-rule.yaml", AT_LOAD, false, "", "3:1: a rule needs an id"},
	/* libfyaml places a quoted scalar at its first character inside the
	 * quotes: `version: "three"` is at the t, column 15 */
	{"version-three.yaml", AT_LOAD, false, "", "5:15: version must be an integer, not 'three'"},
	{"bad-oid-letter.yaml", AT_LOAD, false, "",
	 "7:9: list item: '1.2.x' is neither a known name nor a dotted-decimal OID"},
	{"bad-oid-arc.yaml", AT_LOAD, false, "",
	 "6:16: algorithm: '3.1' is neither a known name nor a dotted-decimal OID"},
	{"bad-regex.yaml", AT_LOAD, false, "", "6:13: regex: bad regular expression '^[0-9A-F{2}$': "},
	{"unknown-extends.yaml", AT_FINALIZE, true, "", "2:10: extends unknown profile 'smki-organisaton'"},
	/* cycle-a loads first (names are sorted) and is resolved first: the cycle
	 * is found when cycle-b comes back to it, at cycle-b's extends */
	{"cycle", AT_DIR_FINALIZE, false, "cycle/cycle-b.yaml", "3:10: extends 'broken-cycle-a' makes a cycle"},
	/* the rule mapping is placed at its first key, `id` after "  - " */
	{"unknown-lint-id.yaml", AT_FINALIZE, true, "",
	 "8:5: unknown lint id 'rfc5280.aki.mising' (not a built-in lint, nor a rule of 'smki-organisation')"},
	{"missing-citation.yaml", AT_LOAD, false, "",
	 "3:5: rule smki.test.version: citation is required on every rule"},
	{"missing-severity.yaml", AT_LOAD, false, "", "3:5: rule smki.test.version: severity is required"},
	{"bad-severity.yaml", AT_LOAD, false, "",
	 "6:15: severity must be fatal, error, warning, notice or info, not 'critical'"},
	{"duplicate-rule-id.yaml", AT_LOAD, false, "", "15:5: rule id smki.test.version appears twice in this profile"},
	{"bad-since.yaml", AT_LOAD, false, "", "8:12: since must be a date YYYY-MM-DD, not '2024-13-01'"},
	/* the YAML library's own messages: at the second ':' of `version: 3: 4`,
	 * and, for a flow list never closed, at the end of the file (line 8) */
	{"yaml-syntax.yaml", AT_LOAD, false, "", "6:15: invalid nested block mapping on the same line"},
	{"yaml-unclosed.yaml", AT_LOAD, false, "", "8:1: flow sequence without a closing bracket"},
	{"empty.yaml", AT_LOAD, false, "",
	 "1:1: no YAML document (empty, or only comments): expected a mapping with a 'profile', 'environment' or "
	 "'naming' key"},
	{"naming-unknown-key.yaml", AT_NAMING, false, "",
	 "5:3: unknown key 'colour' in naming (id, severity, citation, default, roles, not_entity_identifier, "
	 "register)"},
	/* the error is in the register, not in the naming file that names it */
	{"naming-bad-register.yaml", AT_NAMING, false, "registers/bad-eui.yaml",
	 "4:1: '90-B3-D5-1F-30-01' is not an EUI-64 (16 hex digits)"},
	/* a register that is a list: placed at its first item (after "- ") */
	{"naming-list-register.yaml", AT_NAMING, false, "registers/a-list.yaml",
	 "2:3: a register is a mapping Entity Identifier -> list of names"},
	{"naming-missing-register.yaml", AT_NAMING, false, "",
	 "5:13: register 'registers/no-such-register.yaml': " PROF_DATA "/broken/registers/no-such-register.yaml: "
	 "No such file or directory"},
	{"env-unknown-key.yaml", AT_LOAD, false, "",
	 "6:1: unknown key 'hw_type' (environment, description, policies, hw_types, roles)"},
};
#define N_BROKEN (sizeof(broken_cases) / sizeof(broken_cases[0]))

ParameterizedTestParameters(broken, file)
{
	return cr_make_param_array(size_t, case_indexes(N_BROKEN), N_BROKEN, free_case_indexes);
}

ParameterizedTest(size_t *i, broken, file, .init = setup, .fini = teardown)
{
	const struct broken_case *bc = &broken_cases[*i];
	char path[512], where[512];
	snprintf(path, sizeof(path), "%s/broken/%s", PROF_DATA, bc->file);
	snprintf(where, sizeof(where), "%s/broken/%s", PROF_DATA, bc->where[0] ? bc->where : bc->file);
	smkilint_profiles *set = bc->after_shipped ? shipped_set(ctx, false) : NULL;
	if (set == NULL)
		cr_assert(eq(int, smkilint_profiles_new(&set), 0));
	int rc;
	switch (bc->stage) {
	case AT_LOAD: rc = smkilint_profiles_load_file(set, ctx, path, NULL); break;
	case AT_NAMING: rc = smkilint_profiles_set_naming(set, ctx, path); break;
	case AT_FINALIZE:
		cr_assert(eq(int, smkilint_profiles_load_file(set, ctx, path, NULL), 0), "%s", last_error(ctx));
		rc = smkilint_profiles_finalize(set, ctx);
		break;
	case AT_DIR_FINALIZE:
	default:
		cr_assert(eq(int, smkilint_profiles_load_dir(set, ctx, path), 0), "%s", last_error(ctx));
		rc = smkilint_profiles_finalize(set, ctx);
		break;
	}
	cr_expect(eq(int, rc, SMKILINT_EPROFILE), "%s: rc", bc->file);
	const smkilint_error_info *e = smkilint_ctx_last_error(ctx);
	cr_expect(eq(int, e->code, SMKILINT_EPROFILE));
	char want[1024];
	snprintf(want, sizeof(want), "%s:%s", where, bc->expected);
	cr_expect(eq(int, strncmp(e->message, want, strlen(want)), 0), "message\n  %s\nexpected to start with\n  %s",
		  e->message, want);
	smkilint_profiles_free(set);
}

/* A failed finalize leaves the set unusable: finalizing again fails again
 * (it must not take the half-resolved profiles for resolved ones). */
Test(broken, finalize_again_fails, .init = setup, .fini = teardown)
{
	smkilint_profiles *set;
	cr_assert(eq(int, smkilint_profiles_new(&set), 0));
	cr_assert(eq(int, smkilint_profiles_load_dir(set, ctx, PROF_DATA "/broken/cycle"), 0));
	cr_expect(eq(int, smkilint_profiles_finalize(set, ctx), SMKILINT_EPROFILE));
	cr_expect(eq(int, smkilint_profiles_finalize(set, ctx), SMKILINT_EPROFILE), "second finalize of a cycle");
	cr_expect(ne(ptr, strstr(last_error(ctx), "makes a cycle"), NULL), "%s", last_error(ctx));
	smkilint_profiles_free(set);

	set = shipped_set(ctx, false);
	cr_assert(eq(int, smkilint_profiles_load_file(set, ctx, PROF_DATA "/broken/unknown-lint-id.yaml", NULL), 0));
	cr_expect(eq(int, smkilint_profiles_finalize(set, ctx), SMKILINT_EPROFILE));
	cr_expect(eq(int, smkilint_profiles_finalize(set, ctx), SMKILINT_EPROFILE), "second finalize, unknown lint id");
	cr_expect(ne(ptr, strstr(last_error(ctx), "unknown lint id 'rfc5280.aki.mising'"), NULL), "%s",
		  last_error(ctx));
	/* and nothing can be linted with the set */
	const smkilint_profile *p = smkilint_profiles_find(set, "smki-organisation");
	cr_assert(ne(ptr, (void *)p, NULL));
	size_t len;
	uint8_t *der = read_pem_cert(C_ORG, &len);
	smkilint_report *r = NULL;
	cr_expect(eq(int, smkilint_lint_der(&r, ctx, p, der, len, "org", 0), SMKILINT_EINVAL));
	cr_expect(eq(ptr, r, NULL));
	free(der);
	smkilint_profiles_free(set);
}

/* A file that is not there is an I/O error, not a profile error. */
Test(broken, missing_file_is_eio, .init = setup, .fini = teardown)
{
	smkilint_profiles *set;
	cr_assert(eq(int, smkilint_profiles_new(&set), 0));
	const char *path = PROF_DATA "/broken/no-such-file.yaml";
	cr_expect(eq(int, smkilint_profiles_load_file(set, ctx, path, NULL), SMKILINT_EIO));
	cr_expect(eq(int, smkilint_ctx_last_error(ctx)->code, SMKILINT_EIO));
	cr_expect(eq(str, (char *)last_error(ctx), PROF_DATA "/broken/no-such-file.yaml: No such file or directory"));
	cr_expect(eq(int, smkilint_profiles_load_dir(set, ctx, PROF_DATA "/no-such-dir"), SMKILINT_EIO));
	/* a device or a directory is refused before it is read (/dev/zero would never end) */
	cr_expect(eq(int, smkilint_profiles_load_file(set, ctx, "/dev/zero", NULL), SMKILINT_EIO));
	cr_expect(eq(str, (char *)last_error(ctx), "/dev/zero: not a regular file"));
	cr_expect(eq(int, smkilint_profiles_load_file(set, ctx, PROF_DATA, NULL), SMKILINT_EIO));
	cr_expect(eq(str, (char *)last_error(ctx), PROF_DATA ": not a regular file"));
	smkilint_profiles_free(set);
}

/* Errors in text loaded from memory name the text's name. */
Test(broken, load_string_names_the_text, .init = setup, .fini = teardown)
{
	smkilint_profiles *set;
	cr_assert(eq(int, smkilint_profiles_new(&set), 0));
	const char *yaml = "profile: inline\n"
			   "rules:\n"
			   "  - id: smki.test.ku\n"
			   "    check: key_usage\n"
			   "    exactly: [digitalSignature, keyAgreemnt]\n"
			   "    severity: error\n"
			   "    citation: GBCS\n";
	cr_assert(
		eq(int, smkilint_profiles_load_string(set, ctx, "inline.yaml", yaml, strlen(yaml)), SMKILINT_EPROFILE));
	const char *want = "inline.yaml:5:33: unknown key usage 'keyAgreemnt'";
	cr_expect(eq(int, strncmp(last_error(ctx), want, strlen(want)), 0), "%s", last_error(ctx));
	smkilint_profiles_free(set);
}

/* ------------------------------------------------------------ environments */

static const struct smk_rule *policy_rule(const smkilint_profile *p)
{
	return rule_of(p, "smki.common.policy_oid_expected");
}

/* One rule on one certificate: its outcome, and the report it wrote into. */
static enum smk_status run_rule(const struct smk_rule *r, const smkilint_profile *p, const struct tcert *t,
				smkilint_report **out)
{
	smkilint_report *rep = smk_report_new("test", 0);
	cr_assert(ne(ptr, rep, NULL));
	enum smk_status st = smk_rule_run(r, p, &t->c, rep);
	*out = rep;
	return st;
}

Test(environments, unpinned_dcc_test_accepts_z1_policy, .init = setup, .fini = teardown)
{
	smkilint_profiles *set = shipped_set(ctx, true);
	const smkilint_profile *org = must_find(set, "smki-organisation");
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	smkilint_report *rep;
	cr_expect(eq(int, run_rule(policy_rule(org), org, &t, &rep), SMK_PASS));
	cr_expect(eq(sz, smkilint_report_count(rep), 0));
	smkilint_report_free(rep);
	/* and through the pipeline */
	rep = lint_der_with(ctx, org, t.der, t.len, "org");
	cr_expect(eq(sz, count_id(rep, "smki.common.policy_oid_expected"), 0));
	smkilint_report_free(rep);
	tcert_free(&t);
	smkilint_profiles_free(set);
}

Test(environments, pinned_gbcs_rtds_makes_z1_policy_an_error, .init = setup, .fini = teardown)
{
	smkilint_profiles *set = shipped_set(ctx, false);
	cr_assert(eq(int, smkilint_profiles_pin_environment(set, ctx, "gbcs-rtds"), 0), "%s", last_error(ctx));
	finalize_set(set, ctx);
	const smkilint_profile *org = must_find(set, "smki-organisation");
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	smkilint_report *rep;
	cr_expect(eq(int, run_rule(policy_rule(org), org, &t, &rep), SMK_FAIL));
	const smkilint_finding *f = the_finding(rep, "smki.common.policy_oid_expected");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_ERROR));
	cr_expect(eq(str, (char *)f->found, "1.2.826.0.1.8641679.1.2.1.4"));
	cr_expect(ne(ptr, strstr(f->expected, "environment gbcs-rtds"), NULL), "%s", f->expected);
	cr_expect(ne(ptr, strstr(f->expected, "1.2.826.0.1.1800000.1.2.1.4"), NULL), "%s", f->expected);
	cr_expect(eq(int, strncmp(f->path, "tbsCertificate.extensions[certificatePolicies]", 46), 0), "%s", f->path);
	smkilint_report_free(rep);
	/* the pipeline reports it too, under --profile auto */
	rep = lint_der_with(ctx, smkilint_profiles_auto(set), t.der, t.len, "org");
	f = the_finding(rep, "smki.common.policy_oid_expected");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_ERROR));
	smkilint_report_free(rep);
	tcert_free(&t);
	smkilint_profiles_free(set);
}

Test(environments, pinned_rtds_accepts_e357_device_policy, .init = setup, .fini = teardown)
{
	smkilint_profiles *set = shipped_set(ctx, false);
	cr_assert(eq(int, smkilint_profiles_pin_environment(set, ctx, "gbcs-rtds"), 0));
	finalize_set(set, ctx);
	const smkilint_profile *dev = must_find(set, "smki-device-ds");
	struct tcert t;
	tcert_file(&t, ctx, C_DEV_DS);
	smkilint_report *rep;
	cr_expect(eq(int, run_rule(policy_rule(dev), dev, &t, &rep), SMK_PASS));
	smkilint_report_free(rep);
	/* the RTDS hwType is in gbcs-rtds as well */
	cr_expect(eq(int, run_rule(rule_of(dev, "smki.device.hwtype_expected"), dev, &t, &rep), SMK_PASS));
	smkilint_report_free(rep);
	tcert_free(&t);
	smkilint_profiles_free(set);
}

/* The role set comes from the environment: gbcs-rtds has no 89 (DCC Boxed
 * DspXmlSign), dcc-test has it. */
Test(environments, pinned_roles, .init = setup, .fini = teardown)
{
	struct tcert t;
	tcert_file(&t, ctx, C_ORG_DSPXML);
	smkilint_report *rep;

	smkilint_profiles *set = shipped_set(ctx, true);
	const smkilint_profile *org = must_find(set, "smki-organisation");
	cr_expect(eq(int, run_rule(rule_of(org, "smki.org.subject_ou_role_allowed"), org, &t, &rep), SMK_PASS));
	smkilint_report_free(rep);
	smkilint_profiles_free(set);

	set = shipped_set(ctx, false);
	cr_assert(eq(int, smkilint_profiles_pin_environment(set, ctx, "gbcs-rtds"), 0));
	finalize_set(set, ctx);
	org = must_find(set, "smki-organisation");
	cr_expect(eq(int, run_rule(rule_of(org, "smki.org.subject_ou_role_allowed"), org, &t, &rep), SMK_FAIL));
	const smkilint_finding *f = the_finding(rep, "smki.org.subject_ou_role_allowed");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(str, (char *)f->found, "\"89\""));
	cr_expect(ne(ptr, strstr(f->expected, "(environment gbcs-rtds)"), NULL), "%s", f->expected);
	smkilint_report_free(rep);
	smkilint_profiles_free(set);
	tcert_free(&t);
}

/* Only a custom environment loaded (none of the shipped ones) and not
 * pinned: a policy of no loaded environment is a warning, not an error. */
Test(environments, unpinned_custom_only_is_a_warning, .init = setup, .fini = teardown)
{
	smkilint_profiles *set;
	cr_assert(eq(int, smkilint_profiles_new(&set), 0));
	cr_assert(eq(int, smkilint_profiles_load_dir(set, ctx, PROFILES_DIR "/smki"), 0), "%s", last_error(ctx));
	const char *name = NULL;
	cr_assert(eq(int, smkilint_profiles_load_file(set, ctx, PROF_DATA "/env/custom.yaml", &name), 0), "%s",
		  last_error(ctx));
	cr_expect(eq(str, (char *)name, "test-custom"));
	finalize_set(set, ctx);
	const smkilint_profile *org = must_find(set, "smki-organisation");
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	smkilint_report *rep;
	cr_expect(eq(int, run_rule(policy_rule(org), org, &t, &rep), SMK_FAIL));
	const smkilint_finding *f = the_finding(rep, "smki.common.policy_oid_expected");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_WARNING), "unpinned: at most a warning");
	cr_expect(ne(ptr, strstr(f->expected, "1.2.826.0.1.99999.1.2.1.4 (test-custom)"), NULL), "%s", f->expected);
	cr_expect(eq(ptr, strstr(f->expected, "environment test-custom"), NULL), "not pinned: %s", f->expected);
	smkilint_report_free(rep);
	smkilint_profiles_free(set);

	/* the same environment pinned (by file name): an error */
	cr_assert(eq(int, smkilint_profiles_new(&set), 0));
	cr_assert(eq(int, smkilint_profiles_load_dir(set, ctx, PROFILES_DIR), 0), "%s", last_error(ctx));
	cr_assert(eq(int, smkilint_profiles_pin_environment(set, ctx, PROF_DATA "/env/custom.yaml"), 0), "%s",
		  last_error(ctx));
	cr_assert(ne(ptr, (void *)set->pinned, NULL));
	cr_expect(eq(str, (char *)set->pinned->name, "test-custom"));
	finalize_set(set, ctx);
	org = must_find(set, "smki-organisation");
	cr_expect(eq(int, run_rule(policy_rule(org), org, &t, &rep), SMK_FAIL));
	f = the_finding(rep, "smki.common.policy_oid_expected");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_ERROR));
	smkilint_report_free(rep);
	smkilint_profiles_free(set);
	tcert_free(&t);
}

/* A profile file is not an environment: pinning it is refused. */
Test(environments, pin_a_profile_file_is_refused, .init = setup, .fini = teardown)
{
	smkilint_profiles *set = shipped_set(ctx, false);
	const char *path = PROFILES_DIR "/smki/organisation.yaml";
	cr_expect(eq(int, smkilint_profiles_pin_environment(set, ctx, path), SMKILINT_EPROFILE));
	cr_expect(ne(ptr, strstr(last_error(ctx), "this is a profile, not an environment file"), NULL), "%s",
		  last_error(ctx));
	cr_expect(eq(ptr, (void *)set->pinned, NULL));
	smkilint_profiles_free(set);
}

/* ------------------------------------------------------------ naming */

/* The forged Z1-style organisation certificate (CN GITTESTSUPPLIER, OU 02)
 * with keyAgreement instead of digitalSignature. */
static void forged_org_ka(struct tcert *t, const char *cn)
{
	struct fg *g = fg_new();
	struct fg_cert *c = fg_cert_new(g, FG_ORGANISATION);
	struct fg_node *ka = fg_bits(g, 3, "\x08", 1);
	fg_replace(c->doc, c->ext[FG_EXT_KU].inner, ka);
	c->ext[FG_EXT_KU].inner = ka;
	if (cn != NULL)
		fg_cert_set(c, &c->subject_cn, fg_str(g, 0x0c, cn));
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	tcert_bytes(t, ctx, der, len);
	fg_free(g);
}

static void forged_org_cn(struct tcert *t, const char *cn)
{
	struct fg *g = fg_new();
	struct fg_cert *c = fg_cert_new(g, FG_ORGANISATION);
	fg_cert_set(c, &c->subject_cn, fg_str(g, 0x0c, cn));
	size_t len;
	const uint8_t *der = fg_cert_der(c, &len);
	tcert_bytes(t, ctx, der, len);
	fg_free(g);
}

static enum smk_status run_naming(const struct smk_naming *nm, const struct tcert *t, smkilint_report **out)
{
	smkilint_report *rep = smk_report_new("test", 0);
	cr_assert(ne(ptr, rep, NULL));
	enum smk_status st = smk_naming_run(nm, &t->c, rep);
	*out = rep;
	return st;
}

Test(naming, default_passes_supplier_ds_cn, .init = setup, .fini = teardown)
{
	smkilint_profiles *set = shipped_set(ctx, true);
	const smkilint_profile *org = must_find(set, "smki-organisation");
	cr_assert(ne(ptr, org->naming, NULL));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	smkilint_report *rep;
	cr_expect(eq(int, run_naming(org->naming, &t, &rep), SMK_PASS));
	cr_expect(eq(sz, smkilint_report_count(rep), 0));
	smkilint_report_free(rep);
	tcert_free(&t);
	/* a KA certificate without a CN passes too */
	tcert_file(&t, ctx, C_ORG_KA);
	cr_expect(eq(int, run_naming(org->naming, &t, &rep), SMK_PASS));
	smkilint_report_free(rep);
	tcert_free(&t);
	smkilint_profiles_free(set);
}

Test(naming, default_flags_cn_on_ka, .init = setup, .fini = teardown)
{
	smkilint_profiles *set = shipped_set(ctx, true);
	const smkilint_profile *org = must_find(set, "smki-organisation");
	struct tcert t;
	forged_org_ka(&t, NULL);
	smkilint_report *rep;
	cr_expect(eq(int, run_naming(org->naming, &t, &rep), SMK_FAIL));
	const smkilint_finding *f = the_finding(rep, "smki.org.subject_cn_convention");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_WARNING));
	cr_expect(eq(str, (char *)f->expected, "no commonName"));
	cr_expect(eq(str, (char *)f->found, "\"GITTESTSUPPLIER\""));
	cr_expect(ne(ptr, strstr(f->message, "role 02 with keyAgreement"), NULL), "%s", f->message);
	cr_expect(ne(ptr, strstr(f->citation, "PROFILES.md"), NULL));
	smkilint_report_free(rep);
	/* the whole pipeline reports it under auto-detection */
	rep = lint_der_with(ctx, smkilint_profiles_auto(set), t.der, t.len, "forged-ka");
	cr_expect(eq(str, (char *)smkilint_report_profile(rep), "smki-organisation"));
	cr_expect(ne(ptr, (void *)the_finding(rep, "smki.org.subject_cn_convention"), NULL));
	smkilint_report_free(rep);
	tcert_free(&t);
	smkilint_profiles_free(set);
}

/* --naming with a strict convention changes the verdict on the same
 * certificate. */
Test(naming, strict_convention_changes_verdict, .init = setup, .fini = teardown)
{
	smkilint_profiles *set = shipped_set(ctx, false);
	cr_assert(eq(int, smkilint_profiles_set_naming(set, ctx, NAMING_DATA "/strict-ltd.yaml"), 0), "%s",
		  last_error(ctx));
	finalize_set(set, ctx);
	cr_assert(ne(ptr, set->naming, NULL));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	smkilint_report *rep;
	cr_expect(eq(int, run_naming(set->naming, &t, &rep), SMK_FAIL));
	smkilint_report_free(rep);
	rep = lint_der_with(ctx, smkilint_profiles_auto(set), t.der, t.len, "org");
	cr_expect(eq(str, (char *)smkilint_report_profile(rep), "smki-organisation"));
	const smkilint_finding *f = the_finding(rep, "smki.org.subject_cn_convention");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_ERROR), "the strict file says error");
	cr_expect(eq(str, (char *)f->expected, "matching /^[A-Z]+ LTD$/"));
	cr_expect(eq(str, (char *)f->found, "\"GITTESTSUPPLIER\""));
	cr_expect(eq(str, (char *)f->citation, "Test convention: registered company names (tests/data/naming)"));
	cr_expect(ne(ptr, strstr(f->path, "subject"), NULL), "%s", f->path);
	smkilint_report_free(rep);
	tcert_free(&t);
	/* and a name that fits passes */
	forged_org_cn(&t, "GITTEST LTD");
	cr_expect(eq(int, run_naming(set->naming, &t, &rep), SMK_PASS));
	cr_expect(eq(sz, smkilint_report_count(rep), 0));
	smkilint_report_free(rep);
	tcert_free(&t);
	smkilint_profiles_free(set);
}

Test(naming, register_lists_the_name, .init = setup, .fini = teardown)
{
	smkilint_profiles *set = shipped_set(ctx, false);
	cr_assert(eq(int, smkilint_profiles_set_naming(set, ctx, NAMING_DATA "/register-ok.yaml"), 0), "%s",
		  last_error(ctx));
	finalize_set(set, ctx);
	cr_assert(eq(sz, set->naming->n_reg, 2));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	smkilint_report *rep;
	cr_expect(eq(int, run_naming(set->naming, &t, &rep), SMK_PASS));
	cr_expect(eq(sz, smkilint_report_count(rep), 0));
	smkilint_report_free(rep);
	tcert_free(&t);
	smkilint_profiles_free(set);
}

Test(naming, register_lists_another_name, .init = setup, .fini = teardown)
{
	smkilint_profiles *set = shipped_set(ctx, false);
	cr_assert(eq(int, smkilint_profiles_set_naming(set, ctx, NAMING_DATA "/register-other.yaml"), 0), "%s",
		  last_error(ctx));
	finalize_set(set, ctx);
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	smkilint_report *rep;
	cr_expect(eq(int, run_naming(set->naming, &t, &rep), SMK_FAIL));
	const smkilint_finding *f = the_finding(rep, "smki.org.subject_cn_convention");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(str, (char *)f->found, "\"GITTESTSUPPLIER\""));
	cr_expect(ne(ptr, strstr(f->expected, "one of GITTEST SUPPLIER LTD, GTS (register "), NULL), "%s", f->expected);
	cr_expect(ne(ptr, strstr(f->expected, "registers/other-names.yaml"), NULL), "%s", f->expected);
	cr_expect(ne(ptr, strstr(f->message, "90b3d51f30010000"), NULL), "%s", f->message);
	smkilint_report_free(rep);
	tcert_free(&t);
	/* an Entity Identifier the register does not list at all */
	tcert_file(&t, ctx, C_D9); /* OU 7F, EUI 00db123456780004, no CN: nothing to check */
	cr_expect(eq(int, run_naming(set->naming, &t, &rep), SMK_PASS));
	smkilint_report_free(rep);
	tcert_free(&t);
	smkilint_profiles_free(set);
}

Test(naming, register_misses_the_entity, .init = setup, .fini = teardown)
{
	smkilint_profiles *set = shipped_set(ctx, false);
	cr_assert(eq(int, smkilint_profiles_set_naming(set, ctx, NAMING_DATA "/register-other.yaml"), 0), "%s",
		  last_error(ctx));
	finalize_set(set, ctx);
	struct tcert t;
	/* D1 cert: OU 7F, CN MDR, EUI 90b3d51f30010009, which the register lacks */
	tcert_file(&t, ctx, C_D1);
	smkilint_report *rep;
	cr_expect(eq(int, run_naming(set->naming, &t, &rep), SMK_FAIL));
	const smkilint_finding *f = the_finding(rep, "smki.org.subject_cn_convention");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(str, (char *)f->found, "90b3d51f30010009"));
	cr_expect(ne(ptr, strstr(f->expected, "an Entity Identifier listed in"), NULL), "%s", f->expected);
	smkilint_report_free(rep);
	tcert_free(&t);
	smkilint_profiles_free(set);
}

Test(naming, not_entity_identifier, .init = setup, .fini = teardown)
{
	smkilint_profiles *set;
	cr_assert(eq(int, smkilint_profiles_new(&set), 0));
	cr_assert(eq(int, smkilint_profiles_set_naming(set, ctx, NAMING_DATA "/entity-id-forbidden.yaml"), 0), "%s",
		  last_error(ctx));
	const struct smk_naming *forbid = set->naming;
	cr_assert(eq(int, smkilint_profiles_set_naming(set, ctx, NAMING_DATA "/entity-id-allowed.yaml"), 0), "%s",
		  last_error(ctx));
	const struct smk_naming *allow = set->naming;
	cr_assert(ne(ptr, (void *)forbid, (void *)allow));
	cr_expect(forbid->not_entity_identifier);
	cr_expect(not(allow->not_entity_identifier));
	struct tcert t;
	/* the certificate's own EUI, written with dashes and in upper case */
	forged_org_cn(&t, "90-B3-D5-1F-30-01-00-00");
	smkilint_report *rep;
	cr_expect(eq(int, run_naming(forbid, &t, &rep), SMK_FAIL));
	const smkilint_finding *f = the_finding(rep, "test.naming.cn");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(str, (char *)f->expected, "a name, not the Entity Identifier"));
	cr_expect(eq(str, (char *)f->found, "\"90-B3-D5-1F-30-01-00-00\""));
	cr_expect(eq(int, f->severity, SMKILINT_SEV_NOTICE));
	smkilint_report_free(rep);
	cr_expect(eq(int, run_naming(allow, &t, &rep), SMK_PASS));
	smkilint_report_free(rep);
	tcert_free(&t);
	/* another EUI in the CN is not the certificate's own */
	forged_org_cn(&t, "90B3D51F30010001");
	cr_expect(eq(int, run_naming(forbid, &t, &rep), SMK_PASS));
	smkilint_report_free(rep);
	tcert_free(&t);
	smkilint_profiles_free(set);
}

/* ------------------------------------------------------------ tightening */

Test(tightening, raise_validity_max_to_error, .init = setup, .fini = teardown)
{
	smkilint_profiles *set = shipped_set(ctx, false);
	cr_assert(eq(int, smkilint_profiles_load_file(set, ctx, PROF_DATA "/tight/org-strict.yaml", NULL), 0), "%s",
		  last_error(ctx));
	finalize_set(set, ctx);
	const smkilint_profile *base = must_find(set, "smki-organisation");
	const smkilint_profile *strict = must_find(set, "test-org-strict");
	/* the XML-signing certificate lives 100 years */
	smkilint_report *a = lint_file_with(ctx, base, C_XMLSIGN);
	smkilint_report *b = lint_file_with(ctx, strict, C_XMLSIGN);
	const smkilint_finding *fa = the_finding(a, "smki.org.validity_max");
	const smkilint_finding *fb = the_finding(b, "smki.org.validity_max");
	cr_assert(ne(ptr, (void *)fa, NULL));
	cr_assert(ne(ptr, (void *)fb, NULL));
	cr_expect(eq(int, fa->severity, SMKILINT_SEV_WARNING));
	cr_expect(eq(int, fb->severity, SMKILINT_SEV_ERROR));
	/* only the severity changed: same place, same values, the base citation */
	cr_expect(eq(str, (char *)fa->expected, (char *)fb->expected));
	cr_expect(eq(str, (char *)fa->found, "36524 days"));
	cr_expect(eq(str, (char *)fa->citation, (char *)fb->citation));
	cr_expect(eq(sz, fa->offset, fb->offset));
	smkilint_report_free(a);
	smkilint_report_free(b);
	/* auto-detection never picks the opt-in profile */
	a = lint_file_with(ctx, smkilint_profiles_auto(set), C_XMLSIGN);
	cr_expect(eq(str, (char *)smkilint_report_profile(a), "smki-organisation"));
	smkilint_report_free(a);
	smkilint_profiles_free(set);
}

Test(tightening, pin_policy_list_and_lifetime, .init = setup, .fini = teardown)
{
	smkilint_profiles *set = shipped_set(ctx, false);
	cr_assert(eq(int, smkilint_profiles_load_file(set, ctx, PROF_DATA "/tight/org-strict.yaml", NULL), 0), "%s",
		  last_error(ctx));
	finalize_set(set, ctx);
	const smkilint_profile *strict = must_find(set, "test-org-strict");
	/* the pinned policy list is a rule of its own, with the file's citation */
	const struct smk_rule *pin = rule_of(strict, "test.org.policy_pinned");
	cr_expect(eq(str, (char *)pin->file, PROF_DATA "/tight/org-strict.yaml"));
	struct tcert t;
	tcert_file(&t, ctx, C_ORG);
	smkilint_report *rep = smk_report_new("t", 0);
	cr_expect(eq(int, smk_rule_run(pin, strict, &t.c, rep), SMK_FAIL), "the Z1 test policy is not pinned");
	const smkilint_finding *f = the_finding(rep, "test.org.policy_pinned");
	cr_assert(ne(ptr, (void *)f, NULL));
	cr_expect(eq(str, (char *)f->found, "1.2.826.0.1.8641679.1.2.1.4"));
	cr_expect(eq(str, (char *)f->expected, "one of 1.2.826.0.1.99999.1.2.1.4"));
	cr_expect(eq(str, (char *)f->citation, "Test: a live policy OID pinned in a profile"));
	smkilint_report_free(rep);
	/* the inherited rule is still there and still passes */
	rep = smk_report_new("t", 0);
	cr_expect(eq(int, smk_rule_run(rule_of(strict, "smki.org.subject_ou_hex2"), strict, &t.c, rep), SMK_PASS));
	smkilint_report_free(rep);
	tcert_free(&t);
	smkilint_profiles_free(set);
}

/* A profile that does not extend smki-common, where the built-in lint
 * rfc5758.ecdsa.params_present is on, and one switching it off. */
Test(tightening, disable_builtin_lint, .init = setup, .fini = teardown)
{
	smkilint_profiles *set = shipped_set(ctx, false);
	load_text(set, ctx, "bare.yaml",
		  "profile: test-bare\n"
		  "opt_in: true\n"
		  "rules: []\n");
	load_text(set, ctx, "bare-off.yaml",
		  "profile: test-bare-off\n"
		  "opt_in: true\n"
		  "rules:\n"
		  "  - id: rfc5758.ecdsa.params_present\n"
		  "    disabled: true\n");
	/* and the other way round: smki-organisation has it off, this turns it on */
	load_text(set, ctx, "org-on.yaml",
		  "profile: test-org-builtin-on\n"
		  "extends: smki-organisation\n"
		  "opt_in: true\n"
		  "rules:\n"
		  "  - id: rfc5758.ecdsa.params_present\n"
		  "    disabled: false\n"
		  "    severity: warning\n");
	finalize_set(set, ctx);
	struct {
		const char *profile;
		size_t want;
	} cases[] = {
		{NULL, 2}, {"test-bare", 2}, {"test-bare-off", 0}, {"smki-organisation", 0}, {"test-org-builtin-on", 2},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const smkilint_profile *p = cases[i].profile ? must_find(set, cases[i].profile) : NULL;
		smkilint_report *rep = lint_file_with(ctx, p, C_D1);
		/* both AlgorithmIdentifiers of D1 carry NULL parameters */
		cr_expect(eq(sz, count_id(rep, "rfc5758.ecdsa.params_present"), cases[i].want), "profile %s",
			  cases[i].profile ? cases[i].profile : "(none)");
		if (cases[i].profile != NULL && strcmp(cases[i].profile, "test-org-builtin-on") == 0) {
			for (size_t k = 0; k < smkilint_report_count(rep); k++) {
				const smkilint_finding *f = smkilint_report_finding(rep, k);
				if (strcmp(f->lint, "rfc5758.ecdsa.params_present") == 0)
					cr_expect(eq(int, f->severity, SMKILINT_SEV_WARNING));
			}
		}
		/* the SMKI rule saying the same is there whenever the profile is SMKI */
		if (cases[i].profile != NULL && strncmp(cases[i].profile, "test-bare", 9) != 0)
			cr_expect(eq(sz, count_id(rep, "smki.common.sig_alg_params_absent"), 2));
		smkilint_report_free(rep);
	}
	smkilint_profiles_free(set);
}
