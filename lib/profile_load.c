/*
 * Loading profiles, environments and naming conventions from YAML (or JSON,
 * which is YAML) with libfyaml. Every error names file:line:column from the
 * node's mark. Unknown keys, wrong types, bad OIDs and regexes, unknown lint
 * ids and unknown `extends` are rejected. The language is documented in
 * docs/profiles.md; keep the two in step.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <libfyaml.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "profile.h"
#include "textbuf.h"
#include "yaml.h"

struct ld {
	smkilint_ctx *ctx;
	struct smkilint_profiles *set;
	struct smk_arena *a;
	const char *file;
	int rc;
};

/* An empty collection ([] or {}) holds no scalar: it is placed at the key
 * that names it (through the lists holding it), not at 1:1. */
static const struct fy_mark *node_mark(struct fy_node *n)
{
	const struct fy_mark *m = smk_yaml_first_scalar_mark(n);
	for (int depth = 0; m == NULL && n != NULL && depth < 64; depth++) {
		struct fy_node *parent = fy_node_get_parent(n);
		if (parent != NULL && fy_node_is_mapping(parent)) {
			void *it = NULL;
			struct fy_node_pair *p;
			while (m == NULL && (p = fy_node_mapping_iterate(parent, &it)) != NULL)
				if (fy_node_pair_value(p) == n)
					m = smk_yaml_first_scalar_mark(fy_node_pair_key(p));
		}
		n = parent;
	}
	return m;
}
#define fy_node_get_start_mark node_mark

static int fail_at(struct ld *l, struct fy_node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail_at(struct ld *l, struct fy_node *n, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	const struct fy_mark *m = n != NULL ? fy_node_get_start_mark(n) : NULL;
	if (m != NULL)
		smk_ctx_set_error(l->ctx, SMKILINT_EPROFILE, "%s:%d:%d: %s", l->file, m->line + 1, m->column + 1, msg);
	else
		smk_ctx_set_error(l->ctx, SMKILINT_EPROFILE, "%s:1:1: %s", l->file, msg);
	l->rc = SMKILINT_EPROFILE;
	return SMKILINT_EPROFILE;
}

/* ------------------------------------------------------------ scalars */

static const char *scalar(struct ld *l, struct fy_node *n, const char *what)
{
	if (n == NULL || !fy_node_is_scalar(n)) {
		fail_at(l, n, "%s must be a scalar", what);
		return NULL;
	}
	size_t len;
	const char *s = fy_node_get_scalar(n, &len);
	if (s == NULL)
		return NULL;
	return smk_strndup(l->a, s, len);
}

/* get_bool, get_long and get_enum set *out on error too (false, lo, 0): the
 * k_* callers store it before looking at the return code. */
static int get_bool(struct ld *l, struct fy_node *n, const char *what, bool *out)
{
	*out = false;
	const char *s = scalar(l, n, what);
	if (s == NULL)
		return l->rc;
	if (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0)
		*out = true;
	else if (strcmp(s, "false") == 0 || strcmp(s, "no") == 0)
		*out = false;
	else
		return fail_at(l, n, "%s must be true or false, not '%s'", what, s);
	return 0;
}

static int get_long(struct ld *l, struct fy_node *n, const char *what, long lo, long hi, long *out)
{
	*out = lo;
	const char *s = scalar(l, n, what);
	if (s == NULL)
		return l->rc;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0)
		return fail_at(l, n, "%s must be an integer, not '%s'", what, s);
	if (v < lo || v > hi)
		return fail_at(l, n, "%s must be between %ld and %ld, not %ld", what, lo, hi, v);
	*out = v;
	return 0;
}

static bool oid_valid(const char *s)
{
	/* dotted decimal, at least two arcs, first arc 0..2 */
	int arcs = 0;
	const char *p = s;
	if (!(p[0] >= '0' && p[0] <= '2'))
		return false;
	while (*p) {
		if (!isdigit((unsigned char)*p))
			return false;
		if (p[0] == '0' && isdigit((unsigned char)p[1]))
			return false;
		while (isdigit((unsigned char)*p))
			p++;
		arcs++;
		if (*p == '.') {
			p++;
			if (*p == '\0')
				return false;
		} else if (*p != '\0') {
			return false;
		}
	}
	return arcs >= 2;
}

/* An OID given by name (from our table) or dotted. */
static const char *get_named_oid(struct ld *l, struct fy_node *n, const char *what)
{
	const char *s = scalar(l, n, what);
	if (s == NULL)
		return NULL;
	static const struct {
		const char *alias;
		enum smk_oid id;
	} aliases[] = {
		{"CN", SMK_OID_AT_CN}, {"OU", SMK_OID_AT_OU}, {"O", SMK_OID_AT_O}, {"C", SMK_OID_AT_C},
		{"SKI", SMK_OID_EXT_SKI}, {"AKI", SMK_OID_EXT_AKI}, {"SAN", SMK_OID_EXT_SAN},
	};
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(s, aliases[i].alias) == 0)
			return smk_oid_info(aliases[i].id)->dotted;
	for (int i = 1; i < SMK_OID_COUNT; i++)
		if (strcmp(smk_oid_info((enum smk_oid)i)->name, s) == 0)
			return smk_oid_info((enum smk_oid)i)->dotted;
	if (oid_valid(s))
		return s;
	fail_at(l, n, "%s: '%s' is neither a known name nor a dotted-decimal OID", what, s);
	return NULL;
}

static int get_range(struct ld *l, struct fy_node *n, const char *what, long lo, long hi, struct smk_range *r)
{
	r->set = true;
	if (fy_node_is_scalar(n)) {
		long v;
		if (get_long(l, n, what, lo, hi, &v) != 0)
			return l->rc;
		r->min = r->max = v;
		return 0;
	}
	if (!fy_node_is_mapping(n))
		return fail_at(l, n, "%s must be an integer or a mapping {min, max}", what);
	r->min = lo;
	r->max = hi;
	void *it = NULL;
	struct fy_node_pair *p;
	while ((p = fy_node_mapping_iterate(n, &it)) != NULL) {
		const char *k = scalar(l, fy_node_pair_key(p), "key");
		if (k == NULL)
			return l->rc;
		long *dst = strcmp(k, "min") == 0 ? &r->min : strcmp(k, "max") == 0 ? &r->max : NULL;
		if (dst == NULL)
			return fail_at(l, fy_node_pair_key(p), "unknown key '%s' in %s (min, max)", k, what);
		if (get_long(l, fy_node_pair_value(p), what, lo, hi, dst) != 0)
			return l->rc;
	}
	if (r->min > r->max)
		return fail_at(l, n, "%s: min %ld is greater than max %ld", what, r->min, r->max);
	return 0;
}

typedef int (*item_fn)(struct ld *l, struct fy_node *item, void *ctx, size_t i);

static int each_item(struct ld *l, struct fy_node *n, const char *what, size_t *count, item_fn fn, void *ctx)
{
	if (n == NULL || !fy_node_is_sequence(n))
		return fail_at(l, n, "%s must be a list", what);
	*count = (size_t)fy_node_sequence_item_count(n);
	void *it = NULL;
	struct fy_node *item;
	size_t i = 0;
	while ((item = fy_node_sequence_iterate(n, &it)) != NULL)
		if (fn(l, item, ctx, i++) != 0)
			return l->rc;
	return 0;
}

static int oid_item(struct ld *l, struct fy_node *item, void *ctx, size_t i)
{
	struct smk_oid_list *list = ctx;
	list->oid[i] = get_named_oid(l, item, "list item");
	return list->oid[i] != NULL ? 0 : l->rc;
}

static int get_oid_list(struct ld *l, struct fy_node *n, const char *what, struct smk_oid_list *list)
{
	if (n == NULL || !fy_node_is_sequence(n))
		return fail_at(l, n, "%s must be a list", what);
	list->n = (size_t)fy_node_sequence_item_count(n);
	list->oid = smk_alloc(l->a, (list->n + 1) * sizeof(*list->oid));
	if (list->oid == NULL)
		return SMKILINT_ENOMEM;
	size_t count;
	return each_item(l, n, what, &count, oid_item, list);
}

static int str_item(struct ld *l, struct fy_node *item, void *ctx, size_t i)
{
	const char **arr = ctx;
	arr[i] = scalar(l, item, "list item");
	return arr[i] != NULL ? 0 : l->rc;
}

static int get_str_list(struct ld *l, struct fy_node *n, const char *what, const char ***out, size_t *count)
{
	if (n == NULL || !fy_node_is_sequence(n))
		return fail_at(l, n, "%s must be a list", what);
	size_t c = (size_t)fy_node_sequence_item_count(n);
	*out = smk_alloc(l->a, (c + 1) * sizeof(**out));
	if (*out == NULL)
		return SMKILINT_ENOMEM;
	return each_item(l, n, what, count, str_item, *out);
}

