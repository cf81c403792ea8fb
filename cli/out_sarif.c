/* SARIF 2.1.0 output: one run; the lints (built-in lints, the rules of the
 * loaded profiles, waiver.expired) are the driver's rules; each shown
 * finding is a result located at its input file and, for PEM inputs, at the
 * line of the certificate's BEGIN marker (DER inputs: the byte range).
 * Waived findings carry a suppression. Results are streamed; the tool
 * object, which lists the rules, is written after them (JSON objects are
 * unordered), so that rules met only at run time are listed too. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

struct rule {
	char *id;
	smkilint_severity severity;
	char *description;
	char *citation;
	char *source;            /* "RFC 5280", a profile file, ... */
};

struct sarif_state {
	struct rule *rules;
	size_t n, cap;
	size_t *slots;           /* open addressing: rule index + 1, 0 empty */
	size_t n_slots;
	json_t *notifications;
};

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static size_t *slot_of(struct sarif_state *st, const char *id)
{
	size_t i = hash(id) & (st->n_slots - 1);
	while (st->slots[i] != 0 && strcmp(st->rules[st->slots[i] - 1].id, id) != 0)
		i = (i + 1) & (st->n_slots - 1);
	return &st->slots[i];
}

static long rule_find(struct sarif_state *st, const char *id)
{
	if (st->n_slots == 0)
		return -1;
	size_t *s = slot_of(st, id);
	return *s ? (long)(*s - 1) : -1;
}

static long rule_add(struct sarif_state *st, const char *id, smkilint_severity sev, const char *desc,
		     const char *citation, const char *source)
{
	long have = rule_find(st, id);
	if (have >= 0)
		return have;
	if (2 * (st->n + 1) > st->n_slots) {
		size_t ns = st->n_slots ? 2 * st->n_slots : 256;
		size_t *slots = calloc(ns, sizeof(*slots));
		if (slots == NULL)
			return -1;
		free(st->slots);
		st->slots = slots;
		st->n_slots = ns;
		for (size_t i = 0; i < st->n; i++)
			*slot_of(st, st->rules[i].id) = i + 1;
	}
	if (st->n == st->cap) {
		size_t cap = st->cap ? 2 * st->cap : 128;
		struct rule *r = realloc(st->rules, cap * sizeof(*r));
		if (r == NULL)
			return -1;
		st->rules = r;
		st->cap = cap;
	}
	struct rule *r = &st->rules[st->n];
	r->id = strdup(id);
	r->severity = sev;
	r->description = out_safe(desc != NULL && desc[0] ? desc : id, false);
	r->citation = out_safe(citation != NULL ? citation : "", false);
	r->source = out_safe(source != NULL ? source : "", false);
	if (r->id == NULL || r->description == NULL || r->citation == NULL || r->source == NULL) {
		free(r->id);
		free(r->description);
		free(r->citation);
		free(r->source);
		return -1;
	}
	*slot_of(st, id) = ++st->n;
	return (long)(st->n - 1);
}

static const char *level(smkilint_severity s)
{
	return s >= SMKILINT_SEV_ERROR ? "error" : s == SMKILINT_SEV_WARNING ? "warning" : "note";
}

/* An artifact URI: a relative reference for relative paths, file:// for
 * absolute ones; bytes other than unreserved characters and '/' are
 * percent-encoded. */
static char *path_uri(const char *path)
{
	static const char hexd[] = "0123456789ABCDEF";
	size_t n = strlen(path);
	char *u = malloc(3 * n + 8), *w = u;
	if (u == NULL)
		return NULL;
	if (path[0] == '/')
		w += sprintf(w, "file://");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p) != NULL) {
			*w++ = (char)*p;
		} else {
			*w++ = '%';
			*w++ = hexd[*p >> 4];
			*w++ = hexd[*p & 15];
		}
	}
	*w = '\0';
	return u;
}

static json_t *artifact(const char *input)
{
	json_t *a = json_object();
	if (strcmp(input, "<stdin>") == 0) {
		json_object_set_new(a, "description", json_pack("{s:s}", "text", "standard input"));
		return a;
	}
	char *u = path_uri(input);
	json_object_set_new(a, "uri", json_string(u != NULL ? u : ""));
	free(u);
	return a;
}

static json_t *text_message(const char *s)
{
	json_t *m = json_object();
	json_object_set_new(m, "text", out_json_string(s));
	return m;
}

