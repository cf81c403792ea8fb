/*
 * Declarative profiles, in memory. A profile file (YAML, see
 * docs/profiles.md) is loaded into a list of rules; `extends` is resolved
 * at load time, so a profile here is always complete and never changes
 * again (it can be shared between threads). Environments and the naming
 * convention are data of the same set.
 */
#ifndef SMK_PROFILE_H
#define SMK_PROFILE_H

#include <regex.h>

#include "smk.h"

enum smk_check {
	CK_LINT,              /* adjusts a coded lint: severity or disabled */
	CK_VERSION,
	CK_SERIAL,
	CK_SIGNATURE_ALGORITHM,
	CK_KEY,
	CK_NAME_EMPTY,
	CK_NAME_ATTRIBUTE,
	CK_NAME_LAYOUT,
	CK_ROLE,
	CK_ROLE_KEY_USAGE,
	CK_VALIDITY,
	CK_EXTENSION_PRESENCE,
	CK_EXTENSION_CRITICAL,
	CK_ONLY_LISTED_EXTENSIONS,
	CK_KEY_USAGE,
	CK_BASIC_CONSTRAINTS,
	CK_KEY_IDENTIFIER,
	CK_POLICIES,
	CK_SUBJECT_ALT_NAME,
	CK_SELF_SIGNED,
	CK_COUNT
};

enum smk_field { FIELD_SUBJECT, FIELD_ISSUER };
enum smk_params_rule { PARAMS_ANY, PARAMS_ABSENT, PARAMS_NULL };
enum smk_presence { PRESENCE_ANY, PRESENCE_REQUIRED, PRESENCE_OPTIONAL, PRESENCE_FORBIDDEN };
enum smk_tri { TRI_ANY, TRI_TRUE, TRI_FALSE };
enum smk_env_set { ENV_NONE, ENV_ORGANISATION, ENV_DEVICE };

struct smk_range {
	bool set;
	long min, max;
};

struct smk_oid_list {
	const char **oid;
	size_t n;
};

/* String types, as bits of (1 << universal tag). */
#define SMK_ST_UTF8 (1u << 12)
#define SMK_ST_PRINTABLE (1u << 19)
#define SMK_ST_IA5 (1u << 22)
#define SMK_ST_TELETEX (1u << 20)
#define SMK_ST_BMP (1u << 30)
#define SMK_ST_UNIVERSAL (1u << 28)
#define SMK_ST_BITSTRING (1u << 3)

struct smk_layout_item {
	const char *oid;
	bool optional;
};

struct smk_role_ku {
	char role[8];
	uint32_t bits;        /* allowed key usage bits */
};

struct smk_rule {
	const char *id;
	smkilint_severity severity;
	const char *citation;
	const char *description;
	const char *since, *until;    /* YYYY-MM-DD, compared with notBefore */
	enum smk_check check;
	bool disabled;
	const char *file;             /* where it was declared */
	int line, column;

	/* parameters: only those of the rule's check are set */
	int version;                  /* 1..3 */
	bool positive;
	struct smk_range length;      /* octets (serial, key id, hwSerialNum), characters (names) */
	const char *oid;              /* algorithm, key algorithm, attribute type, extension */
	int ext_kind;                 /* for extension rules: enum smk_ext_kind or SMK_EXT_OTHER */
	enum smk_params_rule params;
	const char *curve;
	bool uncompressed;
	bool on_curve;
	enum smk_field field;
	bool empty;
	struct smk_range count;
	unsigned string_types;        /* 0 = any */
	regex_t *regex;
	const char *regex_src;
	int bits;                     /* BIT STRING length in bits, 0 = any */
	bool not_reserved;            /* EUI-64 not all-zero / all-ones */
	struct smk_layout_item *layout;
	size_t n_layout;
	bool others_forbidden;
	bool single_valued;
	const char *not_after;        /* exact notAfter text */
	uint8_t not_before_tag, not_after_tag;  /* required time types, 0 = any */
	long max_lifetime_days;       /* 0 = none */
	struct smk_range lifetime;    /* notAfter - notBefore in seconds */
	bool ordered;                 /* only_listed_extensions: in the listed order */
	const char *equals_hex;       /* key_identifier / extension_presence: exact value (hex) */
	const char *value;            /* name_attribute: exact value (text; "#hex" for BIT STRING) */
	const char *time_of_day;      /* "HH:MM:SS" of notAfter */
	enum smk_presence presence;
	enum smk_tri critical;
	struct smk_oid_list list;     /* allowed extensions, policy OIDs, hwTypes */
	enum smk_env_set env_set;     /* policies/hwType: take the values from the environments */
	bool no_qualifiers;
	uint32_t ku_exactly, ku_at_least, ku_at_most, ku_one_of;
	bool ku_exactly_set, ku_at_most_set, ku_one_of_set;
	enum smk_tri ca;
	bool pathlen_absent;
	struct smk_range pathlen;
	bool key_id_ski;              /* subjectKeyIdentifier, else authorityKeyIdentifier */
	bool method2;
	bool keyid_only;
	unsigned gn_types;            /* allowed GeneralName types, bits of enum smk_gn_type */
	bool hw_module_required;
	bool hw_types_from_env;
	const char *hw_serial_hex;    /* subject_alt_name: the expected hwSerialNum, 16 lower-case hex digits */
	regex_t *hw_serial_re;        /* subject_alt_name: finds the expected hwSerialNum in the input name */
	const char *hw_serial_re_src;
	struct smk_role_ku *role_ku;
	size_t n_role_ku;
};

