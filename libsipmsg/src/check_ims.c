/* SPDX-License-Identifier: MIT */
/* The IMS headers' rules (RFC 7315, RFC 7989, RFC 3455's old forms) for
 * sipmsg_msg_check(): warnings on what their typed views read. */
#include "check_internal.h"

/* The cell identities RFC 7315 §5.4 takes as token / quoted-string and
 * 3GPP TS 24.229 §7.2A.4.3 codes as text of a fixed shape: MCC (3 digits),
 * MNC (2 or 3 digits), then fixed-length codes in full hexadecimal.
 * cgi-3gpp: LAC and CI, 16 bits each (8 hex digits). utran-cell-id-3gpp:
 * LAC (UTRAN) or TAC (E-UTRAN), 16 bits, and the 28-bit cell identity (11
 * hex digits); for NR a 24-bit TAC and the 36-bit NR cell identity (15).
 * E-UTRAN on a 5G core carries a 24-bit TAC too (13): not confirmed from
 * the text here, so taken. An access type not named here (an access-class,
 * an extension) is held to the shape with any of those lengths. */
struct cell_id_shape {
	const char *type; /* access-type, lowercase */
	uint8_t hex[2];   /* hex digits after the PLMN id (0: no second length) */
};
static const struct cell_id_shape utran_cell_id_shapes[] = {
	{"3gpp-utran-fdd", {11, 0}},   {"3gpp-utran-tdd", {11, 0}}, {"3gpp-e-utran-fdd", {11, 13}},
	{"3gpp-e-utran-tdd", {11, 13}}, {"3gpp-nr-fdd", {15, 0}},    {"3gpp-nr-tdd", {15, 0}},
};

/* NULL when v has the shape MCC MNC and `hex` (or `hex2`) hex digits, else
 * where it breaks it. */
static const char *cell_id_fault(sipmsg_slice v, size_t hex, size_t hex2)
{
	for (size_t k = 0; k < v.len; k++)
		if (!sm_is((unsigned char)v.ptr[k], k < 5 ? SM_C_DIGIT : SM_C_HEX))
			return v.ptr + k;
	if (v.len < 5)
		return v.ptr + v.len;
	size_t rest = v.len - 5; /* after the MCC and a 2-digit MNC */
	if (rest == hex || (hex2 && rest == hex2))
		return NULL;
	/* a sixth digit may be the MNC's third */
	if (rest && sm_is((unsigned char)v.ptr[5], SM_C_DIGIT) && (rest - 1 == hex || (hex2 && rest - 1 == hex2)))
		return NULL;
	return v.ptr;
}

static sipmsg_status cell_id_rule(sipmsg_msg *m, uint32_t i, const sipmsg_access_network_info *a,
				  const sipmsg_param *pr)
{
	const char *bad = NULL, *what = NULL;
	if (SM_IS(pr->name, "cgi-3gpp")) {
		bad = cell_id_fault(pr->value, 8, 0);
		what = "cgi-3gpp is MCC (3 digits), MNC (2 or 3 digits), LAC and CI (4 hex digits each)";
	} else if (SM_IS(pr->name, "utran-cell-id-3gpp")) {
		const struct cell_id_shape *shape = NULL;
		for (size_t k = 0; k < sizeof utran_cell_id_shapes / sizeof utran_cell_id_shapes[0] && !shape; k++)
			if (sm_eq_lower(a->access_type.ptr, a->access_type.len, utran_cell_id_shapes[k].type,
					strlen(utran_cell_id_shapes[k].type)))
				shape = &utran_cell_id_shapes[k];
		if (shape) {
			bad = cell_id_fault(pr->value, shape->hex[0], shape->hex[1]);
			what = shape->hex[0] == 15 ? "utran-cell-id-3gpp on NR is MCC (3 digits), MNC (2 or 3 digits), TAC (6 hex "
						     "digits) and the NR cell identity (9)"
						   : "utran-cell-id-3gpp is MCC (3 digits), MNC (2 or 3 digits), LAC or TAC (4 hex "
						     "digits) and the cell identity (7)";
		} else if ((bad = cell_id_fault(pr->value, 11, 13)) && (bad = cell_id_fault(pr->value, 15, 0))) {
			what = "utran-cell-id-3gpp is MCC (3 digits), MNC (2 or 3 digits), then a LAC or TAC and the cell "
			       "identity in hex digits";
		}
	}
	if (!bad)
		return SIPMSG_OK;
	return sm_check_report(m, SIPMSG_DIAG_HEADER_RULE, SIPMSG_SEVERITY_WARNING, i, NULL, bad,
			       "%s (3GPP TS 24.229 §7.2A.4.3)", what);
}

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
			if (pr->value.ptr && (st = cell_id_rule(m, i, a, pr)))
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