/* "file:line:column" of a waiver, as a location. */
static json_t *waiver_location(const char *source)
{
	const char *c2 = strrchr(source, ':');
	const char *c1 = c2 != NULL ? c2 - 1 : NULL;
	while (c1 != NULL && c1 > source && *c1 != ':')
		c1--;
	json_t *phys = json_object();
	if (c1 != NULL && c1 > source && *c1 == ':') {
		char *file = strndup(source, (size_t)(c1 - source));
		json_object_set_new(phys, "artifactLocation", artifact(file != NULL ? file : source));
		json_object_set_new(phys, "region", json_pack("{s:i,s:i}", "startLine", atoi(c1 + 1) > 0 ? atoi(c1 + 1) : 1,
							      "startColumn", atoi(c2 + 1) > 0 ? atoi(c2 + 1) : 1));
		free(file);
	} else {
		json_object_set_new(phys, "artifactLocation", artifact(source));
	}
	return json_pack("{s:o}", "physicalLocation", phys);
}

int sarif_begin(struct out *o)
{
	struct sarif_state *st = calloc(1, sizeof(*st));
	if (st == NULL)
		return -1;
	o->sarif = st;
	st->notifications = json_array();
	/* the rules known before any certificate: the catalogue, then the profiles' own rules */
	for (size_t i = 0; i < smkilint_lint_count(); i++) {
		const smkilint_lint_info *l = smkilint_lint_get(i);
		if (rule_add(st, l->id, l->severity, l->description, l->citation, l->source) < 0)
			return -1;
	}
	for (size_t p = 0; o->profiles != NULL && p < smkilint_profiles_count(o->profiles); p++) {
		const smkilint_profile *prof = smkilint_profiles_get(o->profiles, p);
		for (size_t i = 0; i < smkilint_profile_rule_count(prof); i++) {
			smkilint_rule_info ri;
			if (smkilint_profile_rule(&ri, prof, i) != 0 || strcmp(ri.check, "lint") == 0)
				continue;
			char src[600];
			snprintf(src, sizeof(src), "profile %s (%s:%d)", smkilint_profile_name(prof), ri.file, ri.line);
			if (rule_add(st, ri.id, ri.severity, ri.description, ri.citation, src) < 0)
				return -1;
		}
		const char *naming = smkilint_profile_naming_id(prof);
		if (naming != NULL && rule_add(st, naming, SMKILINT_SEV_ERROR,
					       "the commonName follows the naming convention of the profile", "",
					       "naming convention") < 0)
			return -1;
	}
	if (rule_add(st, SMKILINT_WAIVER_EXPIRED, SMKILINT_SEV_WARNING,
		     "a waiver has expired: the findings it accepted are reported again", "the waiver file",
		     "smkilint waivers") < 0)
		return -1;
	fprintf(o->f, "{\"$schema\": \"%s\", \"version\": \"2.1.0\", \"runs\": [{\"results\": [\n", SARIF_SCHEMA);
	return ferror(o->f) ? -1 : 0;
}

