/* SPDX-License-Identifier: MIT */
/* The tunnels monitoring setups carry SIP in: IP in IP (RFC 2003, RFC 4213),
 * GRE (RFC 2784, RFC 2890) carrying IP, MPLS, Ethernet or ERSPAN type I/II
 * mirrors, VXLAN (RFC 7348), Geneve (RFC 8926), and GTPv1-U (3GPP TS 29.281,
 * the user plane of mobile cores, where IMS/VoLTE SIP travels). Each call is one stateless step inwards: it
 * finds the IP packet a tunnel carries, and the caller decodes that packet as
 * it would the outer one. Every read is bounds-checked against the captured
 * length. (MPLS label stacks under Ethernet are netdecode.h's: they are a
 * link-layer shim, not a tunnel in IP.) */
#ifndef SIPMSG_TOOL_TUNNEL_H
#define SIPMSG_TOOL_TUNNEL_H

#include "netdecode.h"

/* Tunnels followed inside each other. A deeper packet is refused with a
 * reason, so that crafted nesting cannot make decoding unbounded. */
#define TUNNEL_MAX_DEPTH 4

/* The UDP ports each tunnel is looked for on (either port: see
 * tunnel_udp_payload), as `sipmsg check` --vxlan-port, --geneve-port and
 * --gtpu-port set them. */
#define TUNNEL_MAX_PORTS 8
struct tunnel_ports {
	uint16_t port[TUNNEL_MAX_PORTS];
	size_t n;
};
struct tunnel_opts {
	bool off; /* no tunnel of any kind is looked into (--no-tunnels) */
	struct tunnel_ports vxlan, geneve, gtp_u;
};

/* The defaults: VXLAN on IANA's 4789 and on 8472, the Linux kernel's (and
 * flannel's) default; Geneve on 6081; GTP-U on 2152; tunnels looked into. */
void tunnel_opts_init(struct tunnel_opts *o);

/* Read a list of ports "N[,N...]" (each 1 to 65535, at most
 * TUNNEL_MAX_PORTS) into *out. False, with why filled, when it is not one. */
bool tunnel_ports_parse(const char *list, struct tunnel_ports *out, char *why, size_t whylen);

/* False, with why filled, when one port is given to two kinds of tunnel. */
bool tunnel_opts_check(const struct tunnel_opts *o, char *why, size_t whylen);

/* The IP packet in an IP payload of protocol proto (4 or 41: IP in IP; 47:
 * GRE), `depth` tunnels deep already. NET_OK: *inner and *inner_len delimit
 * it. NET_OTHER: o is off, proto is no tunnel, or the tunnel carries
 * something other than IP. NET_MALFORMED: a header is cut short or
 * inconsistent, or the nesting is too deep; reason says which. */
enum net_result tunnel_ip_payload(const struct tunnel_opts *o, uint8_t proto, const uint8_t *p, size_t len,
				  unsigned depth, const uint8_t **inner, size_t *inner_len, const char **reason);

/* The same for a UDP payload from port sport to port dport: VXLAN, Geneve
 * or GTP-U on one of its ports in o. The destination port decides when it
 * is a tunnel's. Otherwise a tunnel's port as the source (as Wireshark, which
 * tries either port) is followed only when the tunnel header decodes and
 * holds a well-formed IP header; any doubt there gives NET_OTHER, never
 * NET_MALFORMED, so that the datagram is read as plain UDP. NET_OTHER when
 * o is off or neither port is a tunnel's, or the header is of no version
 * known (a VXLAN one lacks the I (valid VNI) flag), or a GTP-U message is
 * not a G-PDU (echo, error indication, end marker), or a G-PDU does not
 * carry IP. */
enum net_result tunnel_udp_payload(const struct tunnel_opts *o, uint16_t sport, uint16_t dport, const uint8_t *p,
				   size_t len, unsigned depth, const uint8_t **inner, size_t *inner_len,
				   const char **reason);

#endif