static int get_enum(struct ld *l, struct fy_node *n, const char *what, const char *const *names, int *out)
{
	*out = 0;
	const char *s = scalar(l, n, what);
	if (s == NULL)
		return l->rc;
	char choices[256] = "";
	for (int i = 0; names[i] != NULL; i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = i;
			return 0;
		}
		snprintf(choices + strlen(choices), sizeof(choices) - strlen(choices), "%s%s", i ? ", " : "",
			 names[i]);
	}
	return fail_at(l, n, "%s must be one of %s, not '%s'", what, choices, s);
}

/* The set owns the compiled regexes (freed with it); on failure re is freed. */
static int keep_regex(struct smkilint_profiles *set, regex_t *re)
{
	if (set->n_regexes == set->cap_regexes) {
		size_t cap = set->cap_regexes ? 2 * set->cap_regexes : 16;
		regex_t **r = realloc(set->regexes, cap * sizeof(*r));
		if (r == NULL) {
			regfree(re);
			free(re);
			return SMKILINT_ENOMEM;
		}
		set->regexes = r;
		set->cap_regexes = cap;
	}
	set->regexes[set->n_regexes++] = re;
	return 0;
}

/* cflags: REG_NOSUB when only "does it match" is asked. */
static int get_regex_flags(struct ld *l, struct fy_node *n, const char *what, int cflags, regex_t **out,
			   const char **src)
{
	const char *s = scalar(l, n, what);
	if (s == NULL)
		return l->rc;
	regex_t *re = calloc(1, sizeof(*re));
	if (re == NULL)
		return SMKILINT_ENOMEM;
	int rc = regcomp(re, s, REG_EXTENDED | cflags);
	if (rc != 0) {
		char why[128];
		regerror(rc, re, why, sizeof(why));
		free(re);
		return fail_at(l, n, "%s: bad regular expression '%s': %s", what, s, why);
	}
	if (keep_regex(l->set, re) != 0)
		return SMKILINT_ENOMEM;
	*out = re;
	*src = s;
	return 0;
}

static int get_regex(struct ld *l, struct fy_node *n, const char *what, regex_t **out, const char **src)
{
	return get_regex_flags(l, n, what, REG_NOSUB, out, src);
}

static const char *const string_type_names[] = {"utf8", "printable", "ia5", "teletex", "bmp", "universal",
						"bitstring", NULL};
static const unsigned string_type_bits[] = {SMK_ST_UTF8, SMK_ST_PRINTABLE, SMK_ST_IA5, SMK_ST_TELETEX,
					    SMK_ST_BMP, SMK_ST_UNIVERSAL, SMK_ST_BITSTRING};

static int string_type_item(struct ld *l, struct fy_node *item, void *ctx, size_t i)
{
	(void)i;
	int k;
	if (get_enum(l, item, "string type", string_type_names, &k) != 0)
		return l->rc;
	*(unsigned *)ctx |= string_type_bits[k];
	return 0;
}

static int get_string_types(struct ld *l, struct fy_node *n, unsigned *out)
{
	size_t count;
	*out = 0;
	return each_item(l, n, "string_types", &count, string_type_item, out);
}

static int ku_item(struct ld *l, struct fy_node *item, void *ctx, size_t i)
{
	(void)i;
	const char *s = scalar(l, item, "key usage");
	if (s == NULL)
		return l->rc;
	int bit = smk_ku_bit_parse(s);
	if (bit < 0)
		return fail_at(l, item, "unknown key usage '%s' (digitalSignature, nonRepudiation, keyEncipherment, "
				   "dataEncipherment, keyAgreement, keyCertSign, cRLSign, encipherOnly, decipherOnly)", s);
	*(uint32_t *)ctx |= 1u << bit;
	return 0;
}

static int get_ku_bits(struct ld *l, struct fy_node *n, const char *what, uint32_t *out)
{
	size_t count;
	*out = 0;
	return each_item(l, n, what, &count, ku_item, out);
}

/* ------------------------------------------------------------ rules */

static const char *const check_names[CK_COUNT + 1] = {
	[CK_LINT] = "lint", [CK_VERSION] = "version", [CK_SERIAL] = "serial",
	[CK_SIGNATURE_ALGORITHM] = "signature_algorithm", [CK_KEY] = "key", [CK_NAME_EMPTY] = "name_empty",
	[CK_NAME_ATTRIBUTE] = "name_attribute", [CK_NAME_LAYOUT] = "name_layout", [CK_ROLE] = "role",
	[CK_ROLE_KEY_USAGE] = "role_key_usage", [CK_VALIDITY] = "validity",
	[CK_EXTENSION_PRESENCE] = "extension_presence", [CK_EXTENSION_CRITICAL] = "extension_critical",
	[CK_ONLY_LISTED_EXTENSIONS] = "only_listed_extensions", [CK_KEY_USAGE] = "key_usage",
	[CK_BASIC_CONSTRAINTS] = "basic_constraints", [CK_KEY_IDENTIFIER] = "key_identifier",
	[CK_POLICIES] = "policies", [CK_SUBJECT_ALT_NAME] = "subject_alt_name", [CK_SELF_SIGNED] = "self_signed",
	[CK_COUNT] = NULL,
};

#define B(ck) (1u << (ck))
#define ALL_CHECKS 0xffffffffu

struct rule_key {
	const char *key;
	uint32_t checks;
	int (*parse)(struct ld *l, struct fy_node *v, struct smk_rule *r);
};

static int k_version(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	long x;
	int rc = get_long(l, v, "version", 1, 3, &x);
	r->version = (int)x;
	return rc;
}
static int k_positive(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	return get_bool(l, v, "positive", &r->positive);
}
static int k_length(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	return get_range(l, v, "length", 0, 1L << 20, &r->length);
}
static int k_algorithm(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	r->oid = get_named_oid(l, v, "algorithm");
	return r->oid ? 0 : l->rc;
}
static int k_parameters(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	static const char *const names[] = {"any", "absent", "null", NULL};
	int k;
	int rc = get_enum(l, v, "parameters", names, &k);
	r->params = (enum smk_params_rule)k;
	return rc;
}
static int k_curve(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	r->curve = get_named_oid(l, v, "curve");
	return r->curve ? 0 : l->rc;
}
static int k_point(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	static const char *const names[] = {"any", "uncompressed", NULL};
	int k;
	int rc = get_enum(l, v, "point", names, &k);
	r->uncompressed = k == 1;
	return rc;
}
static int k_on_curve(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	return get_bool(l, v, "on_curve", &r->on_curve);
}
static int k_field(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	static const char *const names[] = {"subject", "issuer", NULL};
	int k;
	int rc = get_enum(l, v, "field", names, &k);
	r->field = (enum smk_field)k;
	return rc;
}
static int k_empty(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	return get_bool(l, v, "empty", &r->empty);
}
static int k_type(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	const char *s = scalar(l, v, "type");
	if (s != NULL && strcmp(s, "any") == 0) {
		r->oid = NULL;
		return 0;
	}
	r->oid = get_named_oid(l, v, "type");
	return r->oid ? 0 : l->rc;
}
static int k_count(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	return get_range(l, v, "count", 0, 100000, &r->count);
}
static int k_string_types(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	return get_string_types(l, v, &r->string_types);
}
static int k_regex(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	return get_regex(l, v, "regex", &r->regex, &r->regex_src);
}
static int k_bits(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	long x;
	int rc = get_long(l, v, "bits", 1, 1 << 16, &x);
	r->bits = (int)x;
	return rc;
}
static int k_not_reserved(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	return get_bool(l, v, "not_reserved", &r->not_reserved);
}

