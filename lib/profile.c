/*
 * Profile sets: lifetime, look-up, auto-detection and the resolved dump
 * (`smkilint profile show`).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"
#include "textbuf.h"

int smkilint_profiles_new(smkilint_profiles **out)
{
	*out = NULL;
	smkilint_profiles *set = calloc(1, sizeof(*set));
	if (set == NULL)
		return SMKILINT_ENOMEM;
	smk_arena_init(&set->arena);
	set->auto_profile.name = "auto";
	set->auto_profile.description = "pick a profile per certificate (docs/profiles.md, Auto-detection)";
	set->auto_profile.kind = "any";
	set->auto_profile.is_auto = true;
	set->auto_profile.set = set;
	*out = set;
	return 0;
}

void smkilint_profiles_free(smkilint_profiles *set)
{
	if (set == NULL)
		return;
	for (size_t i = 0; i < set->n_regexes; i++) {
		regfree(set->regexes[i]);
		free(set->regexes[i]);
	}
	free(set->regexes);
	free(set->profiles);
	free(set->envs);
	smk_arena_free(&set->arena);
	free(set);
}

size_t smkilint_profiles_count(const smkilint_profiles *set)
{
	return set->n_profiles;
}

const smkilint_profile *smkilint_profiles_get(const smkilint_profiles *set, size_t i)
{
	return i < set->n_profiles ? set->profiles[i] : NULL;
}

const smkilint_profile *smkilint_profiles_find(const smkilint_profiles *set, const char *name)
{
	if (strcmp(name, "auto") == 0)
		return &set->auto_profile;
	const smkilint_profile *found = NULL;
	for (size_t i = 0; i < set->n_profiles; i++)
		if (strcmp(set->profiles[i]->name, name) == 0)
			found = set->profiles[i];
	return found;
}

const smkilint_profile *smkilint_profiles_auto(const smkilint_profiles *set)
{
	return &set->auto_profile;
}

const char *smkilint_profile_name(const smkilint_profile *p)
{
	return p->name;
}

const char *smkilint_profile_description(const smkilint_profile *p)
{
	return p->description != NULL ? p->description : "";
}

const char *smkilint_profile_kind(const smkilint_profile *p)
{
	return p->kind;
}

int smkilint_profile_flags(const smkilint_profile *p)
{
	return p->abstract ? 2 : p->opt_in ? 1 : 0;
}

size_t smkilint_profile_rule_count(const smkilint_profile *p)
{
	return p->is_auto ? 0 : p->n_rules;
}

static const char *check_name(enum smk_check c);

int smkilint_profile_rule(smkilint_rule_info *out, const smkilint_profile *p, size_t i)
{
	if (p->is_auto || i >= p->n_rules)
		return SMKILINT_ENOENT;
	const struct smk_rule *r = &p->rules[i];
	out->id = r->id;
	out->severity = r->severity;
	out->citation = r->citation;
	out->description = r->description;
	out->since = r->since;
	out->until = r->until;
	out->check = check_name(r->check);
	out->disabled = r->disabled;
	out->file = r->file;
	out->line = r->line;
	return 0;
}

const char *smkilint_profile_naming_id(const smkilint_profile *p)
{
	const struct smk_naming *nm = p->set != NULL && p->set->naming != NULL ? p->set->naming : p->naming;
	return nm != NULL ? nm->id : NULL;
}

/* ------------------------------------------------------------ detection */

static const char *role_name(const char *ou)
{
	static const struct {
		const char *code, *name;
	} roles[] = {
		{"00", "root"}, {"01", "recovery"}, {"02", "supplier"}, {"03", "networkOperator"},
		{"04", "accessControlBroker"}, {"05", "transitionalCoS"}, {"06", "wanProvider"},
		{"07", "issuingAuthority"}, {"08", "loadController"}, {"7F", "other"}, {"87", "xmlSign (DCC Boxed)"},
		{"89", "dspXmlSign (DCC Boxed)"},
	};
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(roles[i].code, ou) == 0)
			return roles[i].name;
	return "not a known RemotePartyRole";
}

static const struct smkilint_profile *by_kind(const struct smkilint_profiles *set, const char *kind)
{
	/* the last one loaded wins: a user directory loads after the shipped one */
	const struct smkilint_profile *found = NULL;
	for (size_t i = 0; i < set->n_profiles; i++) {
		const struct smkilint_profile *p = set->profiles[i];
		if (!p->opt_in && !p->abstract && strcmp(p->kind, kind) == 0)
			found = p;
	}
	return found;
}

