/* SPDX-License-Identifier: MIT */
/**
 * @file sipmsg/types.h
 * @brief Types every part of libsipmsg shares: slices, status codes, the
 *        error record, the allocator and the arena.
 *
 * Nothing here allocates or keeps global state. A slice points into memory
 * owned by someone else (the caller's input buffer or a message's arena); it is
 * never NUL-terminated.
 */
#ifndef SIPMSG_TYPES_H
#define SIPMSG_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Library version, as numbers. */
#define SIPMSG_VERSION_MAJOR 0
/** @brief Library version, as numbers. */
#define SIPMSG_VERSION_MINOR 1
/** @brief Library version, as numbers. */
#define SIPMSG_VERSION_PATCH 0

/** @brief The library's version string, e.g. "0.1.0". */
const char *sipmsg_version(void);

/**
 * @brief A run of bytes inside a buffer someone else owns.
 *
 * `ptr` is NULL only when `len` is 0 and the item is absent; an empty but
 * present item has a non-NULL `ptr` and `len` 0.
 */
typedef struct sipmsg_slice {
	const char *ptr; /**< first byte (not NUL-terminated) */
	size_t len;      /**< number of bytes */
} sipmsg_slice;

/**
 * @brief Status of every fallible call. 0 is success; errors are negative.
 */
typedef enum sipmsg_status {
	SIPMSG_OK = 0,          /**< success */
	SIPMSG_EAGAIN = -1,     /**< input incomplete: more bytes are needed (stream framing) */
	SIPMSG_ESYNTAX = -2,    /**< the input is malformed */
	SIPMSG_ELIMIT = -3,     /**< a configured limit was exceeded */
	SIPMSG_ENOMEM = -4,     /**< an allocation failed */
	SIPMSG_EINVAL = -5,     /**< the caller passed an invalid argument */
	SIPMSG_ENOTFOUND = -6,  /**< no such header, attribute or item */
	SIPMSG_ENOSPC = -7,     /**< the caller's buffer is too small; the needed size is returned */
	SIPMSG_ESTATE = -8,     /**< the call does not apply to this object (e.g. a status code of a request) */
	SIPMSG_EUNSUPPORTED = -9 /**< well formed, but not something this library handles (e.g. SIP/3.0) */
} sipmsg_status;

/** @brief Short stable name of a status ("ok", "syntax", "limit", ...). */
const char *sipmsg_status_name(sipmsg_status status);

/**
 * @brief Where and why a call failed.
 *
 * Filled by every call that takes a `sipmsg_error *` (which may be NULL).
 * `offset` is a byte offset into the input the call was given; `line` and
 * `column` are 1-based and count bytes. `header` holds the header name when the
 * failure is inside a header (as written on the wire, truncated to fit).
 * `reason` is a one-line English explanation without the position.
 */
typedef struct sipmsg_error {
	sipmsg_status status;  /**< the status the call returned */
	int code;              /**< a ::sipmsg_diag_code giving the precise reason, 0 if none */
	size_t offset;         /**< byte offset of the fault in the input */
	uint32_t line;         /**< 1-based line of the fault (0 when not about input) */
	uint32_t column;       /**< 1-based column (bytes) of the fault */
	char header[64];       /**< header name where there is one, NUL-terminated */
	char reason[160];      /**< one-line reason, NUL-terminated */
} sipmsg_error;

/**
 * @brief Format an error as one line: "line 3, column 18: Via: missing sent-by host".
 * @return the length the full line needs (excluding the NUL), like snprintf.
 */
size_t sipmsg_error_format(const sipmsg_error *err, char *buf, size_t size);

/**
 * @brief A caller-supplied allocator. Both functions receive `ctx`.
 *
 * `alloc` returns NULL on failure; `free` accepts NULL.
 */
typedef struct sipmsg_allocator {
	void *(*alloc)(void *ctx, size_t size); /**< allocate size bytes, suitably aligned */
	void (*free)(void *ctx, void *ptr);     /**< release what alloc returned */
	void *ctx;                              /**< passed to both */
} sipmsg_allocator;

/**
 * @brief A bump-pointer arena: many small allocations, one release.
 *
 * Every parsed or built message lives in one arena. A caller that parses many
 * messages may keep one arena, reset it between messages and so parse with no
 * heap allocation at all once it has grown to the size it needs.
 */
typedef struct sipmsg_arena sipmsg_arena;

/**
 * @brief Create an arena whose first block holds `initial` bytes (0: a default).
 * @param allocator NULL for malloc/free; otherwise copied into the arena.
 * @param initial bytes in the first block; more blocks are chained on demand
 * @return the arena, or NULL when out of memory.
 */
sipmsg_arena *sipmsg_arena_new(const sipmsg_allocator *allocator, size_t initial);

/** @brief Forget every allocation but keep the largest block for reuse. */
void sipmsg_arena_reset(sipmsg_arena *arena);

/** @brief Release the arena and everything allocated in it. NULL is allowed. */
void sipmsg_arena_free(sipmsg_arena *arena);

/** @brief Bytes handed out since the last reset (for statistics and tests). */
size_t sipmsg_arena_used(const sipmsg_arena *arena);

/** @brief Number of blocks the arena obtained from its allocator since creation. */
size_t sipmsg_arena_block_allocations(const sipmsg_arena *arena);

/** @brief Release a buffer returned by an allocating libsipmsg call (e.g. sipmsg_write_alloc()). */
void sipmsg_free(void *ptr);

#ifdef __cplusplus
}
#endif

#endif /* SIPMSG_TYPES_H */