static int layout_item(struct ld *l, struct fy_node *item, void *ctx, size_t i)
{
	struct smk_rule *r = ctx;
	struct smk_layout_item *li = &r->layout[i];
	if (fy_node_is_scalar(item)) {
		li->oid = get_named_oid(l, item, "attribute");
		return li->oid ? 0 : l->rc;
	}
	if (!fy_node_is_mapping(item))
		return fail_at(l, item, "attributes items must be a type or a mapping {type, optional}");
	void *it = NULL;
	struct fy_node_pair *p;
	while ((p = fy_node_mapping_iterate(item, &it)) != NULL) {
		const char *k = scalar(l, fy_node_pair_key(p), "key");
		if (k == NULL)
			return l->rc;
		if (strcmp(k, "type") == 0)
			li->oid = get_named_oid(l, fy_node_pair_value(p), "type");
		else if (strcmp(k, "optional") == 0)
			get_bool(l, fy_node_pair_value(p), "optional", &li->optional);
		else
			return fail_at(l, fy_node_pair_key(p), "unknown key '%s' in an attributes item (type, optional)",
				       k);
		if (l->rc)
			return l->rc;
	}
	if (li->oid == NULL)
		return fail_at(l, item, "attributes item needs a type");
	return 0;
}
static int k_attributes(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	if (!fy_node_is_sequence(v))
		return fail_at(l, v, "attributes must be a list");
	r->n_layout = (size_t)fy_node_sequence_item_count(v);
	r->layout = smk_alloc(l->a, (r->n_layout + 1) * sizeof(*r->layout));
	if (r->layout == NULL)
		return SMKILINT_ENOMEM;
	size_t count;
	return each_item(l, v, "attributes", &count, layout_item, r);
}
static int k_others(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	static const char *const names[] = {"allowed", "forbidden", NULL};
	int k;
	int rc = get_enum(l, v, "others", names, &k);
	r->others_forbidden = k == 1;
	return rc;
}
static int k_single_valued(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	return get_bool(l, v, "single_valued", &r->single_valued);
}
static int k_not_after(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	r->not_after = scalar(l, v, "not_after");
	return r->not_after ? 0 : l->rc;
}
static int time_type(struct ld *l, struct fy_node *v, const char *what, uint8_t *out)
{
	static const char *const names[] = {"utctime", "generalizedtime", NULL};
	int k;
	int rc = get_enum(l, v, what, names, &k);
	*out = k == 0 ? 0x17 : 0x18;
	return rc;
}
static int k_not_before_type(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	return time_type(l, v, "not_before_type", &r->not_before_tag);
}
static int k_not_after_type(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	return time_type(l, v, "not_after_type", &r->not_after_tag);
}
static int k_max_lifetime_days(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	return get_long(l, v, "max_lifetime_days", 1, 3660000, &r->max_lifetime_days);
}
static int k_lifetime_seconds(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	return get_range(l, v, "lifetime_seconds", 0, 4000000L * 86400, &r->lifetime);
}
static int k_ordered(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	return get_bool(l, v, "ordered", &r->ordered);
}
static int k_equals_hex(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	const char *s = scalar(l, v, "equals");
	if (s == NULL)
		return l->rc;
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return fail_at(l, v, "equals must be hexadecimal octets, not '%s'", s);
	if (n % 2)
		return fail_at(l, v, "equals must have an even number of hex digits");
	char *low = smk_strdup(l->a, s);
	for (char *p = low; p && *p; p++)
		*p = (char)tolower((unsigned char)*p);
	r->equals_hex = low;
	return 0;
}
static int k_value(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	r->value = scalar(l, v, "value");
	return r->value ? 0 : l->rc;
}
static int k_time_of_day(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	const char *s = scalar(l, v, "not_after_time_of_day");
	if (s == NULL)
		return l->rc;
	if (strlen(s) != 8 || s[2] != ':' || s[5] != ':')
		return fail_at(l, v, "not_after_time_of_day must be HH:MM:SS, not '%s'", s);
	r->time_of_day = s;
	return 0;
}
static int k_extension(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	r->oid = get_named_oid(l, v, "extension");
	if (r->oid == NULL)
		return l->rc;
	int kind = smk_oid_info(smk_oid_lookup(r->oid))->ext_kind;
	r->ext_kind = kind >= 0 ? kind : SMK_EXT_OTHER;
	return 0;
}
static int k_presence(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	static const char *const names[] = {"any", "required", "optional", "forbidden", NULL};
	int k;
	int rc = get_enum(l, v, "presence", names, &k);
	r->presence = (enum smk_presence)k;
	return rc;
}
static int k_critical(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	bool b;
	int rc = get_bool(l, v, "critical", &b);
	r->critical = b ? TRI_TRUE : TRI_FALSE;
	return rc;
}
static int k_extensions(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	return get_oid_list(l, v, "extensions", &r->list);
}
static int k_oids(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	if (fy_node_is_scalar(v)) {
		static const char *const names[] = {"none", "organisation", "device", NULL};
		int k;
		int rc = get_enum(l, v, "oids (a list, or an environment set)", names, &k);
		r->env_set = (enum smk_env_set)k;
		return rc;
	}
	return get_oid_list(l, v, "oids", &r->list);
}
static int k_qualifiers(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	static const char *const names[] = {"allowed", "forbidden", NULL};
	int k;
	int rc = get_enum(l, v, "qualifiers", names, &k);
	r->no_qualifiers = k == 1;
	return rc;
}
static int k_exactly(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	r->ku_exactly_set = true;
	return get_ku_bits(l, v, "exactly", &r->ku_exactly);
}
static int k_at_least(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	return get_ku_bits(l, v, "at_least", &r->ku_at_least);
}
static int k_at_most(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	r->ku_at_most_set = true;
	return get_ku_bits(l, v, "at_most", &r->ku_at_most);
}
static int k_one_of(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	r->ku_one_of_set = true;
	return get_ku_bits(l, v, "exactly_one_of", &r->ku_one_of);
}
static int k_ca(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	bool b;
	int rc = get_bool(l, v, "ca", &b);
	r->ca = b ? TRI_TRUE : TRI_FALSE;
	return rc;
}
static int k_path_len(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	if (fy_node_is_scalar(v)) {
		const char *s = scalar(l, v, "path_len");
		if (s != NULL && strcmp(s, "absent") == 0) {
			r->pathlen_absent = true;
			return 0;
		}
	}
	return get_range(l, v, "path_len", 0, 1L << 30, &r->pathlen);
}
static int k_key_id_extension(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	const char *oid = get_named_oid(l, v, "extension");
	if (oid == NULL)
		return l->rc;
	enum smk_oid id = smk_oid_lookup(oid);
	if (id != SMK_OID_EXT_SKI && id != SMK_OID_EXT_AKI)
		return fail_at(l, v, "extension must be subjectKeyIdentifier or authorityKeyIdentifier");
	r->key_id_ski = id == SMK_OID_EXT_SKI;
	r->oid = oid;
	return 0;
}
static int k_method(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	long m;
	if (get_long(l, v, "method", 2, 2, &m) != 0)
		return l->rc;
	r->method2 = true;
	return 0;
}
static int k_key_id_only(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	return get_bool(l, v, "key_id_only", &r->keyid_only);
}
static int k_matches_ski(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	bool b;
	int rc = get_bool(l, v, "matches_ski", &b);
	r->empty = b;   /* reused: AKI keyIdentifier must equal the SKI when both exist */
	return rc;
}
static int gn_item(struct ld *l, struct fy_node *item, void *ctx, size_t i)
{
	static const char *const names[] = {"otherName", "rfc822Name", "dNSName", "x400Address", "directoryName",
					    "ediPartyName", "uniformResourceIdentifier", "iPAddress",
					    "registeredID", NULL};
	(void)i;
	int k;
	if (get_enum(l, item, "name type", names, &k) != 0)
		return l->rc;
	*(unsigned *)ctx |= 1u << k;
	return 0;
}
static int k_name_types(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	size_t count;
	return each_item(l, v, "name_types", &count, gn_item, &r->gn_types);
}
static int k_hw_module_name(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	static const char *const names[] = {"any", "required", NULL};
	int k;
	int rc = get_enum(l, v, "hw_module_name", names, &k);
	r->hw_module_required = k == 1;
	return rc;
}
static int k_hw_types(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	if (fy_node_is_scalar(v)) {
		static const char *const names[] = {"environment", NULL};
		int k;
		int rc = get_enum(l, v, "hw_types (a list, or environment)", names, &k);
		r->hw_types_from_env = rc == 0;
		return rc;
	}
	return get_oid_list(l, v, "hw_types", &r->list);
}
static int k_hw_serial_length(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	return get_range(l, v, "hw_serial_length", 0, 1024, &r->length);
}
static int k_hw_serial(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	const char *s = scalar(l, v, "hw_serial");
	if (s == NULL)
		return l->rc;
	char hex[17];
	if (!smk_eui_norm(s, strlen(s), hex))
		return fail_at(l, v, "hw_serial: '%s' is not an EUI-64 (16 hex digits, '-' or ':' between octets allowed)",
			       s);
	r->hw_serial_hex = smk_strdup(l->a, hex);
	return r->hw_serial_hex ? 0 : SMKILINT_ENOMEM;
}
static int k_hw_serial_from_input(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	/* the subexpressions are needed: one of them holds the EUI */
	return get_regex_flags(l, v, "hw_serial_from_input", 0, &r->hw_serial_re, &r->hw_serial_re_src);
}
static int k_roles(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	if (fy_node_is_scalar(v)) {
		static const char *const names[] = {"environment", NULL};
		int k;
		int rc = get_enum(l, v, "roles (a list, or environment)", names, &k);
		r->hw_types_from_env = rc == 0;   /* reused: roles from the environments */
		return rc;
	}
	return get_str_list(l, v, "roles", &r->list.oid, &r->list.n);
}
static int k_forbidden_roles(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	r->others_forbidden = true;   /* reused: the list names forbidden roles */
	return get_str_list(l, v, "forbidden_roles", &r->list.oid, &r->list.n);
}
/* A RemotePartyRole key of a mapping, copied into dst[size]. */
static int get_role(struct ld *l, struct fy_node *k, char *dst, size_t size)
{
	const char *role = scalar(l, k, "role");
	if (role == NULL)
		return l->rc;
	if (strlen(role) >= size)
		return fail_at(l, k, "role '%s' is too long", role);
	strcpy(dst, role);
	return 0;
}