const struct smkilint_profile *smk_profile_detect(const struct smkilint_profiles *set, const struct smk_cert *c,
						  const char **reason, struct smk_arena *a)
{
	const char *kind = NULL;
	bool has_hw = false;
	for (size_t i = 0; i < c->n_san; i++)
		has_hw = has_hw || c->san[i].hw_module;
	const struct smk_atv *ou = smk_name_find(&c->subject, SMK_OID_AT_OU, NULL);
	const char *role = ou != NULL ? smk_strndup(a, (const char *)ou->value.p, ou->value.len) : NULL;
	bool ca = c->known[SMK_EXT_BASIC_CONSTRAINTS] != NULL && c->bc.ca;
	if (c->is_csr) {
		/* requests: only the subject says what is asked for (a device's
		 * request may leave its identity to the CA: the SAN is not required) */
		if (c->subject.n_rdn == 0) {
			kind = "csr-device";
			*reason = has_hw ? "certification request with an empty subject and a requested HardwareModuleName"
					 : "certification request with an empty subject (a device key)";
		} else if (role != NULL) {
			kind = "csr-organisation";
			*reason = smk_printf(a, "certification request with subject OU %s (RemotePartyRole %s)", role,
					     role_name(role));
		} else {
			*reason = "no rule matched: a certification request whose subject is neither empty (device) nor "
				  "holds a RemotePartyRole OU (organisation)";
			return NULL;
		}
	} else if (c->subject.n_rdn == 0 && has_hw) {
		bool ka = c->known[SMK_EXT_KEY_USAGE] != NULL && (c->ku.bits & (1u << SMK_KU_KEY_AGREEMENT));
		kind = ka ? "device-ka" : "device-ds";
		*reason = ka ? "empty subject and a HardwareModuleName in subjectAltName; keyUsage has keyAgreement"
			     : "empty subject and a HardwareModuleName in subjectAltName; keyUsage has no keyAgreement";
	} else if (role != NULL && strcmp(role, "00") == 0 && smk_cert_self_issued(c)) {
		kind = "root";
		*reason = "self-issued (issuer = subject) with subject OU 00 (RemotePartyRole root)";
	} else if (ca && role != NULL && strcmp(role, "07") == 0) {
		kind = "oca";
		*reason = "basicConstraints cA TRUE with subject OU 07 (RemotePartyRole issuingAuthority)";
	} else if (ca && role == NULL) {
		kind = "dca";
		*reason = "basicConstraints cA TRUE and no RemotePartyRole OU in the subject";
	} else if (role != NULL) {
		kind = "organisation";
		*reason = smk_printf(a, "subject OU %s (RemotePartyRole %s)%s", role, role_name(role),
				     ca ? " with cA TRUE" : "");
	} else {
		*reason = "no rule matched: not a device (empty subject + HardwareModuleName), no RemotePartyRole OU, "
			  "not a CA";
		return NULL;
	}
	const struct smkilint_profile *p = by_kind(set, kind);
	if (p == NULL)
		*reason = smk_printf(a, "%s; but no loaded profile is of kind %s", *reason, kind);
	return p;
}

/* ------------------------------------------------------------ dump */

static void kv(struct smk_buf *b, const char *key, const char *value)
{
	smk_put(b, "    %s: ", key);
	smk_q(b, value);
	smk_put(b, "\n");
}

static void kv_list(struct smk_buf *b, const char *key, const char *const *v, size_t n)
{
	smk_put(b, "    %s: [", key);
	for (size_t i = 0; i < n; i++) {
		if (i)
			smk_put(b, ", ");
		smk_q(b, v[i]);
	}
	smk_put(b, "]\n");
}

static void kv_range(struct smk_buf *b, const char *key, const struct smk_range *r)
{
	if (r->set)
		smk_put(b, "    %s: {min: %ld, max: %ld}\n", key, r->min, r->max);
}

/* ": [digitalSignature, keyAgreement]\n" */
static void ku_list(struct smk_buf *b, uint32_t bits)
{
	smk_put(b, ": [");
	bool first = true;
	for (int i = 0; i < 9; i++) {
		if (bits & (1u << i)) {
			smk_put(b, "%s%s", first ? "" : ", ", smk_ku_bit_name(i));
			first = false;
		}
	}
	smk_put(b, "]\n");
}

static void kv_ku(struct smk_buf *b, const char *key, uint32_t bits)
{
	smk_put(b, "    %s", key);
	ku_list(b, bits);
}

