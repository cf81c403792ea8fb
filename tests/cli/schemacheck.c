/* schemacheck: validate JSON against a JSON Schema, for the test suite (a
 * minimal Debian has no python3-jsonschema; when it is there,
 * run_gate_tests.sh checks the same documents with it too).
 *
 *   schemacheck SCHEMA FILE [POINTER]      FILE is one JSON document
 *   schemacheck --lines SCHEMA FILE [POINTER]   FILE holds one document a line
 *
 * POINTER ("#/$defs/result") picks the subschema to validate against.
 *
 * It implements the keywords that docs/report.schema.json (draft 2020-12)
 * and the SARIF 2.1.0 schema (draft-04) use: type, enum, const, properties,
 * required, additionalProperties, patternProperties, items (one schema),
 * minItems, maxItems, uniqueItems, minimum, maximum, minLength, maxLength,
 * pattern (POSIX extended regular expressions, which those patterns are),
 * format (date-time, date, uri, uri-reference), $ref to a JSON pointer in
 * the same document, allOf, anyOf, oneOf and not. Annotations (title,
 * description, default, examples, $comment, $schema, id, $id, definitions,
 * $defs) are skipped. Any other keyword is an error: a constraint this
 * program does not know is never passed over silently.
 *
 * Exit status: 0 valid, 1 invalid (stderr says where), 2 usage, I/O or
 * schema error. */
#include <ctype.h>
#include <jansson.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *root;              /* the schema document, for $ref */
static unsigned long problems;
static bool schema_error;

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void report(const char *where, const char *fmt, const char *a, const char *b)
{
	if (++problems <= 30) {
		fprintf(stderr, "schemacheck: %s: ", where[0] ? where : "(document)");
		fprintf(stderr, fmt, a, b);
		fputc('\n', stderr);
	}
}

static void bad_schema(const char *what, const char *detail)
{
	if (!schema_error)
		fprintf(stderr, "schemacheck: schema: %s %s\n", what, detail);
	schema_error = true;
}

/* RFC 6901 pointer in this document: "#/a/b~1c". */
static json_t *resolve(const char *ref)
{
	if (ref[0] != '#')
		return NULL;
	json_t *cur = root;
	const char *p = ref + 1;
	while (*p == '/' && cur != NULL) {
		p++;
		char tok[256];
		size_t n = 0;
		while (*p && *p != '/' && n + 1 < sizeof(tok)) {
			if (p[0] == '~' && p[1] == '1')
				tok[n++] = '/', p += 2;
			else if (p[0] == '~' && p[1] == '0')
				tok[n++] = '~', p += 2;
			else
				tok[n++] = *p++;
		}
		tok[n] = '\0';
		cur = json_is_object(cur) ? json_object_get(cur, tok)
		      : json_is_array(cur) ? json_array_get(cur, (size_t)atol(tok)) : NULL;
	}
	return *p == '\0' ? cur : NULL;
}

static const char *type_of(json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "object";
	case JSON_ARRAY: return "array";
	case JSON_STRING: return "string";
	case JSON_INTEGER: return "integer";
	case JSON_REAL: return "number";
	case JSON_TRUE:
	case JSON_FALSE: return "boolean";
	case JSON_NULL: return "null";
	}
	return "?";
}

static bool is_type(json_t *v, const char *t)
{
	const char *have = type_of(v);
	if (strcmp(t, "number") == 0)
		return json_is_number(v);
	if (strcmp(t, "integer") == 0 && json_is_real(v))
		return json_real_value(v) == (double)(long long)json_real_value(v);
	return strcmp(have, t) == 0;
}

static bool regex_match(const char *re, const char *s)
{
	regex_t r;
	if (regcomp(&r, re, REG_EXTENDED | REG_NOSUB) != 0) {
		bad_schema("pattern does not compile:", re);
		return true;
	}
	bool ok = regexec(&r, s, 0, NULL, 0) == 0;
	regfree(&r);
	return ok;
}

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static bool valid_date(const char *s)
{
	return strlen(s) >= 10 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' && digits(s + 8, 2);
}

