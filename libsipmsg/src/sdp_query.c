/* SPDX-License-Identifier: MIT */
/* The helpers users reach for: origin, session name, the codec list of a
 * media section, its direction and its connection with the session-level
 * fallbacks RFC 8866 defines. */
#include "sdp_internal.h"

sipmsg_status sipmsg_sdp_origin_of(const sipmsg_sdp *sdp, sipmsg_sdp_origin *out)
{
	if (!sdp)
		return SIPMSG_EINVAL;
	long i = sipmsg_sdp_line_find(&sdp->session, 'o', 0);
	return i < 0 ? SIPMSG_ENOTFOUND : sipmsg_sdp_get_origin(&sdp->session, (size_t)i, out);
}

sipmsg_status sipmsg_sdp_session_name(const sipmsg_sdp *sdp, sipmsg_slice *out)
{
	if (!sdp || !out)
		return SIPMSG_EINVAL;
	long i = sipmsg_sdp_line_find(&sdp->session, 's', 0);
	if (i < 0)
		return SIPMSG_ENOTFOUND;
	size_t n;
	const char *v = sm_sdp_value(&sdp->session.lines[i], &n);
	*out = (sipmsg_slice){v, n};
	return SIPMSG_OK;
}

/* RFC 3551 §6 static payload types (name, clock rate, channels). */
static const struct {
	const char *name;
	uint32_t clock;
	uint8_t channels;
} static_pts[35] = {
	[0] = {"PCMU", 8000, 1},   [3] = {"GSM", 8000, 1},     [4] = {"G723", 8000, 1},
	[5] = {"DVI4", 8000, 1},   [6] = {"DVI4", 16000, 1},   [7] = {"LPC", 8000, 1},
	[8] = {"PCMA", 8000, 1},   [9] = {"G722", 8000, 1},    [10] = {"L16", 44100, 2},
	[11] = {"L16", 44100, 1},  [12] = {"QCELP", 8000, 1},  [13] = {"CN", 8000, 1},
	[14] = {"MPA", 90000, 0},  [15] = {"G728", 8000, 1},   [16] = {"DVI4", 11025, 1},
	[17] = {"DVI4", 22050, 1}, [18] = {"G729", 8000, 1},   [25] = {"CelB", 90000, 0},
	[26] = {"JPEG", 90000, 0}, [28] = {"nv", 90000, 0},    [31] = {"H261", 90000, 0},
	[32] = {"MPV", 90000, 0},  [33] = {"MP2T", 90000, 0},  [34] = {"H263", 90000, 0},
};

/* The format slices of a media section; false when m= does not parse. */
static bool formats(const sipmsg_sdp_section *m, sipmsg_sdp_media_desc *md)
{
	return m && m->is_media && sipmsg_sdp_get_media_desc(m, md) == SIPMSG_OK;
}

size_t sipmsg_sdp_codec_count(const sipmsg_sdp_section *media)
{
	sipmsg_sdp_media_desc md;
	if (!formats(media, &md))
		return 0;
	size_t n = 0;
	for (size_t k = 0; k < md.nformats; k++) {
		uint64_t pt;
		n += sm_slice_uint(md.formats[k], 127, &pt);
	}
	return n;
}