static int k_role_key_usages(struct ld *l, struct fy_node *v, struct smk_rule *r)
{
	if (!fy_node_is_mapping(v))
		return fail_at(l, v, "role_key_usages must be a mapping role -> list of key usages");
	r->n_role_ku = (size_t)fy_node_mapping_item_count(v);
	r->role_ku = smk_alloc(l->a, (r->n_role_ku + 1) * sizeof(*r->role_ku));
	if (r->role_ku == NULL)
		return SMKILINT_ENOMEM;
	void *it = NULL;
	struct fy_node_pair *p;
	size_t i = 0;
	while ((p = fy_node_mapping_iterate(v, &it)) != NULL) {
		if (get_role(l, fy_node_pair_key(p), r->role_ku[i].role, sizeof(r->role_ku[i].role)) != 0)
			return l->rc;
		if (get_ku_bits(l, fy_node_pair_value(p), "key usages", &r->role_ku[i].bits) != 0)
			return l->rc;
		i++;
	}
	return 0;
}

static const struct rule_key rule_keys[] = {
	{"version", B(CK_VERSION), k_version},
	{"positive", B(CK_SERIAL), k_positive},
	{"length", B(CK_SERIAL) | B(CK_NAME_ATTRIBUTE) | B(CK_KEY_IDENTIFIER), k_length},
	{"algorithm", B(CK_SIGNATURE_ALGORITHM) | B(CK_KEY), k_algorithm},
	{"parameters", B(CK_SIGNATURE_ALGORITHM), k_parameters},
	{"curve", B(CK_KEY), k_curve},
	{"point", B(CK_KEY), k_point},
	{"on_curve", B(CK_KEY), k_on_curve},
	{"field", B(CK_NAME_EMPTY) | B(CK_NAME_ATTRIBUTE) | B(CK_NAME_LAYOUT) | B(CK_ROLE), k_field},
	{"empty", B(CK_NAME_EMPTY), k_empty},
	{"type", B(CK_NAME_ATTRIBUTE), k_type},
	{"count", B(CK_NAME_ATTRIBUTE) | B(CK_POLICIES) | B(CK_SUBJECT_ALT_NAME), k_count},
	{"string_types", B(CK_NAME_ATTRIBUTE), k_string_types},
	{"regex", B(CK_NAME_ATTRIBUTE), k_regex},
	{"bits", B(CK_NAME_ATTRIBUTE), k_bits},
	{"not_reserved", B(CK_NAME_ATTRIBUTE) | B(CK_SUBJECT_ALT_NAME), k_not_reserved},
	{"attributes", B(CK_NAME_LAYOUT), k_attributes},
	{"others", B(CK_NAME_LAYOUT), k_others},
	{"single_valued", B(CK_NAME_LAYOUT), k_single_valued},
	{"not_after", B(CK_VALIDITY), k_not_after},
	{"not_before_type", B(CK_VALIDITY), k_not_before_type},
	{"not_after_type", B(CK_VALIDITY), k_not_after_type},
	{"max_lifetime_days", B(CK_VALIDITY), k_max_lifetime_days},
	{"not_after_time_of_day", B(CK_VALIDITY), k_time_of_day},
	{"lifetime_seconds", B(CK_VALIDITY), k_lifetime_seconds},
	{"ordered", B(CK_ONLY_LISTED_EXTENSIONS), k_ordered},
	{"equals", B(CK_KEY_IDENTIFIER) | B(CK_EXTENSION_PRESENCE), k_equals_hex},
	{"value", B(CK_NAME_ATTRIBUTE), k_value},
	{"extension", B(CK_EXTENSION_PRESENCE) | B(CK_EXTENSION_CRITICAL), k_extension},
	{"presence", B(CK_EXTENSION_PRESENCE) | B(CK_BASIC_CONSTRAINTS), k_presence},
	{"critical", B(CK_EXTENSION_CRITICAL) | B(CK_BASIC_CONSTRAINTS), k_critical},
	{"extensions", B(CK_ONLY_LISTED_EXTENSIONS), k_extensions},
	{"oids", B(CK_POLICIES), k_oids},
	{"qualifiers", B(CK_POLICIES), k_qualifiers},
	{"exactly", B(CK_KEY_USAGE), k_exactly},
	{"at_least", B(CK_KEY_USAGE), k_at_least},
	{"at_most", B(CK_KEY_USAGE), k_at_most},
	{"exactly_one_of", B(CK_KEY_USAGE), k_one_of},
	{"ca", B(CK_BASIC_CONSTRAINTS), k_ca},
	{"path_len", B(CK_BASIC_CONSTRAINTS), k_path_len},
	{"key_identifier", B(CK_KEY_IDENTIFIER), k_key_id_extension},
	{"method", B(CK_KEY_IDENTIFIER), k_method},
	{"key_id_only", B(CK_KEY_IDENTIFIER), k_key_id_only},
	{"matches_ski", B(CK_KEY_IDENTIFIER), k_matches_ski},
	{"name_types", B(CK_SUBJECT_ALT_NAME), k_name_types},
	{"hw_module_name", B(CK_SUBJECT_ALT_NAME), k_hw_module_name},
	{"hw_types", B(CK_SUBJECT_ALT_NAME), k_hw_types},
	{"hw_serial_length", B(CK_SUBJECT_ALT_NAME), k_hw_serial_length},
	{"hw_serial", B(CK_SUBJECT_ALT_NAME), k_hw_serial},
	{"hw_serial_from_input", B(CK_SUBJECT_ALT_NAME), k_hw_serial_from_input},
	{"roles", B(CK_ROLE), k_roles},
	{"forbidden_roles", B(CK_ROLE), k_forbidden_roles},
	{"role_key_usages", B(CK_ROLE_KEY_USAGE), k_role_key_usages},
};

static bool id_valid(const char *s)
{
	/* lower-case dotted: at least two parts of [a-z0-9_] */
	int parts = 1;
	if (!*s || *s == '.')
		return false;
	for (const char *p = s; *p; p++) {
		if (*p == '.') {
			if (p[1] == '\0' || p[1] == '.')
				return false;
			parts++;
		} else if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_' || *p == '-')) {
			return false;
		}
	}
	return parts >= 2;
}

static bool date_valid(const char *s)
{
	struct smk_time t;
	char buf[16];
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	snprintf(buf, sizeof(buf), "%.4s%.2s%.2s000000Z", s, s + 5, s + 8);
	return smk_time_parse(&t, 0x18, (const uint8_t *)buf, 15);
}

/* Rule flags kept for `extends` merging. */
#define HAS_SEVERITY 1
#define HAS_CITATION 2
#define HAS_DISABLED 4
#define HAS_CHECK 8
#define HAS_DATES 16

