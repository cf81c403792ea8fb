/* sarif2tsv: turn smkilint's SARIF into tab-separated lines that shell tests
 * can grep (validity against the SARIF schema is schemacheck's job):
 *
 *   RULE <id> <default level>
 *   RES <ruleId> <ruleIndex names the same id: 1/0> <level> <uri or -> <startLine or -> <byteOffset or ->
 *       <suppressed: reason or -> <certificateIndex>
 *   INV <executionSuccessful> <exitCode> <notifications>
 *   NOTE <level> <uri or -> <message>
 *
 * usage: sarif2tsv FILE; exit 0, or 2 when FILE is not SARIF with one run. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

static const char *str(json_t *v)
{
	return json_is_string(v) ? json_string_value(v) : "-";
}

static void num(json_t *v)
{
	if (json_is_integer(v))
		printf("\t%lld", (long long)json_integer_value(v));
	else
		printf("\t-");
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: sarif2tsv FILE\n");
		return 2;
	}
	json_error_t err;
	json_t *doc = json_load_file(argv[1], JSON_REJECT_DUPLICATES, &err);
	json_t *runs = json_object_get(doc, "runs");
	if (doc == NULL || !json_is_array(runs) || json_array_size(runs) != 1) {
		fprintf(stderr, "sarif2tsv: %s: not SARIF with one run (%s)\n", argv[1], doc == NULL ? err.text : "runs");
		json_decref(doc);
		return 2;
	}
	json_t *run = json_array_get(runs, 0);
	json_t *rules = json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "rules");
	size_t i;
	json_t *r;
	json_array_foreach(rules, i, r) {
		printf("RULE\t%s\t%s\n", str(json_object_get(r, "id")),
		       str(json_object_get(json_object_get(r, "defaultConfiguration"), "level")));
	}
	json_array_foreach(json_object_get(run, "results"), i, r) {
		const char *id = str(json_object_get(r, "ruleId"));
		json_t *ix = json_object_get(r, "ruleIndex");
		json_t *rule = json_is_integer(ix) ? json_array_get(rules, (size_t)json_integer_value(ix)) : NULL;
		int same = rule != NULL && strcmp(str(json_object_get(rule, "id")), id) == 0;
		json_t *loc = json_array_get(json_object_get(r, "locations"), 0);
		json_t *phys = json_object_get(loc, "physicalLocation");
		json_t *region = json_object_get(phys, "region");
		json_t *sup = json_array_get(json_object_get(r, "suppressions"), 0);
		printf("RES\t%s\t%d\t%s\t%s", id, same, str(json_object_get(r, "level")),
		       str(json_object_get(json_object_get(phys, "artifactLocation"), "uri")));
		num(json_object_get(region, "startLine"));
		num(json_object_get(region, "byteOffset"));
		printf("\t%s", sup != NULL ? str(json_object_get(sup, "justification")) : "-");
		num(json_object_get(json_object_get(r, "properties"), "certificateIndex"));
		printf("\n");
	}
	json_t *inv = json_array_get(json_object_get(run, "invocations"), 0);
	json_t *notes = json_object_get(inv, "toolExecutionNotifications");
	printf("INV\t%s", json_is_true(json_object_get(inv, "executionSuccessful")) ? "true" : "false");
	num(json_object_get(inv, "exitCode"));
	printf("\t%zu\n", json_array_size(notes));
	json_array_foreach(notes, i, r) {
		json_t *l = json_array_get(json_object_get(r, "locations"), 0);
		printf("NOTE\t%s\t%s\t%s\n", str(json_object_get(r, "level")),
		       str(json_object_get(json_object_get(json_object_get(l, "physicalLocation"), "artifactLocation"), "uri")),
		       str(json_object_get(json_object_get(r, "message"), "text")));
	}
	json_decref(doc);
	return 0;
}