sipmsg_status sipmsg_sdp_codec_at(const sipmsg_sdp_section *media, size_t i, sipmsg_sdp_codec *out)
{
	sipmsg_sdp_media_desc md;
	if (!out || !media)
		return SIPMSG_EINVAL;
	if (!media->is_media)
		return SIPMSG_ESTATE;
	sipmsg_status st = sipmsg_sdp_get_media_desc(media, &md);
	if (st)
		return st;
	uint64_t pt = 0;
	size_t seen = 0, k;
	for (k = 0; k < md.nformats; k++)
		if (sm_slice_uint(md.formats[k], 127, &pt) && seen++ == i)
			break;
	if (k == md.nformats)
		return SIPMSG_ENOTFOUND;
	memset(out, 0, sizeof *out);
	out->payload_type = (uint32_t)pt;
	out->rtpmap_line = out->fmtp_line = -1;
	for (long j = sipmsg_sdp_attr_find(media, SIPMSG_SDP_ATTR_RTPMAP, 0); j >= 0;
	     j = sipmsg_sdp_attr_find(media, SIPMSG_SDP_ATTR_RTPMAP, (size_t)j + 1)) {
		sipmsg_sdp_rtpmap r;
		st = sipmsg_sdp_get_rtpmap(media, (size_t)j, &r);
		if (st == SIPMSG_ENOMEM)
			return st;
		if (st == SIPMSG_OK && r.payload_type == pt) {
			out->name = r.encoding;
			out->clock_rate = r.clock_rate;
			out->channels = r.channels;
			out->rtpmap_line = j;
			break;
		}
	}
	if (out->rtpmap_line < 0 && pt < sizeof static_pts / sizeof static_pts[0] && static_pts[pt].name) {
		out->name = (sipmsg_slice){static_pts[pt].name, strlen(static_pts[pt].name)};
		out->clock_rate = static_pts[pt].clock;
		out->channels = static_pts[pt].channels;
	}
	for (long j = sipmsg_sdp_attr_find(media, SIPMSG_SDP_ATTR_FMTP, 0); j >= 0;
	     j = sipmsg_sdp_attr_find(media, SIPMSG_SDP_ATTR_FMTP, (size_t)j + 1)) {
		sipmsg_sdp_fmtp f;
		st = sipmsg_sdp_get_fmtp(media, (size_t)j, &f);
		if (st == SIPMSG_ENOMEM)
			return st;
		if (st == SIPMSG_OK && f.payload_type == (int32_t)pt) {
			out->fmtp = f.params;
			out->fmtp_line = j;
			break;
		}
	}
	return SIPMSG_OK;
}

static sipmsg_sdp_direction section_direction(const sipmsg_sdp_section *s)
{
	sipmsg_sdp_direction d = SIPMSG_SDP_DIR_NONE;
	for (uint32_t i = 0; s && i < s->nlines; i++) {
		if (s->lines[i].type != 'a')
			continue;
		switch (s->lines[i].attr) {
		case SIPMSG_SDP_ATTR_SENDRECV: d = SIPMSG_SDP_DIR_SENDRECV; break;
		case SIPMSG_SDP_ATTR_SENDONLY: d = SIPMSG_SDP_DIR_SENDONLY; break;
		case SIPMSG_SDP_ATTR_RECVONLY: d = SIPMSG_SDP_DIR_RECVONLY; break;
		case SIPMSG_SDP_ATTR_INACTIVE: d = SIPMSG_SDP_DIR_INACTIVE; break;
		default: break;
		}
	}
	return d;
}

sipmsg_sdp_direction sipmsg_sdp_media_direction(const sipmsg_sdp_section *media)
{
	if (!media)
		return SIPMSG_SDP_DIR_NONE;
	sipmsg_sdp_direction d = section_direction(media);
	if (!d && media->is_media)
		d = section_direction(&media->sdp->session);
	return d ? d : SIPMSG_SDP_DIR_SENDRECV;
}

sipmsg_status sipmsg_sdp_media_connection(const sipmsg_sdp_section *media, sipmsg_sdp_connection *out)
{
	if (!media || !out)
		return SIPMSG_EINVAL;
	long i = sipmsg_sdp_line_find(media, 'c', 0);
	if (i >= 0)
		return sipmsg_sdp_get_connection(media, (size_t)i, out);
	const sipmsg_sdp_section *s = &media->sdp->session;
	i = sipmsg_sdp_line_find(s, 'c', 0);
	return i < 0 ? SIPMSG_ENOTFOUND : sipmsg_sdp_get_connection(s, (size_t)i, out);
}