static int parse_rule(struct ld *l, struct fy_node *n, struct smk_rule *r, unsigned *has)
{
	if (!fy_node_is_mapping(n))
		return fail_at(l, n, "a rule must be a mapping");
	const struct fy_mark *m = fy_node_get_start_mark(n);
	r->file = l->file;
	r->line = m ? m->line + 1 : 0;
	r->column = m ? m->column + 1 : 0;
	r->ext_kind = SMK_EXT_OTHER;
	*has = 0;
	/* the check first: it decides which keys are allowed */
	struct fy_node *ck = fy_node_mapping_lookup_by_string(n, "check", FY_NT);
	r->check = CK_LINT;
	if (ck != NULL) {
		int k;
		if (get_enum(l, ck, "check", check_names, &k) != 0)
			return l->rc;
		if (k == CK_LINT)
			return fail_at(l, ck, "check 'lint' is implicit: leave check out to adjust a lint or an inherited rule");
		r->check = (enum smk_check)k;
		*has |= HAS_CHECK;
	}
	void *it = NULL;
	struct fy_node_pair *p;
	while ((p = fy_node_mapping_iterate(n, &it)) != NULL) {
		struct fy_node *kn = fy_node_pair_key(p), *v = fy_node_pair_value(p);
		const char *k = scalar(l, kn, "key");
		if (k == NULL)
			return l->rc;
		if (strcmp(k, "check") == 0)
			continue;
		if (strcmp(k, "id") == 0) {
			r->id = scalar(l, v, "id");
			if (r->id != NULL && !id_valid(r->id))
				return fail_at(l, v, "id '%s' is not a lower-case dotted id (e.g. smki.device.subject_empty)", r->id);
		} else if (strcmp(k, "severity") == 0) {
			const char *s = scalar(l, v, "severity");
			if (s != NULL && smkilint_severity_parse(&r->severity, s) != 0)
				return fail_at(l, v, "severity must be fatal, error, warning, notice or info, not '%s'", s);
			*has |= HAS_SEVERITY;
		} else if (strcmp(k, "citation") == 0) {
			r->citation = scalar(l, v, "citation");
			if (r->citation != NULL && r->citation[0] == '\0')
				return fail_at(l, v, "citation must not be empty");
			*has |= HAS_CITATION;
		} else if (strcmp(k, "description") == 0) {
			r->description = scalar(l, v, "description");
		} else if (strcmp(k, "disabled") == 0) {
			get_bool(l, v, "disabled", &r->disabled);
			*has |= HAS_DISABLED;
		} else if (strcmp(k, "since") == 0 || strcmp(k, "until") == 0) {
			const char *s = scalar(l, v, k);
			if (s != NULL && !date_valid(s))
				return fail_at(l, v, "%s must be a date YYYY-MM-DD, not '%s'", k, s);
			if (k[0] == 's')
				r->since = s;
			else
				r->until = s;
			*has |= HAS_DATES;
		} else {
			const struct rule_key *rk = NULL;
			for (size_t i = 0; i < sizeof(rule_keys) / sizeof(rule_keys[0]); i++)
				if (strcmp(rule_keys[i].key, k) == 0)
					rk = &rule_keys[i];
			if (rk == NULL || !(rk->checks & B(r->check))) {
				if (r->check == CK_LINT)
					return fail_at(l, kn, "unknown key '%s' (a rule without check only adjusts severity, "
							      "citation, disabled, since, until)", k);
				return fail_at(l, kn, "unknown key '%s' for check '%s'", k, check_names[r->check]);
			}
			if (rk->parse(l, v, r) != 0)
				return l->rc ? l->rc : SMKILINT_ENOMEM;
		}
		if (l->rc)
			return l->rc;
	}
	if (r->id == NULL)
		return fail_at(l, n, "a rule needs an id");
	if (r->check != CK_LINT) {
		if (!(*has & HAS_SEVERITY))
			return fail_at(l, n, "rule %s: severity is required", r->id);
		if (!(*has & HAS_CITATION))
			return fail_at(l, n, "rule %s: citation is required on every rule", r->id);
		if ((r->check == CK_EXTENSION_PRESENCE || r->check == CK_EXTENSION_CRITICAL) && r->oid == NULL)
			return fail_at(l, n, "rule %s: extension is required", r->id);
		if (r->check == CK_KEY_IDENTIFIER && r->oid == NULL)
			return fail_at(l, n, "rule %s: key_identifier (subjectKeyIdentifier or authorityKeyIdentifier) is required",
				       r->id);
		/* (without it every certificate failed "version is not v0") */
		if (r->check == CK_VERSION && r->version == 0)
			return fail_at(l, n, "rule %s: version (1, 2 or 3) is required", r->id);
	}
	return 0;
}

/* ------------------------------------------------------------ naming */

static const char *const cn_presence_names[] = {"any", "required", "optional", "forbidden", NULL};

static int parse_cn_rule(struct ld *l, struct fy_node *n, struct smk_cn_rule *c)
{
	if (!fy_node_is_mapping(n))
		return fail_at(l, n, "a commonName rule must be a mapping");
	void *it = NULL;
	struct fy_node_pair *p;
	while ((p = fy_node_mapping_iterate(n, &it)) != NULL) {
		struct fy_node *kn = fy_node_pair_key(p), *v = fy_node_pair_value(p);
		const char *k = scalar(l, kn, "key");
		if (k == NULL)
			return l->rc;
		if (strcmp(k, "presence") == 0) {
			int x;
			if (get_enum(l, v, "presence", cn_presence_names, &x) == 0)
				c->presence = (enum smk_cn_presence)x;
		} else if (strcmp(k, "key_usages") == 0) {
			get_ku_bits(l, v, "key_usages", &c->key_usages);
		} else if (strcmp(k, "string_types") == 0) {
			c->set_string_types = true;
			get_string_types(l, v, &c->string_types);
		} else if (strcmp(k, "max_length") == 0) {
			c->set_max_length = true;
			get_long(l, v, "max_length", 1, 64, &c->max_length);
		} else if (strcmp(k, "charset") == 0) {
			const char *s = scalar(l, v, "charset");
			if (s == NULL)
				return l->rc;
			char *re = smk_printf(l->a, "^[%s]*$", s);
			c->set_charset = true;
			c->charset = s;
			regex_t *cre = calloc(1, sizeof(*cre));
			if (cre == NULL || re == NULL) {
				free(cre);
				return SMKILINT_ENOMEM;
			}
			if (regcomp(cre, re, REG_EXTENDED | REG_NOSUB) != 0) {
				free(cre);
				return fail_at(l, v, "charset '%s' is not a valid bracket expression body", s);
			}
			if (keep_regex(l->set, cre) != 0)
				return SMKILINT_ENOMEM;
			c->charset_re = cre;
		} else if (strcmp(k, "regex") == 0) {
			c->set_regex = true;
			get_regex(l, v, "regex", &c->regex, &c->regex_src);
		} else if (strcmp(k, "case") == 0) {
			static const char *const names[] = {"any", "upper", "lower", NULL};
			c->set_case = true;
			get_enum(l, v, "case", names, &c->case_rule);
		} else {
			return fail_at(l, kn, "unknown key '%s' in a commonName rule (presence, key_usages, string_types, "
					      "max_length, charset, regex, case)", k);
		}
		if (l->rc)
			return l->rc;
	}
	return 0;
}

static int load_register(struct ld *l, struct fy_node *at, struct smk_naming *nm, const char *path);

static int parse_naming(struct ld *l, struct fy_node *n, struct smk_naming **out)
{
	if (!fy_node_is_mapping(n))
		return fail_at(l, n, "naming must be a mapping");
	struct smk_naming *nm = smk_alloc(l->a, sizeof(*nm));
	if (nm == NULL)
		return SMKILINT_ENOMEM;
	nm->file = l->file;
	nm->severity = SMKILINT_SEV_WARNING;
	nm->id = "smki.org.subject_cn_convention";
	void *it = NULL;
	struct fy_node_pair *p;
	bool has_citation = false;
	while ((p = fy_node_mapping_iterate(n, &it)) != NULL) {
		struct fy_node *kn = fy_node_pair_key(p), *v = fy_node_pair_value(p);
		const char *k = scalar(l, kn, "key");
		if (k == NULL)
			return l->rc;
		if (strcmp(k, "id") == 0) {
			nm->id = scalar(l, v, "id");
			if (nm->id != NULL && !id_valid(nm->id))
				return fail_at(l, v, "id '%s' is not a lower-case dotted id", nm->id);
		} else if (strcmp(k, "severity") == 0) {
			const char *s = scalar(l, v, "severity");
			if (s != NULL && smkilint_severity_parse(&nm->severity, s) != 0)
				return fail_at(l, v, "severity must be fatal, error, warning, notice or info, not '%s'", s);
		} else if (strcmp(k, "citation") == 0) {
			nm->citation = scalar(l, v, "citation");
			has_citation = true;
		} else if (strcmp(k, "default") == 0) {
			parse_cn_rule(l, v, &nm->def);
		} else if (strcmp(k, "roles") == 0) {
			if (!fy_node_is_mapping(v))
				return fail_at(l, v, "roles must be a mapping role -> commonName rule");
			nm->n_roles = (size_t)fy_node_mapping_item_count(v);
			nm->roles = smk_alloc(l->a, (nm->n_roles + 1) * sizeof(*nm->roles));
			if (nm->roles == NULL)
				return SMKILINT_ENOMEM;
			void *it2 = NULL;
			struct fy_node_pair *p2;
			size_t i = 0;
			while ((p2 = fy_node_mapping_iterate(v, &it2)) != NULL) {
				if (get_role(l, fy_node_pair_key(p2), nm->roles[i].role, sizeof(nm->roles[i].role)) != 0)
					return l->rc;
				if (parse_cn_rule(l, fy_node_pair_value(p2), &nm->roles[i]) != 0)
					return l->rc;
				i++;
			}
		} else if (strcmp(k, "not_entity_identifier") == 0) {
			get_bool(l, v, "not_entity_identifier", &nm->not_entity_identifier);
		} else if (strcmp(k, "register") == 0) {
			const char *path = scalar(l, v, "register");
			if (path != NULL)
				load_register(l, v, nm, path);
		} else {
			return fail_at(l, kn, "unknown key '%s' in naming (id, severity, citation, default, roles, "
					      "not_entity_identifier, register)", k);
		}
		if (l->rc)
			return l->rc;
	}
	if (!has_citation || nm->citation == NULL || nm->citation[0] == '\0')
		return fail_at(l, n, "naming: citation is required");
	*out = nm;
	return 0;
}

