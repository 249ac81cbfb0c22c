/* SPDX-License-Identifier: MIT */
/**
 * @file sipmsg/sipmsg.h
 * @brief The umbrella header: include this one.
 */
#ifndef SIPMSG_SIPMSG_H
#define SIPMSG_SIPMSG_H

#include "sipmsg/types.h"
#include "sipmsg/diag.h"
#include "sipmsg/tables.h"
#include "sipmsg/hdr.h"
#include "sipmsg/msg.h"
#include "sipmsg/write.h"
#include "sipmsg/frame.h"
#include "sipmsg/sdp.h"
#include "sipmsg/uri.h"
#include "sipmsg/views.h"
#include "sipmsg/check.h"
#include "sipmsg/build.h"
#include "sipmsg/multipart.h"

#endif /* SIPMSG_SIPMSG_H */
