/* SPDX-License-Identifier: MIT */
/**
 * @file sipmsg/tables.h
 * @brief The method table and the IANA status-code registry.
 */
#ifndef SIPMSG_TABLES_H
#define SIPMSG_TABLES_H

#include "sipmsg/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* X(ID, "NAME", defining RFC) -- append only: the ids are part of the ABI. */
/** @brief The method table. */
#define SIPMSG_METHOD_TABLE(X) \
	X(INVITE,    "INVITE",    3261) \
	X(ACK,       "ACK",       3261) \
	X(BYE,       "BYE",       3261) \
	X(CANCEL,    "CANCEL",    3261) \
	X(OPTIONS,   "OPTIONS",   3261) \
	X(REGISTER,  "REGISTER",  3261) \
	X(INFO,      "INFO",      6086) \
	X(PRACK,     "PRACK",     3262) \
	X(SUBSCRIBE, "SUBSCRIBE", 6665) \
	X(NOTIFY,    "NOTIFY",    6665) \
	X(PUBLISH,   "PUBLISH",   3903) \
	X(MESSAGE,   "MESSAGE",   3428) \
	X(REFER,     "REFER",     3515) \
	X(UPDATE,    "UPDATE",    3311) \
	X(SERVICE,   "SERVICE",   0) \
	X(BENOTIFY,  "BENOTIFY",  0)

/** @brief Known methods; SIPMSG_METHOD_OTHER is any extension method. */
typedef enum sipmsg_method {
	SIPMSG_METHOD_OTHER = 0, /**< an extension method (any token) */
#define SIPMSG_METHOD_ENUM_ROW_(id, name, rfc) SIPMSG_METHOD_##id,
	SIPMSG_METHOD_TABLE(SIPMSG_METHOD_ENUM_ROW_)
#undef SIPMSG_METHOD_ENUM_ROW_
	SIPMSG_METHOD_COUNT_ /**< number of ids (not an id) */
} sipmsg_method;

/** @brief The id of a method name (case-sensitive, RFC 3261 §7.1); SIPMSG_METHOD_OTHER when unknown. */
sipmsg_method sipmsg_method_lookup(const char *name, size_t len);

/** @brief The name of a known method; NULL for SIPMSG_METHOD_OTHER or an invalid id. */
const char *sipmsg_method_name(sipmsg_method method);

/**
 * @brief The reason phrase the IANA SIP registry gives a status code
 *        (486 -> "Busy Here").
 * @return NULL when the code is not registered.
 */
const char *sipmsg_reason_phrase(int code);

/** @brief A phrase for any code: the registered one, else the class's ("Client Error" for 4xx). */
const char *sipmsg_reason_phrase_or_class(int code);

#ifdef __cplusplus
}
#endif

#endif /* SIPMSG_TABLES_H */
