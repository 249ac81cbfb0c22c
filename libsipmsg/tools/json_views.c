/* SPDX-License-Identifier: MIT */
#include "json_views.h"

const char *jv_host_type_name(sipmsg_host_type t)
{
	switch (t) {
	case SIPMSG_HOST_NAME: return "name";
	case SIPMSG_HOST_IPV4: return "ipv4";
	case SIPMSG_HOST_IPV6: return "ipv6";
	default: return "none";
	}
}

static const char *scheme_name(sipmsg_uri_scheme s)
{
	switch (s) {
	case SIPMSG_SCHEME_SIP: return "sip";
	case SIPMSG_SCHEME_SIPS: return "sips";
	case SIPMSG_SCHEME_TEL: return "tel";
	default: return "other";
	}
}

void jv_params(struct jw *w, const sipmsg_param *params, size_t count)
{
	jw_array(w);
	for (size_t i = 0; i < count; i++) {
		jw_object(w);
		jw_kslice(w, "name", params[i].name);
		jw_kslice(w, "value", params[i].value);
		jw_kbool(w, "quoted", params[i].quoted);
		jw_end_object(w);
	}
	jw_end_array(w);
}

static void kparams(struct jw *w, const sipmsg_param *params, size_t count)
{
	jw_key(w, "params");
	jv_params(w, params, count);
}

/* The entries of a P-Charging-Vector transit-ioi list, as written ([] when absent). */
static void transit_iois(struct jw *w, sipmsg_slice list)
{
	sipmsg_transit_ioi e;
	jw_key(w, "transit_iois");
	jw_array(w);
	while (sipmsg_transit_ioi_next(&list, &e))
		jw_slice(w, e.raw);
	jw_end_array(w);
}

/* A number that is null when its presence flag is off. */
static void kopt(struct jw *w, const char *key, bool present, uint64_t v)
{
	jw_key(w, key);
	if (present)
		jw_uint(w, v);
	else
		jw_null(w);
}

void jv_uri(struct jw *w, const sipmsg_uri *u)
{
	jw_object(w);
	jw_kslice(w, "raw", u->raw);
	jw_kcstr(w, "scheme", scheme_name(u->scheme));
	jw_kslice(w, "scheme_name", u->scheme_name);
	jw_kslice(w, "user", u->user);
	jw_kslice(w, "password", u->password);
	jw_kslice(w, "host", u->host);
	jw_kcstr(w, "host_type", jv_host_type_name(u->host_type));
	kopt(w, "port", u->has_port, u->port);
	jw_kbool(w, "lr", u->lr);
	jw_kslice(w, "transport", u->transport);
	jw_kslice(w, "user_param", u->user_param);
	jw_kslice(w, "method", u->method);
	jw_kslice(w, "maddr", u->maddr);
	jw_kslice(w, "ttl", u->ttl);
	jw_kslice(w, "opaque", u->opaque);
	kparams(w, u->params, u->param_count);
	jw_key(w, "headers");
	jv_params(w, u->headers, u->header_count);
	jw_end_object(w);
}

static void nameaddr(struct jw *w, const sipmsg_nameaddr *v)
{
	jw_kbool(w, "star", v->star);
	jw_kbool(w, "angle", v->angle);
	jw_kbool(w, "display_quoted", v->display_quoted);
	jw_kslice(w, "display", v->display);
	jw_key(w, "uri");
	if (v->star)
		jw_null(w);
	else
		jv_uri(w, &v->uri);
	jw_kslice(w, "tag", v->tag);
	jw_kslice(w, "q", v->q);
	kopt(w, "expires", v->has_expires, v->expires);
	kparams(w, v->params, v->param_count);
}

static void via(struct jw *w, const sipmsg_via *v)
{
	jw_kslice(w, "protocol_name", v->protocol_name);
	jw_kslice(w, "protocol_version", v->protocol_version);
	jw_kslice(w, "transport", v->transport);
	jw_kslice(w, "host", v->host);
	jw_kcstr(w, "host_type", jv_host_type_name(v->host_type));
	kopt(w, "port", v->has_port, v->port);
	jw_kslice(w, "branch", v->branch);
	jw_kslice(w, "received", v->received);
	jw_kbool(w, "has_rport", v->has_rport);
	jw_kslice(w, "rport", v->rport);
	jw_kslice(w, "maddr", v->maddr);
	jw_kslice(w, "ttl", v->ttl);
	kparams(w, v->params, v->param_count);
}