/* ------------------------------------------------------------ documents */

static struct fy_document *parse_file(struct ld *l, const char *path, const char *text, size_t len)
{
	const char *refused = text == NULL ? smk_yaml_file_refused(path) : NULL;
	if (refused != NULL) {
		smk_ctx_set_error(l->ctx, SMKILINT_EIO, "%s: %s", path, refused);
		l->rc = SMKILINT_EIO;
		return NULL;
	}
	/* YAML is Unicode; and libfyaml loops forever on some malformed UTF-8 */
	int line, column;
	int bad = smk_yaml_utf8_check(path, text, len, &line, &column);
	if (bad >= 0) {
		smk_ctx_set_error(l->ctx, SMKILINT_EPROFILE, "%s:%d:%d: not UTF-8 text (octet 0x%02x)", path, line, column,
				  bad);
		l->rc = SMKILINT_EPROFILE;
		return NULL;
	}
	struct fy_diag_cfg dcfg;
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = NULL;
	dcfg.colorize = false;
	struct fy_diag *diag = fy_diag_create(&dcfg);
	if (diag == NULL)
		return NULL;
	fy_diag_set_collect_errors(diag, true);
	struct fy_parse_cfg cfg = {.flags = FYPCF_QUIET | FYPCF_JSON_AUTO, .diag = diag};
	struct fy_document *doc = text != NULL ? fy_document_build_from_string(&cfg, text, len)
					       : fy_document_build_from_file(&cfg, path);
	if (doc == NULL) {
		void *it = NULL;
		struct fy_diag_error *e = fy_diag_errors_iterate(diag, &it);
		struct stat st;
		l->rc = SMKILINT_EPROFILE;
		/* libfyaml's collected errors are already 1-based (fy_diag_vreport adds 1
		 * to the token mark), unlike struct fy_mark */
		if (e != NULL) {
			smk_ctx_set_error(l->ctx, SMKILINT_EPROFILE, "%s:%d:%d: %s", path, e->line > 0 ? e->line : 1,
					  e->column > 0 ? e->column : 1, e->msg);
		} else if (text == NULL && stat(path, &st) != 0) {
			smk_ctx_set_error(l->ctx, SMKILINT_EIO, "%s: %s", path, strerror(errno));
			l->rc = SMKILINT_EIO;
		} else if (text == NULL && !S_ISREG(st.st_mode)) {
			smk_ctx_set_error(l->ctx, SMKILINT_EIO, "%s: not a regular file", path);
			l->rc = SMKILINT_EIO;
		} else {
			/* no error and no document: an empty stream (nothing, blank lines or
			 * only comments); errno is whatever libfyaml's reader left */
			smk_ctx_set_error(l->ctx, SMKILINT_EPROFILE,
					  "%s:1:1: no YAML document (empty, or only comments): expected a mapping with a "
					  "'profile', 'environment' or 'naming' key", path);
		}
	}
	fy_diag_destroy(diag);
	return doc;
}

static int load_register(struct ld *l, struct fy_node *at, struct smk_naming *nm, const char *path)
{
	/* relative to the file that names it */
	const char *full = path;
	if (path[0] != '/') {
		const char *slash = strrchr(l->file, '/');
		if (slash != NULL)
			full = smk_printf(l->a, "%.*s/%s", (int)(slash - l->file), l->file, path);
	}
	struct ld sub = *l;
	sub.file = full;
	errno = 0;
	struct fy_document *doc = parse_file(&sub, full, NULL, 0);
	if (doc == NULL) {
		l->rc = sub.rc;
		return fail_at(l, at, "register '%s': %s", path, smkilint_ctx_last_error(l->ctx)->message);
	}
	struct fy_node *root = fy_document_root(doc);
	if (root == NULL || !fy_node_is_mapping(root)) {
		/* the mark is read before the document goes, and the error is the
		 * naming file's too */
		fail_at(&sub, root, "a register is a mapping Entity Identifier -> list of names");
		fy_document_destroy(doc);
		l->rc = sub.rc;
		return l->rc;
	}
	nm->register_file = full;
	nm->n_reg = (size_t)fy_node_mapping_item_count(root);
	nm->reg = smk_alloc(l->a, (nm->n_reg + 1) * sizeof(*nm->reg));
	void *it = NULL;
	struct fy_node_pair *p;
	size_t i = 0;
	while (nm->reg != NULL && (p = fy_node_mapping_iterate(root, &it)) != NULL) {
		const char *eui = scalar(&sub, fy_node_pair_key(p), "Entity Identifier");
		if (eui == NULL)
			break;
		char hex[17];
		size_t h = 0;
		for (const char *q = eui; *q && h < 17; q++) {
			if (isxdigit((unsigned char)*q))
				hex[h++] = (char)tolower((unsigned char)*q);
			else if (*q != '-' && *q != ':' && *q != ' ')
				h = 17;
		}
		if (h != 16) {
			fail_at(&sub, fy_node_pair_key(p), "'%s' is not an EUI-64 (16 hex digits)", eui);
			break;
		}
		hex[16] = '\0';
		nm->reg[i].eui = smk_strdup(l->a, hex);
		if (get_str_list(&sub, fy_node_pair_value(p), "names", &nm->reg[i].names, &nm->reg[i].n_names) != 0)
			break;
		i++;
	}
	fy_document_destroy(doc);
	if (sub.rc)
		l->rc = sub.rc;
	return l->rc;
}

static int add_profile(struct smkilint_profiles *set, struct smkilint_profile *p)
{
	if (set->n_profiles == set->cap_profiles) {
		size_t cap = set->cap_profiles ? 2 * set->cap_profiles : 16;
		struct smkilint_profile **np = realloc(set->profiles, cap * sizeof(*np));
		if (np == NULL)
			return SMKILINT_ENOMEM;
		set->profiles = np;
		set->cap_profiles = cap;
	}
	set->profiles[set->n_profiles++] = p;
	return 0;
}

struct pending_rule {
	struct smk_rule rule;
	unsigned has;
};

/* A profile as read, before `extends` is resolved: kept in the profile
 * itself (rules + merge flags in a side array). */
struct raw_profile {
	struct pending_rule *rules;
	size_t n;
	int extends_line, extends_col;
};

static int load_profile(struct ld *l, struct fy_node *root)
{
	struct smkilint_profile *p = smk_alloc(l->a, sizeof(*p));
	struct raw_profile *raw = smk_alloc(l->a, sizeof(*raw));
	if (p == NULL || raw == NULL)
		return SMKILINT_ENOMEM;
	p->file = l->file;
	p->kind = "any";
	p->set = l->set;
	void *it = NULL;
	struct fy_node_pair *kv;
	while ((kv = fy_node_mapping_iterate(root, &it)) != NULL) {
		struct fy_node *kn = fy_node_pair_key(kv), *v = fy_node_pair_value(kv);
		const char *k = scalar(l, kn, "key");
		if (k == NULL)
			return l->rc;
		if (strcmp(k, "profile") == 0) {
			p->name = scalar(l, v, "profile");
		} else if (strcmp(k, "description") == 0) {
			p->description = scalar(l, v, "description");
		} else if (strcmp(k, "kind") == 0) {
			static const char *const kinds[] = {"any", "root", "oca", "dca", "organisation",
							    "device-ds", "device-ka", "device", "ca",
							    "csr-device", "csr-organisation", NULL};
			int x;
			if (get_enum(l, v, "kind", kinds, &x) == 0)
				p->kind = kinds[x];
		} else if (strcmp(k, "extends") == 0) {
			p->extends = scalar(l, v, "extends");
			const struct fy_mark *m = fy_node_get_start_mark(v);
			raw->extends_line = m ? m->line + 1 : 1;
			raw->extends_col = m ? m->column + 1 : 1;
		} else if (strcmp(k, "opt_in") == 0) {
			get_bool(l, v, "opt_in", &p->opt_in);
		} else if (strcmp(k, "abstract") == 0) {
			get_bool(l, v, "abstract", &p->abstract);
		} else if (strcmp(k, "naming") == 0) {
			parse_naming(l, v, &p->naming);
		} else if (strcmp(k, "rules") == 0) {
			if (!fy_node_is_sequence(v))
				return fail_at(l, v, "rules must be a list");
			raw->n = (size_t)fy_node_sequence_item_count(v);
			raw->rules = smk_alloc(l->a, (raw->n + 1) * sizeof(*raw->rules));
			if (raw->rules == NULL)
				return SMKILINT_ENOMEM;
			void *it2 = NULL;
			struct fy_node *rn;
			size_t i = 0;
			while ((rn = fy_node_sequence_iterate(v, &it2)) != NULL) {
				if (parse_rule(l, rn, &raw->rules[i].rule, &raw->rules[i].has) != 0)
					return l->rc ? l->rc : SMKILINT_ENOMEM;
				for (size_t j = 0; j < i; j++)
					if (strcmp(raw->rules[j].rule.id, raw->rules[i].rule.id) == 0)
						return fail_at(l, rn, "rule id %s appears twice in this profile",
							       raw->rules[i].rule.id);
				i++;
			}
		} else {
			return fail_at(l, kn, "unknown key '%s' (profile, description, kind, extends, opt_in, abstract, "
					      "naming, rules)", k);
		}
		if (l->rc)
			return l->rc;
	}
	if (p->name == NULL || p->name[0] == '\0')
		return fail_at(l, root, "a profile needs a name (profile: NAME)");
	for (size_t i = 0; i < l->set->n_profiles; i++)
		if (strcmp(l->set->profiles[i]->name, p->name) == 0 &&
		    strcmp(l->set->profiles[i]->file, p->file) == 0)
			return fail_at(l, root, "profile %s is defined twice", p->name);
	/* stash the unresolved rules where finalize finds them */
	p->rules = (struct smk_rule *)raw;
	p->n_rules = (size_t)-1;
	return add_profile(l->set, p);
}

