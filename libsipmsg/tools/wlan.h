/* SPDX-License-Identifier: MIT */
/* IEEE 802.11 (Wi-Fi) frames as monitor-mode captures hold them: bare
 * (LINKTYPE_IEEE802_11), or after a radio header (radiotap, Prism, AVS or
 * PPI). A data frame's MAC header (QoS control, HT control, the 4-address
 * form), an A-MSDU's subframe headers, an 802.11s mesh control field and
 * the LLC/SNAP header are skipped to reach the EtherType, which
 * netdecode.h's dispatch takes on. Management and control frames, and data
 * frames without data, are not IP: NET_OTHER, as a non-IP Ethernet frame is.
 * Every read is bounds-checked against the captured length. */
#ifndef SIPMSG_TOOL_WLAN_H
#define SIPMSG_TOOL_WLAN_H

#include "netdecode.h"

/* True for the link types read here: 105, 119, 127, 163 and 192. */
bool wlan_link_supported(int dlt);

/* The IP packet in a frame of one of those link types, caplen of its
 * wirelen bytes captured: a radio header's FCS is taken off only as far as
 * it was captured. NET_UNREADABLE, with a reason, for a protected (WEP,
 * TKIP, CCMP, GCMP) data frame, whose payload cannot be read without the
 * keys, and for a fragment of an 802.11 frame (not reassembled). An A-MSDU
 * aggregate gives its first subframe's packet, and *rest (when not NULL)
 * the others, for wlan_next; *rest is zeroed for any other frame. */
enum net_result wlan_decode(int dlt, const uint8_t *f, size_t caplen, size_t wirelen, struct net_link_rest *rest,
			    const uint8_t **ip, size_t *ip_len, size_t *ip_wire, const char **reason);

/* The IP packet of an A-MSDU's next subframe (rest->p not NULL); as
 * net_link_next. */
enum net_result wlan_next(struct net_link_rest *rest, const uint8_t **ip, size_t *ip_len, size_t *ip_wire,
			  const char **reason);

#endif
