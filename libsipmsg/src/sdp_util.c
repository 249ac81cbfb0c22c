/* SPDX-License-Identifier: MIT */
/* Small helpers every SDP value parser and writer shares: faults, arrays in
 * the arena, parameter splitting, and output with snprintf semantics. */
#include "sdp_internal.h"

int sm_fault(struct sm_pctx *x, const char *at, sipmsg_severity sev, const char *msg)
{
	/* keep the first fault, but an error outranks an earlier warning */
	if (!x->fault_msg || (sev == SIPMSG_SEVERITY_ERROR && x->fault_sev != SIPMSG_SEVERITY_ERROR)) {
		x->fault_at = at;
		x->fault_msg = msg;
		x->fault_sev = sev;
		if (!x->fault_code)
			x->fault_code = SIPMSG_DIAG_SDP_BAD_VALUE;
	}
	return sev == SIPMSG_SEVERITY_ERROR ? SM_PARSE_BAD : SM_PARSE_OK;
}

void *sm_sdp_array(struct sm_pctx *x, size_t n, size_t sz, bool *nomem)
{
	*nomem = false;
	if (n == 0)
		return NULL;
	void *p = n <= SIZE_MAX / sz ? sm_zalloc(x->a, n * sz) : NULL;
	if (!p)
		*nomem = true;
	return p;
}

sipmsg_slice sm_trim(const char *p, size_t n)
{
	while (n && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	return (sipmsg_slice){p, n};
}

size_t sm_count_items(const char *p, size_t n, char sep)
{
	size_t count = 0;
	bool in = false;
	for (size_t i = 0; i < n; i++) {
		bool is_sep = p[i] == sep || (sep == ' ' && p[i] == '\t');
		if (is_sep)
			in = false;
		else if (!in && (sep == ' ' || (p[i] != ' ' && p[i] != '\t'))) {
			in = true;
			count++;
		}
	}
	return count;
}

bool sm_sdp_one_space(struct sm_pctx *x, const char *gap, const char *next)
{
	if (SM_LIKELY(next == gap + 1 && gap[0] == ' '))
		return true;
	const char *at = gap[0] == ' ' ? gap + 1 : gap;
	if (x->strict) {
		sm_fault(x, at, SIPMSG_SEVERITY_ERROR, "fields not separated by exactly one space");
		return false;
	}
	sm_fault(x, at, SIPMSG_SEVERITY_WARNING, "fields not separated by exactly one space");
	return true;
}

int sm_split_params(struct sm_pctx *x, const char *p, size_t n, char sep, const sipmsg_sdp_param **out,
		    size_t *count)
{
	size_t total = sm_count_items(p, n, sep);
	*out = NULL;
	*count = 0;
	if (total > x->max_items) {
		x->fault_code = SIPMSG_DIAG_LIMIT_LIST_ITEMS;
		return sm_fault(x, p, SIPMSG_SEVERITY_ERROR, "more parameters than max_list_items");
	}
	bool nomem;
	sipmsg_sdp_param *v = sm_sdp_array(x, total, sizeof *v, &nomem);
	if (nomem)
		return SM_PARSE_NOMEM;
	struct sm_cur c = {p, n, 0};
	size_t k = 0;
	while (k < total && sm_next_param(&c, sep, &v[k]))
		k++;
	*out = v;
	*count = k;
	return SM_PARSE_OK;
}

void sm_out_u64(struct sm_out *o, uint64_t v)
{
	char tmp[24];
	size_t n = sizeof tmp;
	do {
		tmp[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	sm_out_put(o, tmp + n, sizeof tmp - n);
}

void sm_out_i64(struct sm_out *o, int64_t v)
{
	if (v < 0) {
		sm_out_ch(o, '-');
		sm_out_u64(o, (uint64_t)0 - (uint64_t)v);
	} else {
		sm_out_u64(o, (uint64_t)v);
	}
}

size_t sm_out_finish(struct sm_out *o)
{
	if (o->size)
		o->buf[o->len < o->size ? o->len : o->size - 1] = '\0';
	return o->len;
}