static int load_environment(struct ld *l, struct fy_node *root)
{
	struct smk_env *e = smk_alloc(l->a, sizeof(*e));
	if (e == NULL)
		return SMKILINT_ENOMEM;
	e->file = l->file;
	void *it = NULL;
	struct fy_node_pair *kv;
	while ((kv = fy_node_mapping_iterate(root, &it)) != NULL) {
		struct fy_node *kn = fy_node_pair_key(kv), *v = fy_node_pair_value(kv);
		const char *k = scalar(l, kn, "key");
		if (k == NULL)
			return l->rc;
		if (strcmp(k, "environment") == 0) {
			e->name = scalar(l, v, "environment");
		} else if (strcmp(k, "description") == 0) {
			e->description = scalar(l, v, "description");
		} else if (strcmp(k, "policies") == 0) {
			if (!fy_node_is_mapping(v))
				return fail_at(l, v, "policies must be a mapping {organisation: [...], device: [...]}");
			void *it2 = NULL;
			struct fy_node_pair *p2;
			while ((p2 = fy_node_mapping_iterate(v, &it2)) != NULL) {
				const char *pk = scalar(l, fy_node_pair_key(p2), "key");
				if (pk == NULL)
					return l->rc;
				if (strcmp(pk, "organisation") == 0)
					get_oid_list(l, fy_node_pair_value(p2), "policies.organisation", &e->org_policies);
				else if (strcmp(pk, "device") == 0)
					get_oid_list(l, fy_node_pair_value(p2), "policies.device", &e->device_policies);
				else
					return fail_at(l, fy_node_pair_key(p2),
						       "unknown key '%s' in policies (organisation, device)", pk);
				if (l->rc)
					return l->rc;
			}
		} else if (strcmp(k, "hw_types") == 0) {
			get_oid_list(l, v, "hw_types", &e->hw_types);
		} else if (strcmp(k, "roles") == 0) {
			get_str_list(l, v, "roles", &e->roles, &e->n_roles);
		} else {
			return fail_at(l, kn, "unknown key '%s' (environment, description, policies, hw_types, roles)", k);
		}
		if (l->rc)
			return l->rc;
	}
	if (e->name == NULL || e->name[0] == '\0')
		return fail_at(l, root, "an environment needs a name (environment: NAME)");
	for (size_t i = 0; i < e->org_policies.n; i++)
		if (!oid_valid(e->org_policies.oid[i]))
			return fail_at(l, root, "policy '%s' is not an OID", e->org_policies.oid[i]);
	struct smkilint_profiles *set = l->set;
	for (size_t i = 0; i < set->n_envs; i++)
		if (strcmp(set->envs[i]->name, e->name) == 0)
			set->envs[i] = e;   /* a later file replaces an environment of the same name */
	if (set->n_envs == set->cap_envs) {
		size_t cap = set->cap_envs ? 2 * set->cap_envs : 8;
		struct smk_env **ne = realloc(set->envs, cap * sizeof(*ne));
		if (ne == NULL)
			return SMKILINT_ENOMEM;
		set->envs = ne;
		set->cap_envs = cap;
	}
	for (size_t i = 0; i < set->n_envs; i++)
		if (set->envs[i] == e)
			return 0;
	set->envs[set->n_envs++] = e;
	return 0;
}

static int load_doc(struct ld *l, struct fy_document *doc, const char **name_out, int want)
{
	struct fy_node *root = fy_document_root(doc);
	if (root == NULL || !fy_node_is_mapping(root))
		return fail_at(l, root, "expected a mapping with a 'profile', 'environment' or 'naming' key");
	bool is_profile = fy_node_mapping_lookup_by_string(root, "profile", FY_NT) != NULL;
	bool is_env = fy_node_mapping_lookup_by_string(root, "environment", FY_NT) != NULL;
	struct fy_node *naming = fy_node_mapping_lookup_by_string(root, "naming", FY_NT);
	if (is_env && !is_profile) {
		if (want == 1)
			return fail_at(l, root, "this is an environment file, not a profile");
		if (load_environment(l, root) != 0)
			return l->rc ? l->rc : SMKILINT_ENOMEM;
		if (name_out)
			*name_out = l->set->envs[l->set->n_envs - 1]->name;
		return 0;
	}
	if (is_profile) {
		if (want == 2)
			return fail_at(l, root, "this is a profile, not an environment file");
		if (load_profile(l, root) != 0)
			return l->rc ? l->rc : SMKILINT_ENOMEM;
		if (name_out)
			*name_out = l->set->profiles[l->set->n_profiles - 1]->name;
		return 0;
	}
	if (naming != NULL && fy_node_mapping_item_count(root) == 1) {
		if (want == 1 || want == 2)
			return fail_at(l, root, "this is a naming convention file");
		struct smk_naming *nm = NULL;
		if (parse_naming(l, naming, &nm) != 0)
			return l->rc ? l->rc : SMKILINT_ENOMEM;
		l->set->naming = nm;
		if (name_out)
			*name_out = "naming";
		return 0;
	}
	return fail_at(l, root, "expected a mapping with a 'profile', 'environment' or 'naming' key");
}

/* want: 0 anything, 1 profile, 2 environment, 3 naming */
static int load_path(smkilint_profiles *set, smkilint_ctx *ctx, const char *path, const char **name_out, int want)
{
	if (set->finalized) {
		smk_ctx_set_error(ctx, SMKILINT_EINVAL, "%s: the profile set is already finalized", path);
		return SMKILINT_EINVAL;
	}
	struct ld l = {ctx, set, &set->arena, smk_strdup(&set->arena, path), 0};
	errno = 0;
	struct fy_document *doc = parse_file(&l, path, NULL, 0);
	if (doc == NULL)
		return l.rc ? l.rc : SMKILINT_EPROFILE;
	int rc = load_doc(&l, doc, name_out, want);
	fy_document_destroy(doc);
	if (set->arena.failed)
		return SMKILINT_ENOMEM;
	return rc;
}

int smkilint_profiles_load_file(smkilint_profiles *set, smkilint_ctx *ctx, const char *path, const char **name)
{
	return load_path(set, ctx, path, name, 0);
}

int smkilint_profiles_load_string(smkilint_profiles *set, smkilint_ctx *ctx, const char *name, const char *text,
				  size_t len)
{
	if (set->finalized)
		return SMKILINT_EINVAL;
	struct ld l = {ctx, set, &set->arena, smk_strdup(&set->arena, name), 0};
	struct fy_document *doc = parse_file(&l, name, text, len);
	if (doc == NULL)
		return l.rc ? l.rc : SMKILINT_EPROFILE;
	int rc = load_doc(&l, doc, NULL, 0);
	fy_document_destroy(doc);
	return set->arena.failed ? SMKILINT_ENOMEM : rc;
}