/* The formats in use, checked to the level that matters for our outputs. */
static bool format_ok(const char *fmt, const char *s)
{
	if (strcmp(fmt, "date") == 0)
		return strlen(s) == 10 && valid_date(s);
	if (strcmp(fmt, "date-time") == 0)
		return valid_date(s) && (s[10] == 'T' || s[10] == 't') && digits(s + 11, 2) && s[13] == ':' &&
		       digits(s + 14, 2) && s[16] == ':' && digits(s + 17, 2);
	if (strcmp(fmt, "uri") == 0 || strcmp(fmt, "uri-reference") == 0) {
		/* RFC 3986 characters only, '%' followed by two hex digits */
		for (const char *p = s; *p; p++) {
			unsigned char c = (unsigned char)*p;
			if (c == '%') {
				if (!isxdigit((unsigned char)p[1]) || !isxdigit((unsigned char)p[2]))
					return false;
				p += 2;
			} else if (!(isalnum(c) || strchr("-._~:/?#[]@!$&'()*+,;=", c) != NULL)) {
				return false;
			}
		}
		if (strcmp(fmt, "uri") == 0) {   /* absolute: a scheme */
			const char *colon = strchr(s, ':');
			if (colon == NULL || colon == s || !isalpha((unsigned char)s[0]))
				return false;
			for (const char *p = s; p < colon; p++)
				if (!(isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.'))
					return false;
		}
		return true;
	}
	bad_schema("unknown format", fmt);
	return true;
}

static bool validate(json_t *v, json_t *schema, const char *where, bool quiet);

static void child_path(char *buf, size_t n, const char *where, const char *key, size_t index, bool is_index)
{
	if (is_index)
		snprintf(buf, n, "%s[%zu]", where, index);
	else
		snprintf(buf, n, "%s/%s", where, key);
}

static bool validate(json_t *v, json_t *schema, const char *where, bool quiet)
{
	if (json_is_true(schema))
		return true;
	if (json_is_false(schema)) {
		if (!quiet)
			report(where, "%s%s", "not allowed here", "");
		return false;
	}
	if (!json_is_object(schema)) {
		bad_schema("a subschema is not an object at", where);
		return true;
	}
	bool ok = true;
#define FAIL(fmt, a, b)                                 \
	do {                                            \
		ok = false;                             \
		if (!quiet)                             \
			report(where, fmt, a, b);       \
	} while (0)
	static const char *const skip[] = {"title", "description", "default", "examples", "$comment", "$schema",
					   "id", "$id", "definitions", "$defs"};
	const char *key;
	json_t *kw;
	json_object_foreach(schema, key, kw) {
		bool known = false;
		for (size_t i = 0; i < N(skip) && !known; i++)
			known = strcmp(key, skip[i]) == 0;
		if (known)
			continue;
		char sub[2048];
		if (strcmp(key, "$ref") == 0) {
			json_t *target = json_is_string(kw) ? resolve(json_string_value(kw)) : NULL;
			if (target == NULL)
				bad_schema("unresolved $ref", json_is_string(kw) ? json_string_value(kw) : "?");
			else if (!validate(v, target, where, quiet))
				ok = false;
		} else if (strcmp(key, "type") == 0) {
			bool any = false;
			if (json_is_string(kw)) {
				any = is_type(v, json_string_value(kw));
			} else {
				size_t i;
				json_t *t;
				json_array_foreach(kw, i, t) any = any || is_type(v, json_string_value(t));
			}
			if (!any)
				FAIL("a %s where the schema wants another type%s", type_of(v), "");
		} else if (strcmp(key, "enum") == 0) {
			bool any = false;
			size_t i;
			json_t *e;
			json_array_foreach(kw, i, e) any = any || json_equal(v, e);
			if (!any)
				FAIL("%s%s", "not one of the values of its enum", "");
		} else if (strcmp(key, "const") == 0) {
			if (!json_equal(v, kw))
				FAIL("%s%s", "not the schema's const value", "");
		} else if (strcmp(key, "properties") == 0 || strcmp(key, "patternProperties") == 0 ||
			   strcmp(key, "additionalProperties") == 0) {
			if (!json_is_object(v))
				continue;
			const char *k;
			json_t *pv;
			json_object_foreach(v, k, pv) {
				child_path(sub, sizeof(sub), where, k, 0, false);
				json_t *props = json_object_get(schema, "properties");
				json_t *pats = json_object_get(schema, "patternProperties");
				json_t *ps = props != NULL ? json_object_get(props, k) : NULL;
				bool matched = ps != NULL;
				if (strcmp(key, "properties") == 0) {
					if (ps != NULL && !validate(pv, ps, sub, quiet))
						ok = false;
					continue;
				}
				const char *pk;
				json_t *psch;
				if (pats != NULL)
					json_object_foreach(pats, pk, psch) {
						if (regex_match(pk, k)) {
							matched = true;
							if (strcmp(key, "patternProperties") == 0 && !validate(pv, psch, sub, quiet))
								ok = false;
						}
					}
				if (strcmp(key, "additionalProperties") == 0 && !matched && !validate(pv, kw, sub, true)) {
					ok = false;
					if (!quiet)
						report(where, "unexpected key \"%s\"%s", k, "");
				}
			}
		} else if (strcmp(key, "required") == 0) {
			size_t i;
			json_t *r;
			if (json_is_object(v))
				json_array_foreach(kw, i, r) {
					if (json_object_get(v, json_string_value(r)) == NULL)
						FAIL("missing required key \"%s\"%s", json_string_value(r), "");
				}
		} else if (strcmp(key, "items") == 0) {
			if (!json_is_object(kw) && !json_is_boolean(kw)) {
				bad_schema("items as an array is not supported at", where);
				continue;
			}
			size_t i;
			json_t *e;
			if (json_is_array(v))
				json_array_foreach(v, i, e) {
					child_path(sub, sizeof(sub), where, NULL, i, true);
					if (!validate(e, kw, sub, quiet))
						ok = false;
				}
		} else if (strcmp(key, "minItems") == 0 || strcmp(key, "maxItems") == 0) {
			if (json_is_array(v) && (key[1] == 'i' ? json_array_size(v) < (size_t)json_integer_value(kw)
							       : json_array_size(v) > (size_t)json_integer_value(kw)))
				FAIL("%s violated%s", key, "");
		} else if (strcmp(key, "uniqueItems") == 0) {
			if (json_is_true(kw) && json_is_array(v))
				for (size_t i = 0; i < json_array_size(v); i++)
					for (size_t j = i + 1; j < json_array_size(v); j++)
						if (json_equal(json_array_get(v, i), json_array_get(v, j)))
							FAIL("%s%s", "items are not unique", "");
		} else if (strcmp(key, "minimum") == 0 || strcmp(key, "maximum") == 0) {
			if (json_is_number(v) && (key[1] == 'i' ? json_number_value(v) < json_number_value(kw)
							        : json_number_value(v) > json_number_value(kw)))
				FAIL("%s violated%s", key, "");
		} else if (strcmp(key, "minLength") == 0 || strcmp(key, "maxLength") == 0) {
			if (json_is_string(v)) {
				size_t cps = 0;   /* code points */
				for (const unsigned char *p = (const unsigned char *)json_string_value(v); *p; p++)
					cps += (*p & 0xc0) != 0x80;
				if (key[1] == 'i' ? cps < (size_t)json_integer_value(kw) : cps > (size_t)json_integer_value(kw))
					FAIL("%s violated%s", key, "");
			}
		} else if (strcmp(key, "pattern") == 0) {
			if (json_is_string(v) && !regex_match(json_string_value(kw), json_string_value(v)))
				FAIL("\"%s\" does not match the pattern %s", json_string_value(v), json_string_value(kw));
		} else if (strcmp(key, "format") == 0) {
			if (json_is_string(v) && !format_ok(json_string_value(kw), json_string_value(v)))
				FAIL("\"%s\" is not a valid %s", json_string_value(v), json_string_value(kw));
		} else if (strcmp(key, "allOf") == 0 || strcmp(key, "anyOf") == 0 || strcmp(key, "oneOf") == 0) {
			size_t i, hits = 0;
			json_t *s;
			json_array_foreach(kw, i, s) {
				bool one = validate(v, s, where, key[1] != 'l');
				hits += one;
				if (key[1] == 'l' && !one)
					ok = false;
			}
			if (key[1] == 'n' && hits == 0)
				FAIL("%s%s", "matches none of anyOf", "");
			if (key[1] == 'n' && key[0] == 'o' && hits != 1)
				FAIL("%s%s", "does not match exactly one of oneOf", "");
		} else if (strcmp(key, "not") == 0) {
			if (validate(v, kw, where, true))
				FAIL("%s%s", "matches the schema under not", "");
		} else {
			bad_schema("unknown keyword", key);
		}
	}
#undef FAIL
	return ok;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 1 << 16, n = 0, got;
	char *buf = malloc(cap + 1);
	while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *nb = realloc(buf, 2 * cap + 1);
			if (nb == NULL)
				free(buf);
			buf = nb;
			cap *= 2;
		}
	}
	if (f != stdin)
		fclose(f);
	if (buf != NULL)
		buf[n] = '\0';
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	bool lines = argc > 1 && strcmp(argv[1], "--lines") == 0;
	int a = lines ? 2 : 1;
	if (argc - a < 2 || argc - a > 3) {
		fprintf(stderr, "usage: schemacheck [--lines] SCHEMA FILE [POINTER]\n");
		return 2;
	}
	json_error_t err;
	root = json_load_file(argv[a], JSON_REJECT_DUPLICATES, &err);
	if (root == NULL) {
		fprintf(stderr, "schemacheck: %s:%d:%d: %s\n", argv[a], err.line, err.column, err.text);
		return 2;
	}
	json_t *schema = argc - a == 3 ? resolve(argv[a + 2]) : root;
	if (schema == NULL) {
		fprintf(stderr, "schemacheck: %s: no %s\n", argv[a], argv[a + 2]);
		return 2;
	}
	size_t len;
	char *text = slurp(argv[a + 1], &len);
	if (text == NULL) {
		perror(argv[a + 1]);
		return 2;
	}
	size_t docs = 0;
	if (lines) {
		char *p = text, *end = text + len;
		for (size_t line = 1; p < end; line++) {
			char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
			json_t *doc = json_loadb(p, n, JSON_REJECT_DUPLICATES, &err);
			char where[64];
			snprintf(where, sizeof(where), "line %zu", line);
			if (doc == NULL)
				report(where, "not JSON: %s%s", err.text, "");
			else
				validate(doc, schema, where, false);
			json_decref(doc);
			docs++;
			p += n + 1;
		}
	} else {
		json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
		if (doc == NULL)
			report("", "not one JSON document: %s%s", err.text, "");
		else
			validate(doc, schema, "", false);
		json_decref(doc);
		docs = 1;
	}
	free(text);
	json_decref(root);
	if (schema_error)
		return 2;
	if (problems > 0) {
		fprintf(stderr, "schemacheck: %s: %lu problem%s\n", argv[a + 1], problems, problems == 1 ? "" : "s");
		return 1;
	}
	printf("%s: %zu document%s valid against %s\n", argv[a + 1], docs, docs == 1 ? "" : "s", argv[a]);
	return 0;
}