static void auth(struct jw *w, const sipmsg_auth *v)
{
	jw_kslice(w, "scheme", v->scheme);
	jw_kslice(w, "token68", v->token68);
	jw_kslice(w, "realm", v->realm);
	jw_kslice(w, "nonce", v->nonce);
	jw_kslice(w, "opaque", v->opaque);
	jw_kslice(w, "algorithm", v->algorithm);
	jw_kslice(w, "qop", v->qop);
	jw_kslice(w, "username", v->username);
	jw_kslice(w, "uri", v->uri);
	jw_kslice(w, "response", v->response);
	jw_kslice(w, "cnonce", v->cnonce);
	jw_kslice(w, "nc", v->nc);
	kparams(w, v->params, v->param_count);
}

static void date(struct jw *w, const sipmsg_date *v)
{
	jw_kslice(w, "weekday", v->weekday);
	jw_kuint(w, "year", v->year);
	jw_kuint(w, "month", v->month);
	jw_kuint(w, "day", v->day);
	jw_kuint(w, "hour", v->hour);
	jw_kuint(w, "minute", v->minute);
	jw_kuint(w, "second", v->second);
}

void jv_typed(struct jw *w, const sipmsg_typed *t)
{
	if (t->kind == SIPMSG_KIND_TEXT || t->kind >= SIPMSG_KIND_COUNT) {
		jw_null(w);
		return;
	}
	jw_object(w);
	jw_kslice(w, "raw", t->raw);
	switch (t->kind) {
	case SIPMSG_KIND_NAMEADDR:
	case SIPMSG_KIND_CONTACT:
		nameaddr(w, t->nameaddr);
		break;
	case SIPMSG_KIND_VIA:
		via(w, t->via);
		break;
	case SIPMSG_KIND_CSEQ:
		jw_kuint(w, "number", t->cseq->number);
		jw_kslice(w, "method", t->cseq->method);
		break;
	case SIPMSG_KIND_CALLID:
		break; /* the raw value is the Call-ID */
	case SIPMSG_KIND_UINT:
	case SIPMSG_KIND_UINT_PARAMS:
		jw_kuint(w, "value", t->number->value);
		jw_kslice(w, "refresher", t->number->refresher);
		kparams(w, t->number->params, t->number->param_count);
		break;
	case SIPMSG_KIND_MEDIATYPE:
		jw_kslice(w, "type", t->mediatype->type);
		jw_kslice(w, "subtype", t->mediatype->subtype);
		jw_kslice(w, "boundary", t->mediatype->boundary);
		kparams(w, t->mediatype->params, t->mediatype->param_count);
		break;
	case SIPMSG_KIND_TOKEN:
	case SIPMSG_KIND_TOKEN_PARAMS:
		jw_kslice(w, "value", t->token->value);
		kparams(w, t->token->params, t->token->param_count);
		break;
	case SIPMSG_KIND_AUTH:
	case SIPMSG_KIND_AUTH_INFO:
		auth(w, t->auth);
		break;
	case SIPMSG_KIND_RETRY_AFTER:
		jw_kuint(w, "seconds", t->retry_after->seconds);
		jw_kslice(w, "comment", t->retry_after->comment);
		kopt(w, "duration", t->retry_after->has_duration, t->retry_after->duration);
		kparams(w, t->retry_after->params, t->retry_after->param_count);
		break;
	case SIPMSG_KIND_WARNING:
		jw_kuint(w, "code", t->warning->code);
		jw_kslice(w, "agent", t->warning->agent);
		jw_kslice(w, "text", t->warning->text);
		break;
	case SIPMSG_KIND_RACK:
		jw_kuint(w, "rseq", t->rack->rseq);
		jw_kuint(w, "cseq", t->rack->cseq);
		jw_kslice(w, "method", t->rack->method);
		break;
	case SIPMSG_KIND_TIMESTAMP:
		jw_kslice(w, "value", t->timestamp->value);
		jw_kslice(w, "delay", t->timestamp->delay);
		break;
	case SIPMSG_KIND_DATE:
		date(w, t->date);
		break;
	case SIPMSG_KIND_REPLACES:
		jw_kslice(w, "call_id", t->replaces->call_id);
		jw_kslice(w, "to_tag", t->replaces->to_tag);
		jw_kslice(w, "from_tag", t->replaces->from_tag);
		jw_kbool(w, "early_only", t->replaces->early_only);
		kparams(w, t->replaces->params, t->replaces->param_count);
		break;
	case SIPMSG_KIND_SESSION_ID:
		jw_kslice(w, "local_uuid", t->session_id->local_uuid);
		jw_kslice(w, "remote_uuid", t->session_id->remote_uuid);
		kparams(w, t->session_id->params, t->session_id->param_count);
		break;
	case SIPMSG_KIND_RESOURCE_PRIORITY:
		jw_kslice(w, "namespace", t->resource_priority->ns);
		jw_kslice(w, "priority", t->resource_priority->priority);
		break;
	case SIPMSG_KIND_CHARGING_VECTOR:
		jw_kslice(w, "icid", t->charging_vector->icid);
		jw_kslice(w, "icid_generated_at", t->charging_vector->icid_generated_at);
		jw_kslice(w, "orig_ioi", t->charging_vector->orig_ioi);
		jw_kslice(w, "term_ioi", t->charging_vector->term_ioi);
		jw_kslice(w, "transit_ioi", t->charging_vector->transit_ioi);
		transit_iois(w, t->charging_vector->transit_ioi);
		kparams(w, t->charging_vector->params, t->charging_vector->param_count);
		break;
	case SIPMSG_KIND_ACCESS_NETWORK_INFO:
		jw_kslice(w, "access_type", t->access_network_info->access_type);
		jw_kbool(w, "network_provided", t->access_network_info->network_provided);
		kparams(w, t->access_network_info->params, t->access_network_info->param_count);
		break;
	default:
		break;
	}
	jw_end_object(w);
}

