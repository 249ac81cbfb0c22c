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

#endif /* SIPMSG_SIPMSG_H */