static json_t *result_json(struct out *o, const smkilint_report *r, size_t i, const smkilint_waiver *w,
			   const struct cert_meta *m)
{
	const smkilint_finding *f = smkilint_report_finding(r, i);
	struct sarif_state *st = o->sarif;
	long idx = rule_find(st, f->lint);
	if (idx < 0)   /* an id met only now: its first finding describes it */
		idx = rule_add(st, f->lint, f->severity, f->message, f->citation, "");
	json_t *res = json_object();
	json_object_set_new(res, "ruleId", json_string(f->lint));
	if (idx >= 0)
		json_object_set_new(res, "ruleIndex", json_integer(idx));
	json_object_set_new(res, "level", json_string(level(f->severity)));
	char *msg = NULL;
	if (f->expected[0] || f->found[0]) {
		size_t n = strlen(f->message) + strlen(f->expected) + strlen(f->found) + 64;
		msg = malloc(n);
		if (msg != NULL)
			snprintf(msg, n, "%s (expected: %s; found: %s)", f->message, f->expected, f->found);
	}
	json_object_set_new(res, "message", text_message(msg != NULL ? msg : f->message));
	free(msg);

	json_t *phys = json_object();
	json_object_set_new(phys, "artifactLocation", artifact(smkilint_report_input(r)));
	if (m->is_pem && m->line > 0)
		json_object_set_new(phys, "region", json_pack("{s:I}", "startLine", (json_int_t)m->line));
	else if (!m->is_pem && f->has_offset)
		json_object_set_new(phys, "region", json_pack("{s:I,s:I}", "byteOffset",
							      (json_int_t)(m->input_offset + f->offset), "byteLength",
							      (json_int_t)f->length));
	json_t *loc = json_pack("{s:o}", "physicalLocation", phys);
	if (f->path[0]) {
		json_t *logical = json_object();
		json_object_set_new(logical, "fullyQualifiedName", out_json_string(f->path));
		json_object_set_new(logical, "kind", json_string("member"));
		json_object_set_new(loc, "logicalLocations", json_pack("[o]", logical));
	}
	json_object_set_new(res, "locations", json_pack("[o]", loc));
	/* a bulk finding: every certificate it involves */
	size_t n_inv = smkilint_report_involved_count(r, i);
	if (n_inv > 0) {
		json_t *rel = json_array();
		for (size_t k = 0; k < n_inv; k++) {
			const smkilint_cert_ref *c = smkilint_report_involved(r, i, k);
			char text[64];
			snprintf(text, sizeof(text), "certificate #%zu", c->index);
			json_t *rl = json_object();
			json_object_set_new(rl, "id", json_integer((json_int_t)k));
			json_object_set_new(rl, "physicalLocation", json_pack("{s:o}", "artifactLocation", artifact(c->input)));
			json_object_set_new(rl, "message", text_message(text));
			json_array_append_new(rel, rl);
		}
		json_object_set_new(res, "relatedLocations", rel);
	}

	if (w != NULL) {
		json_t *sup = json_object();
		json_object_set_new(sup, "kind", json_string("external"));
		json_object_set_new(sup, "status", json_string("accepted"));
		char *just = NULL;
		size_t n = strlen(w->reason) + 64;
		just = malloc(n);
		if (just != NULL)
			snprintf(just, n, "%s%s%s", w->reason, w->expires ? " (expires " : "",
				 w->expires ? w->expires : "");
		if (just != NULL && w->expires)
			strcat(just, ")");
		json_object_set_new(sup, "justification", out_json_string(just != NULL ? just : w->reason));
		free(just);
		json_object_set_new(sup, "location", waiver_location(w->source));
		json_object_set_new(res, "suppressions", json_pack("[o]", sup));
	}

	json_t *props = json_object();
	json_object_set_new(props, "input", out_json_string(smkilint_report_input(r)));
	json_object_set_new(props, "certificateIndex", json_integer((json_int_t)smkilint_report_index(r)));
	json_object_set_new(props, "severity", json_string(smkilint_severity_name(f->severity)));
	const char *prof = smkilint_report_profile(r);
	json_object_set_new(props, "profile", prof != NULL ? out_json_string(prof) : json_null());
	json_object_set_new(props, "path", out_json_string(f->path));
	json_object_set_new(props, "offset", f->has_offset ? json_integer((json_int_t)f->offset) : json_null());
	json_object_set_new(props, "length", f->has_offset ? json_integer((json_int_t)f->length) : json_null());
	json_object_set_new(props, "expected", out_json_string(f->expected));
	json_object_set_new(props, "found", out_json_string(f->found));
	json_object_set_new(props, "citation", out_json_string(f->citation));
	json_t *inv = out_involved_json(r, i);
	if (inv != NULL)
		json_object_set_new(props, "certificates", inv);
	if (o->in_bulk)
		json_object_set_new(props, "bulk", json_true());
	json_object_set_new(res, "properties", props);
	return res;
}

int sarif_report(struct out *o, const smkilint_report *r, const struct cert_meta *m)
{
	for (size_t i = 0; i < smkilint_report_count(r); i++) {
		const smkilint_finding *f = smkilint_report_finding(r, i);
		if (!out_shown(o, f))
			continue;
		json_t *res = result_json(o, r, i, smkilint_report_suppression(r, i), m);
		char *s = json_dumps(res, JSON_COMPACT | JSON_ENSURE_ASCII);
		json_decref(res);
		if (s == NULL)
			return -1;
		fprintf(o->f, "%s%s", o->first ? "" : ",\n", s);
		free(s);
		o->first = false;
	}
	return 0;
}

