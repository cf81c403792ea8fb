#include "yaml.h"

const struct fy_mark *smk_yaml_first_scalar_mark(struct fy_node *n)
{
	for (int depth = 0; n != NULL && depth < 64; depth++) {
		if (fy_node_is_scalar(n)) {
			struct fy_token *t = fy_node_get_scalar_token(n);
			return t != NULL ? fy_token_start_mark(t) : NULL;
		}
		void *it = NULL;
		if (fy_node_is_mapping(n)) {
			struct fy_node_pair *p = fy_node_mapping_iterate(n, &it);
			n = p != NULL ? fy_node_pair_key(p) : NULL;
		} else if (fy_node_is_sequence(n)) {
			n = fy_node_sequence_iterate(n, &it);
		} else {
			return NULL;
		}
	}
	return NULL;
}