struct smk_env {
	const char *name;
	const char *description;
	const char *file;
	struct smk_oid_list org_policies;
	struct smk_oid_list device_policies;
	struct smk_oid_list hw_types;
	const char **roles;           /* RemotePartyRole codes, as in the OU ("02", "7F") */
	size_t n_roles;
};

enum smk_cn_presence { CN_ANY, CN_REQUIRED, CN_OPTIONAL, CN_FORBIDDEN };

struct smk_cn_rule {
	char role[8];                 /* "" = default */
	enum smk_cn_presence presence;
	uint32_t key_usages;          /* CN allowed only with these key usage bits (0 = any) */
	unsigned string_types;
	long max_length;
	const char *charset;          /* characters allowed, as an ERE bracket body ("A-Z0-9") */
	regex_t *charset_re;
	regex_t *regex;
	const char *regex_src;
	int case_rule;                /* 0 any, 1 upper, 2 lower */
	bool set_string_types, set_max_length, set_charset, set_regex, set_case;
};

struct smk_register_entry {
	const char *eui;              /* 16 lower-case hex digits */
	const char **names;
	size_t n_names;
};

struct smk_naming {
	const char *file;
	const char *id;
	smkilint_severity severity;
	const char *citation;
	struct smk_cn_rule def;
	struct smk_cn_rule *roles;
	size_t n_roles;
	bool not_entity_identifier;
	struct smk_register_entry *reg;
	size_t n_reg;
	const char *register_file;
};

struct smkilint_profile {
	const char *name;
	const char *description;
	const char *kind;             /* root, oca, dca, organisation, device, any */
	const char *file;
	const char *extends;
	bool opt_in;                  /* never chosen by auto-detection */
	bool abstract;                /* only a base for others */
	bool is_auto;                 /* the auto-detecting pseudo profile */
	struct smk_rule *rules;
	size_t n_rules;
	struct smk_naming *naming;    /* NULL: no convention */
	const struct smkilint_profiles *set;
	const struct smk_rule **lint_rule;   /* per catalogue index: the rule adjusting that lint, or NULL */
};

struct smkilint_profiles {
	struct smk_arena arena;
	struct smkilint_profile **profiles;
	size_t n_profiles, cap_profiles;
	struct smk_env **envs;
	size_t n_envs, cap_envs;
	const struct smk_env *pinned;    /* --env */
	struct smk_naming *naming;       /* --naming: replaces every profile's */
	struct smkilint_profile auto_profile;
	bool finalized;
	regex_t **regexes;               /* compiled at load time, freed with the set */
	size_t n_regexes, cap_regexes;
};

/* Run one rule (tests use it directly), or a profile's rules and naming. */
enum smk_status smk_rule_run(const struct smk_rule *r, const struct smkilint_profile *p, const struct smk_cert *c,
			     smkilint_report *report);
enum smk_status smk_naming_run(const struct smk_naming *nm, const struct smk_cert *c, smkilint_report *r);

int smk_profile_run(const struct smkilint_profile *p, const struct smk_cert *c, smkilint_report *r);

/* Choose a profile for a certificate; *reason is static or arena storage. */
const struct smkilint_profile *smk_profile_detect(const struct smkilint_profiles *set,
						  const struct smk_cert *c, const char **reason,
						  struct smk_arena *a);

/* How the profile changes built-in lint number `index` of the catalogue
 * (smkilint_lint_get order): NULL when it does not. */
const struct smk_rule *smk_profile_lint_override(const struct smkilint_profile *p, size_t index);

/* Helpers shared by checks and detection. */
const struct smk_atv *smk_name_find(const struct smk_name *n, enum smk_oid id, size_t *count);
bool smk_cert_self_issued(const struct smk_cert *c);
const char *smk_ku_bit_name(int bit);
int smk_ku_bit_parse(const char *name);
/* An EUI-64 written as 16 hex digits, maybe with '-' or ':' between octets,
 * as 16 lower-case hex digits in out; false when s[0..n) is not one. */
bool smk_eui_norm(const char *s, size_t n, char out[17]);

#endif
