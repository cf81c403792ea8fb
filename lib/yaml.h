/* What the two YAML loaders (profiles, waivers) share about libfyaml. */
#ifndef SMK_YAML_H
#define SMK_YAML_H

#include <libfyaml.h>

/* libfyaml 0.7 gives marks only through tokens: a scalar's own token, and
 * for a collection the first scalar inside it (where its content starts).
 * NULL for an empty collection. */
const struct fy_mark *smk_yaml_first_scalar_mark(struct fy_node *n);

#endif