static void string_types(struct smk_buf *b, const char *indent, unsigned t)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {{SMK_ST_UTF8, "utf8"}, {SMK_ST_PRINTABLE, "printable"}, {SMK_ST_IA5, "ia5"},
		     {SMK_ST_TELETEX, "teletex"}, {SMK_ST_BMP, "bmp"}, {SMK_ST_UNIVERSAL, "universal"},
		     {SMK_ST_BITSTRING, "bitstring"}};
	smk_put(b, "%sstring_types: [", indent);
	bool first = true;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (t & names[i].bit) {
			smk_put(b, "%s%s", first ? "" : ", ", names[i].name);
			first = false;
		}
	}
	smk_put(b, "]\n");
}

static const char *check_name(enum smk_check c)
{
	static const char *const names[CK_COUNT] = {
		"lint", "version", "serial", "signature_algorithm", "key", "name_empty", "name_attribute",
		"name_layout", "role", "role_key_usage", "validity", "extension_presence", "extension_critical",
		"only_listed_extensions", "key_usage", "basic_constraints", "key_identifier", "policies",
		"subject_alt_name", "self_signed"};
	return (unsigned)c < CK_COUNT ? names[c] : "?";
}

/* Text in a YAML comment: names and file names may hold a newline, which
 * would end the comment; anything but printable ASCII becomes '?'. */
