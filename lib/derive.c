/*
 * derive-profile: write a profile (in the language of docs/profiles.md) that
 * accepts exactly the certificates structurally equivalent to an approved
 * reference — the same checks `compare` makes, as rules — with a comment on
 * each rule saying where it came from. Built-in lints that already fire on
 * the reference are switched off (it was approved as it is), so that
 * `lint --profile derived.yaml` and `compare` agree.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "profile.h"
#include "textbuf.h"

/* the largest lifetime_seconds the loader takes (k_lifetime_seconds in profile_load.c) */
#define MAX_LIFETIME_SECONDS (4000000LL * 86400)

struct dv {
	struct smk_buf *b;
	const struct smk_cert *c;
	struct smk_arena *a;
	const char *prefix;     /* rule id prefix, e.g. "derived" */
	int n;
};

static void rule_head(struct dv *d, const char *id, const char *check, const char *why)
{
	/* ids are lower-case: keyUsage -> keyusage, 1.2.3 -> 1_2_3 */
	char *low = smk_strdup(d->a, id);
	for (char *p = low; p != NULL && *p; p++)
		*p = *p == '.' || *p == '-' ? '_' : (char)tolower((unsigned char)*p);
	id = low != NULL ? low : id;
	smk_put(d->b, "\n  # %s\n  - id: %s.%s\n    check: %s\n    severity: error\n    citation: ", why, d->prefix, id,
		check);
	smk_q(d->b, "derived from the approved reference certificate");
	smk_put(d->b, "\n");
	d->n++;
}

static const char *tag_type(uint8_t tag)
{
	switch (tag) {
	case 0x0c: return "utf8";
	case 0x13: return "printable";
	case 0x16: return "ia5";
	case 0x14: return "teletex";
	case 0x1e: return "bmp";
	case 0x1c: return "universal";
	case 0x03: return "bitstring";
	default: return NULL;
	}
}

/* Text for a YAML comment: one line of printable ASCII (a finding's "found"
 * quotes the certificate, whose bytes may hold a newline). */
