/*
 * dblp.h — the DBLP XML reader (dblp.xml with its dblp.dtd).
 *
 * Streams the file (plain, gzip or zstd; bounded memory whatever its size)
 * through expat and emits:
 *   - one sc_rec_paper per publication record (article, inproceedings,
 *     proceedings, book, incollection, phdthesis, mastersthesis, data):
 *     source_id = the record's key, venue derived from the key
 *     ("conf/nips/X" -> "nips", "journals/tkde/X" -> "journals/tkde", else
 *     the key's first two components), title (inline markup flattened),
 *     year, authors in order (editors when there are no authors) with their
 *     ORCID attribute and the DBLP name as the person id;
 *   - one sc_rec_person per person record (<www key="homepages/…">, and
 *     <person key="homepages/…">): names, affiliations from
 *     <note type="affiliation"> with their label, ORCIDs.
 *
 * Character entities come from the DTD, loaded as the external subset even
 * when the file has no DOCTYPE line: ctx->dtd_path when set, else "dblp.dtd"
 * beside the file. A missing DTD is an SC_EINPUT error naming it.
 *
 * A malformed record is passed to sink->reject (file line/col of the error,
 * expat's message) and reading resumes at the next record start tag; a file
 * cut inside a record rejects that partial record and still returns SC_OK. A
 * truncated or corrupt archive, or a file that is not DBLP XML (root element
 * other than <dblp>), is an SC_EINPUT error.
 */
#ifndef SCOUT_DBLP_H
#define SCOUT_DBLP_H

#include "ingest/record.h"

/* Read the DBLP XML file at path into sink. Returns SC_OK, an error code with
 * err set, or the non-zero value a sink callback returned to stop. */
int sc_read_dblp(const char *path, const sc_read_ctx *ctx, sc_sink *sink, sc_error *err);

#endif