static void put_comment(struct smk_buf *b, const char *s)
{
	for (; s != NULL && *s; s++)
		smk_put(b, "%c", (unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f ? '?' : *s);
}

static void dump_rule(struct smk_buf *b, const struct smk_rule *r)
{
	smk_put(b, "  # from ");
	put_comment(b, r->file);
	smk_put(b, ":%d\n  - id: %s\n", r->line, r->id);
	if (r->check != CK_LINT)
		smk_put(b, "    check: %s\n", check_name(r->check));
	smk_put(b, "    severity: %s\n", smkilint_severity_name(r->severity));
	kv(b, "citation", r->citation);
	if (r->description)
		kv(b, "description", r->description);
	if (r->disabled)
		smk_put(b, "    disabled: true\n");
	if (r->since)
		kv(b, "since", r->since);
	if (r->until)
		kv(b, "until", r->until);
	static const char *const gn_names[] = {"otherName", "rfc822Name", "dNSName", "x400Address", "directoryName",
					       "ediPartyName", "uniformResourceIdentifier", "iPAddress", "registeredID"};
	switch (r->check) {
	case CK_VERSION:
		smk_put(b, "    version: %d\n", r->version);
		break;
	case CK_SERIAL:
		if (r->positive)
			smk_put(b, "    positive: true\n");
		kv_range(b, "length", &r->length);
		break;
	case CK_SIGNATURE_ALGORITHM:
		if (r->oid)
			kv(b, "algorithm", r->oid);
		if (r->params != PARAMS_ANY)
			smk_put(b, "    parameters: %s\n", r->params == PARAMS_ABSENT ? "absent" : "null");
		break;
	case CK_KEY:
		if (r->oid)
			kv(b, "algorithm", r->oid);
		if (r->curve)
			kv(b, "curve", r->curve);
		if (r->uncompressed)
			smk_put(b, "    point: uncompressed\n");
		if (r->on_curve)
			smk_put(b, "    on_curve: true\n");
		break;
	case CK_NAME_EMPTY:
		smk_put(b, "    field: %s\n    empty: %s\n", r->field == FIELD_ISSUER ? "issuer" : "subject",
		    r->empty ? "true" : "false");
		break;
	case CK_NAME_ATTRIBUTE:
		smk_put(b, "    field: %s\n", r->field == FIELD_ISSUER ? "issuer" : "subject");
		if (r->oid)
			kv(b, "type", r->oid);
		else
			smk_put(b, "    type: any\n");
		kv_range(b, "count", &r->count);
		if (r->string_types)
			string_types(b, "    ", r->string_types);
		if (r->regex_src)
			kv(b, "regex", r->regex_src);
		kv_range(b, "length", &r->length);
		if (r->bits)
			smk_put(b, "    bits: %d\n", r->bits);
		if (r->not_reserved)
			smk_put(b, "    not_reserved: true\n");
		if (r->value)
			kv(b, "value", r->value);
		break;
	case CK_NAME_LAYOUT:
		smk_put(b, "    field: %s\n", r->field == FIELD_ISSUER ? "issuer" : "subject");
		if (r->layout) {
			smk_put(b, "    attributes:\n");
			for (size_t i = 0; i < r->n_layout; i++) {
				smk_put(b, "      - {type: ");
				smk_q(b, r->layout[i].oid);
				smk_put(b, "%s}\n", r->layout[i].optional ? ", optional: true" : "");
			}
			smk_put(b, "    others: %s\n", r->others_forbidden ? "forbidden" : "allowed");
		}
		if (r->single_valued)
			smk_put(b, "    single_valued: true\n");
		break;
	case CK_ROLE:
		smk_put(b, "    field: %s\n", r->field == FIELD_ISSUER ? "issuer" : "subject");
		if (r->others_forbidden)
			kv_list(b, "forbidden_roles", r->list.oid, r->list.n);
		else if (r->hw_types_from_env)
			smk_put(b, "    roles: environment\n");
		else
			kv_list(b, "roles", r->list.oid, r->list.n);
		break;
	case CK_ROLE_KEY_USAGE:
		smk_put(b, "    role_key_usages:\n");
		for (size_t i = 0; i < r->n_role_ku; i++) {
			smk_put(b, "      ");
			smk_q(b, r->role_ku[i].role);
			ku_list(b, r->role_ku[i].bits);
		}
		break;
	case CK_VALIDITY:
		if (r->not_after)
			kv(b, "not_after", r->not_after);
		if (r->not_before_tag)
			smk_put(b, "    not_before_type: %s\n", r->not_before_tag == 0x17 ? "utctime" : "generalizedtime");
		if (r->not_after_tag)
			smk_put(b, "    not_after_type: %s\n", r->not_after_tag == 0x17 ? "utctime" : "generalizedtime");
		if (r->max_lifetime_days)
			smk_put(b, "    max_lifetime_days: %ld\n", r->max_lifetime_days);
		if (r->time_of_day)
			kv(b, "not_after_time_of_day", r->time_of_day);
		kv_range(b, "lifetime_seconds", &r->lifetime);
		break;
	case CK_EXTENSION_PRESENCE:
		kv(b, "extension", r->oid);
		smk_put(b, "    presence: %s\n", r->presence == PRESENCE_REQUIRED ? "required"
				       : r->presence == PRESENCE_FORBIDDEN ? "forbidden" : "optional");
		if (r->equals_hex)
			kv(b, "equals", r->equals_hex);
		break;
	case CK_EXTENSION_CRITICAL:
		kv(b, "extension", r->oid);
		smk_put(b, "    critical: %s\n", r->critical == TRI_TRUE ? "true" : "false");
		break;
	case CK_ONLY_LISTED_EXTENSIONS:
		kv_list(b, "extensions", r->list.oid, r->list.n);
		if (r->ordered)
			smk_put(b, "    ordered: true\n");
		break;
	case CK_KEY_USAGE:
		if (r->ku_exactly_set)
			kv_ku(b, "exactly", r->ku_exactly);
		if (r->ku_at_least)
			kv_ku(b, "at_least", r->ku_at_least);
		if (r->ku_at_most_set)
			kv_ku(b, "at_most", r->ku_at_most);
		if (r->ku_one_of_set)
			kv_ku(b, "exactly_one_of", r->ku_one_of);
		break;
	case CK_BASIC_CONSTRAINTS:
		if (r->presence != PRESENCE_ANY)
			smk_put(b, "    presence: %s\n", r->presence == PRESENCE_REQUIRED ? "required"
					       : r->presence == PRESENCE_FORBIDDEN ? "forbidden" : "optional");
		if (r->critical != TRI_ANY)
			smk_put(b, "    critical: %s\n", r->critical == TRI_TRUE ? "true" : "false");
		if (r->ca != TRI_ANY)
			smk_put(b, "    ca: %s\n", r->ca == TRI_TRUE ? "true" : "false");
		if (r->pathlen_absent)
			smk_put(b, "    path_len: absent\n");
		kv_range(b, "path_len", &r->pathlen);
		break;
	case CK_KEY_IDENTIFIER:
		kv(b, "key_identifier", r->oid);
		kv_range(b, "length", &r->length);
		if (r->method2)
			smk_put(b, "    method: 2\n");
		if (r->keyid_only)
			smk_put(b, "    key_id_only: true\n");
		if (r->empty)
			smk_put(b, "    matches_ski: true\n");
		if (r->equals_hex)
			kv(b, "equals", r->equals_hex);
		break;
	case CK_POLICIES:
		kv_range(b, "count", &r->count);
		if (r->env_set != ENV_NONE)
			smk_put(b, "    oids: %s\n", r->env_set == ENV_DEVICE ? "device" : "organisation");
		else if (r->list.n)
			kv_list(b, "oids", r->list.oid, r->list.n);
		if (r->no_qualifiers)
			smk_put(b, "    qualifiers: forbidden\n");
		break;
	case CK_SUBJECT_ALT_NAME:
		kv_range(b, "count", &r->count);
		if (r->gn_types) {
			smk_put(b, "    name_types: [");
			bool first = true;
			for (int i = 0; i < 9; i++) {
				if (r->gn_types & (1u << i)) {
					smk_put(b, "%s%s", first ? "" : ", ", gn_names[i]);
					first = false;
				}
			}
			smk_put(b, "]\n");
		}
		if (r->hw_module_required)
			smk_put(b, "    hw_module_name: required\n");
		if (r->hw_types_from_env)
			smk_put(b, "    hw_types: environment\n");
		else if (r->list.n)
			kv_list(b, "hw_types", r->list.oid, r->list.n);
		kv_range(b, "hw_serial_length", &r->length);
		if (r->not_reserved)
			smk_put(b, "    not_reserved: true\n");
		if (r->hw_serial_hex)
			kv(b, "hw_serial", r->hw_serial_hex);
		if (r->hw_serial_re_src)
			kv(b, "hw_serial_from_input", r->hw_serial_re_src);
		break;
	default:
		break;
	}
}

static void dump_cn_rule(struct smk_buf *b, const char *indent, const struct smk_cn_rule *c)
{
	static const char *const pres[] = {"any", "required", "optional", "forbidden"};
	smk_put(b, "%spresence: %s\n", indent, pres[c->presence]);
	if (c->key_usages) {
		smk_put(b, "%skey_usages: [", indent);
		bool first = true;
		for (int i = 0; i < 9; i++)
			if (c->key_usages & (1u << i)) {
				smk_put(b, "%s%s", first ? "" : ", ", smk_ku_bit_name(i));
				first = false;
			}
		smk_put(b, "]\n");
	}
	if (c->set_string_types || (c->string_types && c->role[0] == '\0'))
		string_types(b, indent, c->string_types);
	if (c->max_length)
		smk_put(b, "%smax_length: %ld\n", indent, c->max_length);
	if (c->charset) {
		smk_put(b, "%scharset: ", indent);
		smk_q(b, c->charset);
		smk_put(b, "\n");
	}
	if (c->regex_src) {
		smk_put(b, "%sregex: ", indent);
		smk_q(b, c->regex_src);
		smk_put(b, "\n");
	}
	if (c->case_rule)
		smk_put(b, "%scase: %s\n", indent, c->case_rule == 1 ? "upper" : "lower");
}

int smkilint_profile_dump(char **out, const smkilint_profile *p)
{
	struct smk_buf b = {NULL, 0, 0, false};
	*out = NULL;
	smk_put(&b, "# resolved profile ");
	put_comment(&b, p->name);
	smk_put(&b, " (from ");
	put_comment(&b, p->file ? p->file : "built in");
	if (p->extends) {
		smk_put(&b, ", extends ");
		put_comment(&b, p->extends);
	}
	smk_put(&b, ")\n");
	smk_put(&b, "profile: ");
	smk_q(&b, p->name);
	smk_put(&b, "\ndescription: ");
	smk_q(&b, p->description ? p->description : "");
	smk_put(&b, "\nkind: %s\n", p->kind);
	if (p->opt_in)
		smk_put(&b, "opt_in: true\n");
	if (p->abstract)
		smk_put(&b, "abstract: true\n");
	smk_put(&b, p->n_rules ? "rules:\n" : "rules: []\n");   /* a bare "rules:" is null, not a list */
	for (size_t i = 0; i < p->n_rules; i++)
		dump_rule(&b, &p->rules[i]);
	const struct smk_naming *nm = p->set && p->set->naming ? p->set->naming : p->naming;
	if (nm != NULL) {
		smk_put(&b, "# naming convention from ");
		put_comment(&b, nm->file);
		smk_put(&b, "\nnaming:\n  id: %s\n  severity: %s\n  citation: ", nm->id,
		    smkilint_severity_name(nm->severity));
		smk_q(&b, nm->citation);
		smk_put(&b, "\n  default:\n");
		dump_cn_rule(&b, "    ", &nm->def);
		if (nm->n_roles) {
			smk_put(&b, "  roles:\n");
			for (size_t i = 0; i < nm->n_roles; i++) {
				smk_put(&b, "    ");
				smk_q(&b, nm->roles[i].role);
				smk_put(&b, ":\n");
				dump_cn_rule(&b, "      ", &nm->roles[i]);
			}
		}
		if (nm->not_entity_identifier)
			smk_put(&b, "  not_entity_identifier: true\n");
		if (nm->register_file) {
			smk_put(&b, "  register: ");
			smk_q(&b, nm->register_file);
			smk_put(&b, "\n");
		}
	}
	if (b.failed || b.p == NULL) {
		free(b.p);
		return SMKILINT_ENOMEM;
	}
	*out = b.p;
	return 0;
}