static const char *comment_text(struct smk_arena *a, const char *s)
{
	char *c = smk_strdup(a, s != NULL ? s : "");
	for (char *p = c; p != NULL && *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			*p = '?';
	return c != NULL ? c : "";
}

/* A value a YAML text can hold, as the name_attribute check compares it: valid
 * UTF-8 without NUL (a BMPString, a TeletexString or broken UTF-8 is not). */
static bool yaml_text_ok(const uint8_t *p, size_t len)
{
	return memchr(p, 0, len) == NULL && smk_utf8_check((const char *)p, len) == len;
}

static void name_rules(struct dv *d, const char *field, const struct smk_name *n)
{
	if (n->n_atv == 0) {
		rule_head(d, smk_printf(d->a, "%s_empty", field), "name_empty", smk_printf(d->a, "the reference's %s is empty", field));
		smk_put(d->b, "    field: %s\n    empty: true\n", field);
		return;
	}
	bool single = true, readable = true;
	for (size_t i = 0; i < n->n_atv; i++) {
		single = single && n->atv[i].pos == 0;
		readable = readable && n->atv[i].oid != NULL && n->atv[i].oid[0] != '\0';
	}
	if (!readable) {
		smk_put(d->b, "\n  # no %s layout rule: an attribute type of the reference cannot be read\n", field);
	} else {
		rule_head(d, smk_printf(d->a, "%s_layout", field), "name_layout",
			  smk_printf(d->a, "the reference's %s: these attributes in this order, nothing else", field));
		smk_put(d->b, "    field: %s\n    attributes:\n", field);
		for (size_t i = 0; i < n->n_atv; i++) {
			smk_put(d->b, "      - ");
			smk_q(d->b, n->atv[i].oid);
			smk_put(d->b, "   # %s\n", smk_oid_info(n->atv[i].id)->name);
		}
		smk_put(d->b, "    others: forbidden\n");
		if (single)
			smk_put(d->b, "    single_valued: true\n");
	}
	for (size_t i = 0; i < n->n_atv; i++) {
		const struct smk_atv *v = &n->atv[i];
		if (v->oid == NULL || v->oid[0] == '\0')
			continue;   /* (see above) */
		/* several attributes of one type share the rules of the first */
		bool first = true;
		for (size_t j = 0; j < i; j++)
			first = first && (n->atv[j].oid == NULL || strcmp(n->atv[j].oid, v->oid) != 0);
		if (!first)
			continue;
		size_t count = 0;
		for (size_t j = 0; j < n->n_atv; j++)
			count += n->atv[j].oid != NULL && strcmp(n->atv[j].oid, v->oid) == 0;
		const char *name = v->id != SMK_OID_UNKNOWN ? smk_oid_info(v->id)->name : v->oid;
		const char *type = tag_type(v->tag);
		/* an unknown type is named by its OID: two of them must not share an id */
		rule_head(d, smk_printf(d->a, "%s_%s", field, v->id != SMK_OID_UNKNOWN ? name : v->oid), "name_attribute",
			  smk_printf(d->a, "%s %s: string type and value as in the reference", field, name));
		smk_put(d->b, "    field: %s\n    type: ", field);
		smk_q(d->b, v->oid);
		smk_put(d->b, "\n    count: %zu\n", count);
		if (type != NULL)
			smk_put(d->b, "    string_types: [%s]\n", type);
		if (count == 1 && v->tag != 0x03 && !yaml_text_ok(v->value.p, v->value.len)) {
			smk_put(d->b, "    # value not written: it is not UTF-8 text a profile can hold\n");
		} else if (count == 1) {
			smk_put(d->b, "    value: ");
			if (v->tag == 0x03)
				smk_q(d->b, smk_printf(d->a, "#%s", smk_hex(d->a, v->value.p, v->value.len)));
			else
				smk_q(d->b, smk_strndup(d->a, (const char *)v->value.p, v->value.len));
			smk_put(d->b, "\n");
		}
	}
}

static void alg_rule(struct dv *d, const char *id, const struct smk_alg *a)
{
	rule_head(d, id, "signature_algorithm", "signature algorithm and parameters as in the reference");
	if (a->oid != NULL && a->oid[0] != '\0') {
		smk_put(d->b, "    algorithm: ");
		smk_q(d->b, a->oid);
		smk_put(d->b, "\n");
	} else {
		smk_put(d->b, "    # algorithm not written: the reference's OID cannot be read\n");
	}
	smk_put(d->b, "    parameters: %s\n", !a->params_present ? "absent" : a->params_null ? "null" : "any");
}

static void ext_rules(struct dv *d)
{
	const struct smk_cert *c = d->c;
	rule_head(d, "extensions_listed", "only_listed_extensions",
		  "exactly the reference's extensions, in its order (each one required below)");
	smk_put(d->b, "    extensions: [");
	for (size_t i = 0; i < c->n_ext; i++) {
		smk_put(d->b, "%s", i ? ", " : "");
		smk_q(d->b, c->ext[i].oid);
	}
	smk_put(d->b, "]\n    ordered: true\n");
	unsigned typed_done = 0;   /* the typed rules below are written once, for the first of duplicates */
	for (size_t i = 0; i < c->n_ext; i++) {
		const struct smk_ext *e = &c->ext[i];
		bool dup = false;
		for (size_t j = 0; j < i; j++)
			dup = dup || strcmp(c->ext[j].oid, e->oid) == 0;
		/* a duplicate extension gets rules of its own, named by its position */
		const char *short_name = e->id != SMK_OID_UNKNOWN && !dup ? e->name
					 : e->id != SMK_OID_UNKNOWN ? smk_printf(d->a, "%s_%zu", e->name, i)
					 : smk_printf(d->a, "ext%zu", i);
		/* the exact value where the rules below do not see every octet
		 * compare compares: extensions the linter does not decode, policy
		 * qualifiers, an AKI's issuer and serial, a SAN without a
		 * HardwareModuleName (whose serial number differs per device) */
		const char *pin = NULL;
		if (e->kind == SMK_EXT_OTHER || e->kind == SMK_EXT_EXT_KEY_USAGE || !e->decoded) {
			pin = " with the reference's exact value (not decoded by the linter)";
		} else if (e->kind == SMK_EXT_CERT_POLICIES) {
			for (size_t k = 0; k < c->n_policies && pin == NULL; k++)
				if (c->policies[k].n_qualifiers > 0)
					pin = " with the reference's exact value (its policy qualifiers are not decoded)";
		} else if (e->kind == SMK_EXT_AKI && (c->aki.has_issuer || c->aki.has_serial)) {
			pin = " with the reference's exact value (authorityCertIssuer and serial number included)";
		} else if (e->kind == SMK_EXT_SAN) {
			bool hw = false;
			for (size_t k = 0; k < c->n_san; k++)
				hw = hw || c->san[k].hw_module;
			if (!hw)
				pin = " with the reference's exact value (the names themselves)";
		}
		rule_head(d, smk_printf(d->a, "%s_present", short_name), "extension_presence",
			  smk_printf(d->a, "%s present%s", e->name, pin != NULL ? pin : ""));
		smk_put(d->b, "    extension: ");
		smk_q(d->b, e->oid);
		smk_put(d->b, "\n    presence: required\n");
		if (pin != NULL)
			smk_put(d->b, "    equals: %s\n", smk_hex(d->a, e->value.p, e->value.len));
		rule_head(d, smk_printf(d->a, "%s_critical", short_name), "extension_critical",
			  smk_printf(d->a, "%s criticality as in the reference", e->name));
		smk_put(d->b, "    extension: ");
		smk_q(d->b, e->oid);
		smk_put(d->b, "\n    critical: %s\n", e->critical ? "true" : "false");
		if (!e->decoded || (e->kind < 32 && (typed_done & (1u << e->kind))))
			continue;
		if (e->kind < 32)
			typed_done |= 1u << e->kind;
		switch (e->kind) {
		case SMK_EXT_KEY_USAGE:
			rule_head(d, "key_usage", "key_usage", "exactly the reference's key usage bits");
			smk_put(d->b, "    exactly: [");
			for (int bit = 0, first = 1; bit < 9; bit++)
				if (c->ku.bits & (1u << bit)) {
					smk_put(d->b, "%s%s", first ? "" : ", ", smk_ku_bit_name(bit));
					first = 0;
				}
			smk_put(d->b, "]\n");
			break;
		case SMK_EXT_BASIC_CONSTRAINTS:
			rule_head(d, "basic_constraints", "basic_constraints", "cA and pathLenConstraint as in the reference");
			smk_put(d->b, "    ca: %s\n", c->bc.ca ? "true" : "false");
			if (c->bc.has_pathlen && !c->bc.pathlen_negative)
				smk_put(d->b, "    path_len: %ld\n", c->bc.pathlen);
			else if (!c->bc.has_pathlen)
				smk_put(d->b, "    path_len: absent\n");
			break;
		case SMK_EXT_SKI: {
			uint8_t m2[8];
			bool method2 = smk_key_id_method2(c, m2) && c->ski.len == 8 && memcmp(m2, c->ski.p, 8) == 0;
			rule_head(d, "ski_form", "key_identifier",
				  smk_printf(d->a, "SKI of %zu octets%s (its value differs per key)", c->ski.len,
					     method2 ? ", computed by RFC 5280 method (2) as in the reference" : ""));
			smk_put(d->b, "    key_identifier: subjectKeyIdentifier\n    length: %zu\n", c->ski.len);
			if (method2)
				smk_put(d->b, "    method: 2\n");
			break;
		}
		case SMK_EXT_AKI:
			rule_head(d, "aki", "key_identifier", "the same issuer key identifier, in the same form");
			smk_put(d->b, "    key_identifier: authorityKeyIdentifier\n");
			if (c->aki.has_keyid && !c->aki.has_issuer && !c->aki.has_serial)
				smk_put(d->b, "    key_id_only: true\n");
			if (c->aki.has_keyid)
				smk_put(d->b, "    equals: %s\n", smk_hex(d->a, c->aki.keyid.p, c->aki.keyid.len));
			break;
		case SMK_EXT_CERT_POLICIES: {
			bool qualifiers = false;
			for (size_t k = 0; k < c->n_policies; k++)
				qualifiers = qualifiers || c->policies[k].n_qualifiers > 0;
			rule_head(d, "policies", "policies", "the reference's policy OIDs");
			smk_put(d->b, "    count: %zu\n    oids: [", c->n_policies);
			for (size_t k = 0; k < c->n_policies; k++) {
				smk_put(d->b, "%s", k ? ", " : "");
				smk_q(d->b, c->policies[k].oid);
			}
			smk_put(d->b, "]\n");
			if (!qualifiers)
				smk_put(d->b, "    qualifiers: forbidden\n");
			break;
		}
		case SMK_EXT_SAN: {
			static const char *const gn[] = {"otherName", "rfc822Name", "dNSName", "x400Address", "directoryName",
							 "ediPartyName", "uniformResourceIdentifier", "iPAddress", "registeredID"};
			unsigned types = 0;
			const struct smk_general_name *hw = NULL;
			for (size_t k = 0; k < c->n_san; k++) {
				types |= 1u << c->san[k].type;
				if (c->san[k].hw_module && c->san[k].hw_ok && hw == NULL)
					hw = &c->san[k];
			}
			rule_head(d, "san", "subject_alt_name", "the reference's name types and count");
			smk_put(d->b, "    count: %zu\n    name_types: [", c->n_san);
			for (int t = 0, first = 1; t < 9; t++)
				if (types & (1u << t)) {
					smk_put(d->b, "%s%s", first ? "" : ", ", gn[t]);
					first = 0;
				}
			smk_put(d->b, "]\n");
			if (hw != NULL) {
				smk_put(d->b, "    hw_module_name: required\n    hw_types: [");
				smk_q(d->b, hw->hw_type);
				smk_put(d->b, "]\n    hw_serial_length: %zu\n", hw->hw_serial.len);
			}
			break;
		}
		default:
			break;
		}
	}
}

int smkilint_derive_profile(char **out, smkilint_ctx *ctx, const uint8_t *der, size_t der_len, const char *name,
			    const char *reference_name)
{
	*out = NULL;
	struct smk_cert c;
	memset(&c, 0, sizeof(c));
	smk_arena_init(&c.arena);
	int rc = smk_decode_cert(&c, ctx, der, der_len);
	if (rc == 0 && !c.decoded) {
		smk_ctx_set_error(ctx, SMKILINT_EINVAL, "%s cannot be decoded: %s at offset %zu", reference_name,
				  c.fatal_reason ? c.fatal_reason : "malformed", c.fatal_loc.off);
		rc = SMKILINT_EINVAL;
	}
	if (rc != 0) {
		smk_cert_free(&c);
		return rc;
	}
	struct smk_arena a;
	smk_arena_init(&a);
	struct smk_buf b = {NULL, 0, 0, false};
	struct dv d = {&b, &c, &a, "derived", 0};

	smk_put(&b, "# Derived by smkilint %s from %s\n", SMKILINT_VERSION, comment_text(&a, reference_name));
	smk_put(&b, "# It accepts exactly the certificates structurally equivalent to that reference:\n"
		    "# the fields `smkilint compare` compares by value must be equal, those it\n"
		    "# compares by form (serial, key, SKI, signature, validity instants) must have\n"
		    "# the same form. Check it with `smkilint check-profile`, use it with\n"
		    "# `smkilint lint --profile THIS_FILE CANDIDATE`.\n");
	smk_put(&b, "profile: ");
	smk_q(&b, name);
	smk_put(&b, "\ndescription: ");
	smk_q(&b, smk_printf(&a, "certificates structurally equivalent to %s", comment_text(&a, reference_name)));
	smk_put(&b, "\nkind: any\nopt_in: true\nrules:\n");

	/* built-in lints that fire on the reference: it was approved as it is */
	smkilint_report *ref = NULL;
	if (smkilint_lint_der(&ref, ctx, NULL, der, der_len, reference_name, 0) == 0) {
		for (size_t i = 0; i < smkilint_report_count(ref); i++) {
			const smkilint_finding *f = smkilint_report_finding(ref, i);
			bool seen = false;
			for (size_t j = 0; j < i; j++)
				seen = seen || strcmp(smkilint_report_finding(ref, j)->lint, f->lint) == 0;
			if (seen || f->severity < SMKILINT_SEV_WARNING)
				continue;
			smk_put(&b, "\n  # fires on the reference itself (%s at %s): the approved certificate is the standard\n"
				    "  - id: %s\n    disabled: true\n", comment_text(&a, f->found), comment_text(&a, f->path),
				f->lint);
		}
	}
	smkilint_report_free(ref);

	if (c.version >= 0 && c.version <= 2) {
		rule_head(&d, "version", "version", "the reference's version");
		smk_put(&b, "    version: %d\n", c.version + 1);
	} else {
		smk_put(&b, "\n  # no version rule: the reference's version is not v1, v2 or v3\n");
	}
	rule_head(&d, "serial_form", "serial", "serial number of the same length and sign (its value differs)");
	smk_put(&b, "    positive: %s\n    length: %zu\n", c.serial.len && !(c.serial.p[0] & 0x80) ? "true" : "false",
		c.serial.len);
	alg_rule(&d, "signature_algorithm", &c.sig_alg);
	name_rules(&d, "issuer", &c.issuer);
	name_rules(&d, "subject", &c.subject);
	rule_head(&d, "validity_form", "validity",
		  "time types, lifetime and notAfter time of day as in the reference (the instants differ)");
	smk_put(&b, "    not_before_type: %s\n    not_after_type: %s\n",
		c.not_before.tag == 0x17 ? "utctime" : "generalizedtime", c.not_after.tag == 0x17 ? "utctime" : "generalizedtime");
	if (c.not_after.year == 9999) {
		smk_put(&b, "    not_after: \"%s\"   # a fixed notAfter: the lifetime then depends on notBefore\n",
			c.not_after.text);
	} else if (c.not_before.valid && c.not_after.valid && c.not_after.epoch >= c.not_before.epoch &&
		   c.not_after.epoch - c.not_before.epoch <= MAX_LIFETIME_SECONDS) {
		/* (a notAfter before notBefore has no lifetime a profile can state) */
		long long life = (long long)(c.not_after.epoch - c.not_before.epoch);
		long s = (long)(((c.not_after.epoch % 86400) + 86400) % 86400);
		smk_put(&b, "    lifetime_seconds: %lld   # %lld days\n    not_after_time_of_day: \"%02ld:%02ld:%02ld\"\n", life,
			life / 86400, s / 3600, s / 60 % 60, s % 60);
	}
	rule_head(&d, "key", "key", "the reference's key algorithm and curve; an uncompressed point");
	if (c.spki.alg.oid != NULL && c.spki.alg.oid[0] != '\0') {
		smk_put(&b, "    algorithm: ");
		smk_q(&b, c.spki.alg.oid);
		smk_put(&b, "\n");
	} else {
		smk_put(&b, "    # algorithm not written: the reference's OID cannot be read\n");
	}
	if (c.spki.curve_oid != NULL) {
		smk_put(&b, "    curve: ");
		smk_q(&b, c.spki.curve_oid);
		smk_put(&b, "\n");
	}
	if (c.spki.key.len == 65 && c.spki.key.p[0] == 0x04)
		smk_put(&b, "    point: uncompressed\n");
	if (c.spki.curve == SMK_OID_PRIME256V1)
		smk_put(&b, "    on_curve: true\n");
	if (c.has_extensions)
		ext_rules(&d);
	else
		smk_put(&b, "\n  # the reference has no extensions\n");

	smk_arena_free(&a);
	smk_cert_free(&c);
	if (b.failed || b.p == NULL) {
		free(b.p);
		return SMKILINT_ENOMEM;
	}
	*out = b.p;
	return 0;
}
