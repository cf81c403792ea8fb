/* Output formats of smkilint lint: the library returns reports, these
 * functions only filter, count and format them. Reports arrive in input
 * order, one at a time, and nothing is kept of them afterwards, so memory
 * does not grow with the number of certificates. */
#ifndef SMKILINT_CLI_OUTPUT_H
#define SMKILINT_CLI_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "smkilint/smkilint.h"

enum out_format { OUT_TEXT, OUT_JSON, OUT_JSONL, OUT_SARIF, OUT_JUNIT };

/* The version of docs/report.schema.json that json and jsonl follow. */
#define REPORT_SCHEMA_VERSION "1.0"

struct out_totals {
	size_t inputs;
	size_t certs;
	size_t certs_with_findings;   /* at least one shown, unsuppressed finding */
	size_t by_sev[SMKILINT_SEV_FATAL + 1];
	size_t suppressed;            /* shown findings that a waiver accepts */
	size_t unreadable;
	size_t by_kind[3];            /* certs by smkilint_item_kind: certificates, TBS, certification requests */
};

/* Where a report's certificate is in its input. */
struct cert_meta {
	bool is_pem;
	size_t line;                  /* PEM: line of the BEGIN marker */
	size_t input_offset;          /* byte offset of the item in its input */
	int kind;                     /* smkilint_item_kind (SMKILINT_ITEM_CERT when not set) */
};

struct out_error {
	char *input;
	char *message;
};

struct sarif_state;
struct junit_state;

struct out {
	FILE *f;
	enum out_format format;
	bool colour;
	bool verbose;                 /* text: also certificates without findings, and waived findings */
	smkilint_severity min_sev;    /* findings below are dropped */
	smkilint_severity fail_on;    /* a shown, unsuppressed finding at or above fails the run */
	const char **ignore;          /* lint id globs dropped (fnmatch) */
	size_t n_ignore;
	const smkilint_profiles *profiles;   /* sarif: their rules are listed; may be NULL */

	bool first;                   /* json: no result written yet */
	bool failed;                  /* a finding at or above fail_on */
	bool in_input;
	struct out_totals totals;
	struct out_error *errors;     /* inputs that could not be read */
	size_t n_errors;
	struct sarif_state *sarif;
	struct junit_state *junit;
	bool bulk;                    /* --bulk: the bulk results were written (out_bulk_begin) */
	bool in_bulk;                 /* writing them now */
	size_t bulk_certs;            /* certificates the bulk checks looked at */
	size_t bulk_findings;         /* shown, unsuppressed bulk findings */
};

/* What the issuer store says about its own certificates (their signatures,
 * conflicting copies: smkilint_issuers_check), on standard error, one line
 * a finding, filtered by --min-severity and --ignore; not counted. */
void out_issuer_notes(const struct out *o, smkilint_ctx *ctx, const smkilint_issuers *iss);

/* Shown at all (not below --min-severity, not --ignore'd)? */
bool out_shown(const struct out *o, const smkilint_finding *f);

int out_begin(struct out *o);
void out_input_begin(struct out *o, const char *name);
/* text, json and jsonl: the text out_report writes for a report, made
 * from the options only, so that a worker thread can make it while the main
 * thread writes others. *text is malloc'ed. Returns 0, or -1 (another
 * format, or out of memory: out_report then makes the text itself). */
int out_render(const struct out *o, const smkilint_report *r, char **text);
/* Count and write one certificate's report; rendered is out_render's text
 * for it, or NULL. Returns 0 or -1 on a write error. */
int out_report(struct out *o, const smkilint_report *r, const struct cert_meta *m, const char *rendered);
void out_input_end(struct out *o);
/* --bulk, after every certificate: the bulk findings, one report per
 * certificate they belong to (see README, "Bulk checks and inventory").
 * counted: the certificate was already counted with findings. */
int out_bulk_begin(struct out *o, size_t certificates);
int out_bulk_report(struct out *o, const smkilint_report *r, const struct cert_meta *m, bool counted);
int out_bulk_end(struct out *o);
/* An input (or the rest of one, after its certificates so far) cannot be
 * read: says so on standard error and in the formats that can. */
void out_input_error(struct out *o, const char *name, const char *message);
/* Close the document; exit_status is what the program will return. Returns
 * 0 or -1 on a write error. Frees the state. */
int out_end(struct out *o, int exit_status);

/* Strings from certificates, made safe: valid UTF-8 (other bytes as \xNN),
 * and for text also no control characters. Returns a malloc'ed copy. */
char *out_safe(const char *s, bool no_controls);
/* json_string(), with bytes that are not UTF-8 written as \xNN. */
json_t *out_json_string(const char *s);
json_t *out_finding_json(const smkilint_finding *f, const smkilint_waiver *w);
/* The certificates finding i involves (bulk findings), as [{"input", "index"}], or NULL when none. */
json_t *out_involved_json(const smkilint_report *r, size_t i);

/* sarif and junit (out_sarif.c, out_junit.c) */
int sarif_begin(struct out *o);
int sarif_report(struct out *o, const smkilint_report *r, const struct cert_meta *m);
void sarif_input_error(struct out *o, const char *name, const char *message);
int sarif_end(struct out *o, int exit_status);

int junit_begin(struct out *o);
void junit_input_begin(struct out *o, const char *name);
int junit_report(struct out *o, const smkilint_report *r, const struct cert_meta *m);
void junit_input_end(struct out *o);
void junit_input_error(struct out *o, const char *name, const char *message);
int junit_end(struct out *o);

#endif
