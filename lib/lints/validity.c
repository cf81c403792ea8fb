/* The validity period (RFC 5280 §4.1.2.5). The DER form of each time is the
 * encoding family's job (der.time_format); these lints add RFC 5280's rules. */
#include "../smk.h"

static enum smk_status time_type_by_year(const struct smk_cert *c, struct smk_emit *out)
{
	/* a UTCTime always means 1950..2049, so only a GeneralizedTime can be
	 * of the wrong type: one before 2050 */
	const struct smk_time *ts[] = {&c->not_before, &c->not_after};
	enum smk_status st = SMK_PASS;
	for (size_t i = 0; i < 2; i++) {
		const struct smk_time *t = ts[i];
		if (t->tag != 0x18 || t->text_len < 4)
			continue;
		int year = 0;
		for (int k = 0; k < 4; k++) {
			if (t->text[k] < '0' || t->text[k] > '9')
				year = 9999;
			else
				year = year * 10 + (t->text[k] - '0');
		}
		if (year < 2050)
			st = smk_fail(out, &t->loc, "UTCTime for dates through 2049",
				      smk_printf(smk_emit_arena(out), "GeneralizedTime \"%s\"", t->text));
	}
	return st;
}

static bool has_fraction(const struct smk_time *t)
{
	for (size_t i = 0; i < t->text_len && i < sizeof(t->text); i++)
		if (t->text[i] == '.' || t->text[i] == ',')
			return true;
	return false;
}

static enum smk_status no_fractional_seconds(const struct smk_cert *c, struct smk_emit *out)
{
	const struct smk_time *ts[] = {&c->not_before, &c->not_after};
	enum smk_status st = SMK_PASS;
	for (size_t i = 0; i < 2; i++) {
		const struct smk_time *t = ts[i];
		if (t->tag == 0x18 && has_fraction(t))
			st = smk_fail(out, &t->loc, "YYYYMMDDHHMMSSZ without fractional seconds",
				      smk_printf(smk_emit_arena(out), "\"%s\"", t->text));
	}
	return st;
}

static enum smk_status not_before_le_not_after(const struct smk_cert *c, struct smk_emit *out)
{
	if (!c->not_before.valid || !c->not_after.valid)
		return SMK_NA;
	if (c->not_before.epoch <= c->not_after.epoch)
		return SMK_PASS;
	return smk_fail(out, &c->validity_loc, "notBefore <= notAfter",
			smk_printf(smk_emit_arena(out), "notBefore %s after notAfter %s", c->not_before.text,
				   c->not_after.text));
}

static const struct smk_lint lints[] = {
	SMK_LINT("rfc5280.validity.wrong_time_type", ERROR, "RFC 5280", "RFC 5280 §4.1.2.5",
		 "validity dates through 2049 must be UTCTime and dates from 2050 GeneralizedTime",
		 time_type_by_year),
	SMK_LINT("rfc5280.validity.fractional_seconds", ERROR, "RFC 5280", "RFC 5280 §4.1.2.5.2",
		 "GeneralizedTime values in validity must not include fractional seconds", no_fractional_seconds),
	SMK_LINT("rfc5280.validity.not_before_after_not_after", ERROR, "RFC 5280", "RFC 5280 §4.1.2.5",
		 "notBefore is later than notAfter: the certificate is never valid", not_before_le_not_after),
};

SMK_FAMILY(smk_family_validity, "validity", lints);