void jv_diag(struct jw *w, const sipmsg_diag *d)
{
	jw_object(w);
	jw_kcstr(w, "code", sipmsg_diag_code_name(d->code));
	jw_kint(w, "code_number", d->code);
	jw_kcstr(w, "severity", sipmsg_severity_name(d->severity));
	jw_key(w, "offset");
	if (d->offset == SIZE_MAX)
		jw_null(w);
	else
		jw_uint(w, d->offset);
	jw_key(w, "line");
	if (d->line)
		jw_uint(w, d->line);
	else
		jw_null(w);
	jw_key(w, "column");
	if (d->line)
		jw_uint(w, d->column);
	else
		jw_null(w);
	jw_key(w, "header");
	if (d->header.len)
		jw_str(w, d->header.ptr, d->header.len);
	else
		jw_null(w);
	jw_key(w, "header_index");
	if (d->header_index == SIZE_MAX)
		jw_null(w);
	else
		jw_uint(w, d->header_index);
	jw_kcstr(w, "message", d->message);
	jw_end_object(w);
}

void jv_error(struct jw *w, sipmsg_status st, const sipmsg_error *err)
{
	jw_object(w);
	jw_kcstr(w, "code", err->code ? sipmsg_diag_code_name(err->code) : sipmsg_status_name(st));
	jw_kint(w, "code_number", err->code);
	jw_kcstr(w, "severity", "error");
	jw_key(w, "offset");
	if (err->line)
		jw_uint(w, err->offset);
	else
		jw_null(w);
	jw_key(w, "line");
	if (err->line)
		jw_uint(w, err->line);
	else
		jw_null(w);
	jw_key(w, "column");
	if (err->line)
		jw_uint(w, err->column);
	else
		jw_null(w);
	jw_key(w, "header");
	if (err->header[0])
		jw_cstr(w, err->header);
	else
		jw_null(w);
	jw_knull(w, "header_index");
	jw_kcstr(w, "message", err->reason[0] ? err->reason : sipmsg_status_name(st));
	jw_end_object(w);
}
