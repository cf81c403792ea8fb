/* The context: libtasn1 definitions built once, and the last error. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "smk.h"

extern const asn1_static_node smk_pkix_asn1_tab[];

void smk_ctx_set_error(smkilint_ctx *ctx, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ctx->errbuf, sizeof(ctx->errbuf), fmt, ap);
	va_end(ap);
	ctx->err.code = code;
	ctx->err.message = ctx->errbuf;
}

int smkilint_ctx_new(smkilint_ctx **out)
{
	*out = NULL;
	smkilint_ctx *ctx = calloc(1, sizeof(*ctx));
	if (ctx == NULL)
		return SMKILINT_ENOMEM;
	char why[ASN1_MAX_ERROR_DESCRIPTION_SIZE] = "";
	if (asn1_array2tree(smk_pkix_asn1_tab, &ctx->defs, why) != ASN1_SUCCESS) {
		free(ctx);
		return SMKILINT_EASN1;
	}
	ctx->err.message = "";
	smk_arena_init(&ctx->arena);
	*out = ctx;
	return 0;
}

void smkilint_ctx_free(smkilint_ctx *ctx)
{
	if (ctx == NULL)
		return;
	asn1_delete_structure(&ctx->defs);
	smk_arena_free(&ctx->arena);
	free(ctx);
}

const smkilint_error_info *smkilint_ctx_last_error(const smkilint_ctx *ctx)
{
	return &ctx->err;
}
