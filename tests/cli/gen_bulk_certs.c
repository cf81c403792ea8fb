/* gen-bulk-certs: write N forged RTDS-style device certificates (tests/forge)
 * as one PEM bundle, all from the same CA key (the forge's AKI), each with
 * its own serial, key and device EUI, notBefore from 2016-01-01 one step
 * apart, for the capacity checks of `smkilint lint --bulk`.
 *
 *   gen-bulk-certs N DAYS_APART > bundle.pem
 *
 * Exit status 0, or 2 on a usage error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gnutls/gnutls.h>

#include "forge.h"

int main(int argc, char **argv)
{
	char *end1 = NULL, *end2 = NULL;
	unsigned long n = argc == 3 ? strtoul(argv[1], &end1, 10) : 0;
	unsigned long step = argc == 3 ? strtoul(argv[2], &end2, 10) : 0;
	if (argc != 3 || *end1 != '\0' || *end2 != '\0' || n == 0 || n > 1000000) {
		fprintf(stderr, "usage: gen-bulk-certs N DAYS_APART\n");
		return 2;
	}
	for (unsigned long i = 0; i < n; i++) {
		struct fg *g = fg_new();
		struct fg_cert *c = fg_cert_new(g, FG_DEVICE);
		char hex[200], nb[20];
		snprintf(hex, sizeof(hex), "0100000000000000000000%010lx", i);
		fg_set_hex(c->serial, hex);
		snprintf(hex, sizeof(hex), "00db%012lx", i);
		fg_set_hex(c->hw_serial, hex);
		int k = snprintf(hex, sizeof(hex), "00 04");
		for (int b = 0; b < 64; b++)
			k += snprintf(hex + k, sizeof(hex) - (size_t)k, "%02lx", ((i >> (8 * (b % 4))) + (unsigned long)b * 37) & 0xff);
		fg_cert_set(c, &c->public_key, fg_prim_hex(g, 0x03, hex));
		struct tm tm = {.tm_year = 116, .tm_mon = 0, .tm_mday = 1 + (int)(i * step)};
		time_t t = timegm(&tm);
		struct tm out;
		strftime(nb, sizeof(nb), "%y%m%d%H%M%SZ", gmtime_r(&t, &out));
		fg_cert_set(c, &c->not_before, fg_str(g, 0x17, nb));
		size_t len;
		const uint8_t *der = fg_cert_der(c, &len);
		gnutls_datum_t in = {(unsigned char *)der, (unsigned)len}, pem = {NULL, 0};
		if (gnutls_pem_base64_encode2("CERTIFICATE", &in, &pem) < 0) {
			fg_free(g);
			return 1;
		}
		fwrite(pem.data, 1, pem.size, stdout);
		gnutls_free(pem.data);
		fg_free(g);
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
