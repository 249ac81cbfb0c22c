/* SPDX-License-Identifier: MIT */
/* The IMS headers' rules (RFC 7315, RFC 7989, RFC 3455's old forms) for
 * sipmsg_msg_check(): warnings on what their typed views read. */
#include "check_internal.h"

/* RFC 3455 §4.4's extension-access-info, a bare gen-value (";\"x\""),
 * which the parser reads as a parameter with an empty name: RFC 7315 §5.4
 * and RFC 7913 §3 retired it for a generic-param, so it is a warning. */
static sipmsg_status access_network_info_rules(sipmsg_msg *m, uint32_t i)
{
	const struct sm_vals *v = sm_typed_vals(m, i, NULL);
	for (uint32_t j = 0; v && j < v->n; j++) {
		const sipmsg_access_network_info *a = (const sipmsg_access_network_info *)v->items + j;
		for (size_t k = 0; k < a->param_count; k++) {
			const sipmsg_param *pr = &a->params[k];
			sipmsg_status st;
			if (!pr->name.len &&
			    (st = sm_check_report(m, SIPMSG_DIAG_HEADER_RULE, SIPMSG_SEVERITY_WARNING, i, NULL, pr->name.ptr,
						  "a bare access-info value is RFC 3455's obsolete form: RFC 7315 §5.4 and "
						  "RFC 7913 §3 make it name=value")))
				return st;
		}
	}
	return SIPMSG_OK;
}

static const char *const session_id_once[] = {"remote"};
static const char *const charging_vector_once[] = {"icid-value", "icid-generated-at", "orig-ioi", "term-ioi",
						   "transit-ioi", "related-icid", "related-icid-generated-at"};
_Static_assert(sizeof charging_vector_once / sizeof charging_vector_once[0] <= 8, "sm_check_repeated_params() keeps 8");

static sipmsg_status session_id_rules(sipmsg_msg *m, uint32_t i)
{
	static const struct sm_once_params once = {session_id_once, 1, false, "RFC 7989 §4.2"};
	const struct sm_vals *v = sm_typed_vals(m, i, NULL);
	for (uint32_t j = 0; v && j < v->n; j++) {
		const sipmsg_session_id *s = (const sipmsg_session_id *)v->items + j;
		sipmsg_status st = sm_check_repeated_params(m, i, s->params, s->param_count, &once);
		if (st)
			return st;
	}
	return SIPMSG_OK;
}

/* transit-ioi-param = transit-ioi-name "." transit-ioi-index, name = ALPHA
 * *( alphanum / "-" ), index = 1*DIGIT; the void form, "void." index,
 * is one of them (RFC 7315 §5.6). */
static bool transit_ioi_entry_ok(const sipmsg_transit_ioi *e)
{
	const sipmsg_slice n = e->name, x = e->index;
	if (!x.ptr || !sm_all_digits(x.ptr, x.len, SIZE_MAX) || !n.len || !sm_is((unsigned char)n.ptr[0], SM_C_ALPHA))
		return false;
	for (size_t k = 1; k < n.len; k++)
		if (!sm_is((unsigned char)n.ptr[k], SM_C_ALPHA | SM_C_DIGIT) && n.ptr[k] != '-')
			return false;
	return true;
}

/* The transit-ioi the view reads: a quoted list of well-formed entries;
 * the first that is not is a warning (the parse takes any gen-value). */
static sipmsg_status transit_ioi_rule(sipmsg_msg *m, uint32_t i, const sipmsg_charging_vector *c)
{
	const sipmsg_param *pr = NULL;
	for (size_t k = 0; k < c->param_count && !pr; k++)
		if (c->params[k].value.ptr == c->transit_ioi.ptr)
			pr = &c->params[k];
	if (!pr)
		return SIPMSG_OK;
	if (!pr->quoted)
		return sm_check_report(m, SIPMSG_DIAG_HEADER_RULE, SIPMSG_SEVERITY_WARNING, i, NULL, pr->value.ptr,
				       "transit-ioi is a quoted list of name.index entries (RFC 7315 §5.6)");
	sipmsg_slice rest = c->transit_ioi;
	sipmsg_transit_ioi e;
	while (sipmsg_transit_ioi_next(&rest, &e))
		if (!transit_ioi_entry_ok(&e))
			return sm_check_report(m, SIPMSG_DIAG_HEADER_RULE, SIPMSG_SEVERITY_WARNING, i, NULL, e.raw.ptr,
					       "transit-ioi entry \"%.*s\" is not name.index or void.index (RFC 7315 §5.6)",
					       (int)(e.raw.len > 40 ? 40 : e.raw.len), e.raw.ptr);
	return SIPMSG_OK;
}

static sipmsg_status charging_vector_rules(sipmsg_msg *m, uint32_t i)
{
	static const struct sm_once_params once = {
		charging_vector_once, sizeof charging_vector_once / sizeof charging_vector_once[0], true, "RFC 7315 §5.6"};
	const struct sm_vals *v = sm_typed_vals(m, i, NULL);
	for (uint32_t j = 0; v && j < v->n; j++) {
		const sipmsg_charging_vector *c = (const sipmsg_charging_vector *)v->items + j;
		sipmsg_status st = sm_check_repeated_params(m, i, c->params, c->param_count, &once);
		if (st || (c->transit_ioi.ptr && (st = transit_ioi_rule(m, i, c))))
			return st;
	}
	return SIPMSG_OK;
}

sipmsg_status sm_check_ims(sipmsg_msg *m)
{
	for (uint32_t i = 0; i < m->nhdrs; i++) {
		sipmsg_status st = SIPMSG_OK;
		switch (m->hdrs[i].id) {
		case SIPMSG_HDR_P_ACCESS_NETWORK_INFO:
			st = access_network_info_rules(m, i);
			break;
		case SIPMSG_HDR_SESSION_ID:
			st = session_id_rules(m, i);
			break;
		case SIPMSG_HDR_P_CHARGING_VECTOR:
			st = charging_vector_rules(m, i);
			break;
		default:
			break;
		}
		if (st)
			return st;
	}
	return SIPMSG_OK;
}