static int yaml_name(const struct dirent *d)
{
	const char *n = d->d_name;
	size_t len = strlen(n);
	if (n[0] == '.')
		return 0;
	return (len > 5 && strcmp(n + len - 5, ".yaml") == 0) || (len > 4 && strcmp(n + len - 4, ".yml") == 0) ||
	       (len > 5 && strcmp(n + len - 5, ".json") == 0) || d->d_type == DT_DIR ||
	       d->d_type == DT_UNKNOWN || d->d_type == DT_LNK;
}

static int name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int load_dir(smkilint_profiles *set, smkilint_ctx *ctx, const char *dir, int depth)
{
	struct dirent **names = NULL;
	int n = scandir(dir, &names, yaml_name, name_cmp);
	if (n < 0) {
		smk_ctx_set_error(ctx, SMKILINT_EIO, "%s: %s", dir, strerror(errno));
		return SMKILINT_EIO;
	}
	int rc = 0;
	for (int i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		struct stat st;
		if (rc == 0 && stat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				if (depth < 8)
					rc = load_dir(set, ctx, path, depth + 1);
			} else if (S_ISREG(st.st_mode)) {
				size_t len = strlen(path);
				bool yaml = (len > 5 && strcmp(path + len - 5, ".yaml") == 0) ||
					    (len > 4 && strcmp(path + len - 4, ".yml") == 0) ||
					    (len > 5 && strcmp(path + len - 5, ".json") == 0);
				/* naming conventions and registers in a profile directory are
				 * loaded only when named (--naming, register:) */
				if (yaml && strstr(path, "/naming/") == NULL && strstr(path, "/registers/") == NULL)
					rc = load_path(set, ctx, path, NULL, 0);
			}
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int smkilint_profiles_load_dir(smkilint_profiles *set, smkilint_ctx *ctx, const char *dir)
{
	if (set->finalized)
		return SMKILINT_EINVAL;
	return load_dir(set, ctx, dir, 0);
}

int smkilint_profiles_set_naming(smkilint_profiles *set, smkilint_ctx *ctx, const char *path)
{
	return load_path(set, ctx, path, NULL, 3);
}

/* ------------------------------------------------------------ finalize */

static struct smkilint_profile *find_raw(smkilint_profiles *set, const char *name, size_t before)
{
	/* the last definition of a name wins (user directories load after the shipped one) */
	struct smkilint_profile *found = NULL;
	for (size_t i = 0; i < set->n_profiles && i < before; i++)
		if (strcmp(set->profiles[i]->name, name) == 0)
			found = set->profiles[i];
	return found;
}

static int resolve(smkilint_profiles *set, smkilint_ctx *ctx, struct smkilint_profile *p, int depth);

static int resolve_one(smkilint_profiles *set, smkilint_ctx *ctx, struct smkilint_profile *p, int depth)
{
	if (p->n_rules != (size_t)-1)
		return 0;   /* done */
	struct raw_profile *raw = (struct raw_profile *)p->rules;
	if (depth > 16) {
		smk_ctx_set_error(ctx, SMKILINT_EPROFILE, "%s:%d:%d: extends chain too long or circular (%s)", p->file,
				  raw->extends_line, raw->extends_col, p->name);
		return SMKILINT_EPROFILE;
	}
	const struct smkilint_profile *parent = NULL;
	if (p->extends != NULL) {
		struct smkilint_profile *pp = NULL;
		for (size_t i = 0; i < set->n_profiles; i++)
			if (set->profiles[i] != p && strcmp(set->profiles[i]->name, p->extends) == 0)
				pp = set->profiles[i];
		if (pp == NULL) {
			smk_ctx_set_error(ctx, SMKILINT_EPROFILE, "%s:%d:%d: extends unknown profile '%s'", p->file,
					  raw->extends_line, raw->extends_col, p->extends);
			return SMKILINT_EPROFILE;
		}
		p->n_rules = (size_t)-2;   /* in progress: a cycle comes back here */
		if (pp->n_rules == (size_t)-2) {
			smk_ctx_set_error(ctx, SMKILINT_EPROFILE, "%s:%d:%d: extends '%s' makes a cycle", p->file,
					  raw->extends_line, raw->extends_col, p->extends);
			return SMKILINT_EPROFILE;
		}
		int rc = resolve(set, ctx, pp, depth + 1);
		if (rc != 0)
			return rc;
		parent = pp;
	}
	size_t cap = (parent ? parent->n_rules : 0) + raw->n;
	struct smk_rule *rules = smk_alloc(&set->arena, (cap + 1) * sizeof(*rules));
	if (rules == NULL)
		return SMKILINT_ENOMEM;
	size_t n = 0;
	if (parent != NULL) {
		memcpy(rules, parent->rules, parent->n_rules * sizeof(*rules));
		n = parent->n_rules;
		if (p->naming == NULL)
			p->naming = parent->naming;
	}
	for (size_t i = 0; i < raw->n; i++) {
		const struct pending_rule *pr = &raw->rules[i];
		size_t at = n;
		for (size_t j = 0; j < n; j++)
			if (strcmp(rules[j].id, pr->rule.id) == 0)
				at = j;
		if (pr->has & HAS_CHECK) {
			rules[at] = pr->rule;   /* a new rule, or one replacing an inherited rule */
		} else if (at < n) {
			/* adjust an inherited rule */
			if (pr->has & HAS_SEVERITY)
				rules[at].severity = pr->rule.severity;
			if (pr->has & HAS_CITATION)
				rules[at].citation = pr->rule.citation;
			if (pr->has & HAS_DISABLED)
				rules[at].disabled = pr->rule.disabled;
			if (pr->has & HAS_DATES) {
				rules[at].since = pr->rule.since;
				rules[at].until = pr->rule.until;
			}
			if (pr->rule.description != NULL)
				rules[at].description = pr->rule.description;
		} else {
			const smkilint_lint_info *li = smkilint_lint_find(pr->rule.id);
			if (li == NULL) {
				smk_ctx_set_error(ctx, SMKILINT_EPROFILE,
						  "%s:%d:%d: unknown lint id '%s' (not a built-in lint, nor a rule of '%s')",
						  pr->rule.file, pr->rule.line, pr->rule.column, pr->rule.id,
						  p->extends ? p->extends : p->name);
				return SMKILINT_EPROFILE;
			}
			rules[at] = pr->rule;
			rules[at].check = CK_LINT;
			if (!(pr->has & HAS_SEVERITY))
				rules[at].severity = li->severity;
			if (!(pr->has & HAS_CITATION))
				rules[at].citation = li->citation;
		}
		if (at == n)
			n++;
	}
	p->rules = rules;
	p->n_rules = n;
	/* index the adjustments of built-in lints once, not per certificate */
	size_t n_lints = smkilint_lint_count();
	p->lint_rule = smk_alloc(&set->arena, (n_lints + 1) * sizeof(*p->lint_rule));
	if (p->lint_rule == NULL)
		return SMKILINT_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		if (rules[i].check != CK_LINT)
			continue;
		for (size_t k = 0; k < n_lints; k++)
			if (strcmp(smkilint_lint_get(k)->id, rules[i].id) == 0)
				p->lint_rule[k] = &rules[i];
	}
	return 0;
}

/* A profile whose resolution fails goes back to unresolved (its raw rules
 * are still in place), so that finalizing again fails again instead of
 * taking the "in progress" mark for a resolved profile. */
static int resolve(smkilint_profiles *set, smkilint_ctx *ctx, struct smkilint_profile *p, int depth)
{
	int rc = resolve_one(set, ctx, p, depth);
	if (rc != 0 && p->n_rules == (size_t)-2)
		p->n_rules = (size_t)-1;
	return rc;
}

int smkilint_profiles_finalize(smkilint_profiles *set, smkilint_ctx *ctx)
{
	if (set->finalized)
		return 0;
	for (size_t i = 0; i < set->n_profiles; i++) {
		int rc = resolve(set, ctx, set->profiles[i], 0);
		if (rc != 0)
			return rc;
	}
	(void)find_raw;
	set->finalized = true;
	return 0;
}

int smkilint_profiles_pin_environment(smkilint_profiles *set, smkilint_ctx *ctx, const char *name_or_file)
{
	for (size_t i = 0; i < set->n_envs; i++) {
		if (strcmp(set->envs[i]->name, name_or_file) == 0) {
			set->pinned = set->envs[i];
			return 0;
		}
	}
	struct stat st;
	if (stat(name_or_file, &st) != 0) {
		smk_ctx_set_error(ctx, SMKILINT_ENOENT, "--env %s: no such environment (and no such file)", name_or_file);
		return SMKILINT_ENOENT;
	}
	const char *name = NULL;
	int rc = load_path(set, ctx, name_or_file, &name, 2);
	if (rc != 0)
		return rc;
	for (size_t i = 0; i < set->n_envs; i++)
		if (strcmp(set->envs[i]->name, name) == 0)
			set->pinned = set->envs[i];
	return 0;
}