void sarif_input_error(struct out *o, const char *name, const char *message)
{
	json_t *n = json_object();
	json_object_set_new(n, "level", json_string("error"));
	char text[1200];
	snprintf(text, sizeof(text), "%s: %s", name, message);
	json_object_set_new(n, "message", text_message(text));
	json_object_set_new(n, "locations", json_pack("[{s:{s:o}}]", "physicalLocation", "artifactLocation",
						      artifact(name)));
	json_array_append_new(o->sarif->notifications, n);
}

static json_t *rule_json(const struct rule *r)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_string(r->id));
	json_object_set_new(j, "shortDescription", text_message(r->description));
	size_t n = strlen(r->description) + strlen(r->source) + strlen(r->citation) + 64;
	char *full = malloc(n), *help = malloc(n);
	if (full != NULL)
		snprintf(full, n, "%s%s%s%s", r->description, r->source[0] ? " [" : "", r->source, r->source[0] ? "]" : "");
	if (help != NULL)
		snprintf(help, n, "%s\n\nRule: %s%s%s%s.", r->description, r->citation[0] ? r->citation : "(no citation)",
			 r->source[0] ? " (" : "", r->source, r->source[0] ? ")" : "");
	json_object_set_new(j, "fullDescription", text_message(full != NULL ? full : r->description));
	json_object_set_new(j, "help", text_message(help != NULL ? help : r->description));
	free(full);
	free(help);
	json_object_set_new(j, "defaultConfiguration", json_pack("{s:s}", "level", level(r->severity)));
	json_t *props = json_object();
	json_object_set_new(props, "severity", json_string(smkilint_severity_name(r->severity)));
	json_object_set_new(props, "citation", json_string(r->citation));
	json_object_set_new(props, "source", json_string(r->source));
	json_object_set_new(j, "properties", props);
	return j;
}

int sarif_end(struct out *o, int exit_status)
{
	struct sarif_state *st = o->sarif;
	json_t *rules = json_array();
	for (size_t i = 0; i < st->n; i++)
		json_array_append_new(rules, rule_json(&st->rules[i]));
	json_t *driver = json_object();
	json_object_set_new(driver, "name", json_string("smkilint"));
	json_object_set_new(driver, "version", json_string(SMKILINT_VERSION));
	json_object_set_new(driver, "semanticVersion", json_string(SMKILINT_VERSION));
	json_object_set_new(driver, "rules", rules);
	json_t *tool = json_pack("{s:o}", "driver", driver);

	json_t *inv = json_object();
	json_object_set_new(inv, "executionSuccessful", json_boolean(o->n_errors == 0 && exit_status != 2));
	json_object_set_new(inv, "exitCode", json_integer(exit_status));
	json_object_set_new(inv, "toolExecutionNotifications", st->notifications);
	st->notifications = NULL;
	json_t *props = json_object();
	json_object_set_new(props, "failOn", json_string(smkilint_severity_name(o->fail_on)));
	json_object_set_new(props, "minSeverity", json_string(smkilint_severity_name(o->min_sev)));
	json_object_set_new(props, "certificates", json_integer((json_int_t)o->totals.certs));
	json_object_set_new(props, "inputs", json_integer((json_int_t)o->totals.inputs));
	json_object_set_new(props, "unreadableInputs", json_integer((json_int_t)o->totals.unreadable));
	json_object_set_new(props, "suppressed", json_integer((json_int_t)o->totals.suppressed));
	json_object_set_new(inv, "properties", props);

	char *t = json_dumps(tool, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_t *invs = json_pack("[o]", inv);
	char *i = json_dumps(invs, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(tool);
	json_decref(invs);
	int rc = t != NULL && i != NULL ? 0 : -1;
	fprintf(o->f, "%s], \"tool\": %s, \"invocations\": %s, \"columnKind\": \"unicodeCodePoints\"}]}\n",
		o->first ? "" : "\n", t != NULL ? t : "{}", i != NULL ? i : "[]");
	free(t);
	free(i);
	for (size_t k = 0; k < st->n; k++) {
		free(st->rules[k].id);
		free(st->rules[k].description);
		free(st->rules[k].citation);
		free(st->rules[k].source);
	}
	free(st->rules);
	free(st->slots);
	free(st);
	o->sarif = NULL;
	return rc;
}
