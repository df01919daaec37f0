/*
 * record.h — the normalised record every reader emits, and the sink it emits
 * into.
 *
 * Readers (paperlists.c, dblp.c, openalex.c) know nothing of resolution or of
 * the snapshot: they turn bytes into sc_rec_paper / sc_rec_person values and
 * hand them to a sink, one at a time. All spans in a record are valid only
 * during the sink call (they point into the reader's buffers); the sink copies
 * what it keeps. Strings in spans are unescaped, valid UTF-8, not
 * NUL-terminated, and may be empty (n == 0) when absent.
 */
#ifndef SCOUT_RECORD_H
#define SCOUT_RECORD_H

#include "util/util.h"

typedef struct {
    sc_span name;
    sc_span affiliation;  /* raw string as written in the source */
    sc_span email_domain; /* "cs.stanford.edu" (no user part) */
    sc_span openreview;   /* "~Jane_Doe1" */
    sc_span orcid;        /* "0000-0002-1825-0097" */
    sc_span dblp;         /* DBLP person id ("homepages/…" key suffix) or name key */
    sc_span openalex;     /* "A5023888391" */
} sc_rec_author;

typedef struct {
    sc_span source_id; /* the source's own id for the paper */
    sc_span venue;     /* short lower-case venue ("nips", "icml", "journals/tkde") */
    sc_span title, abstract, keywords, status, track;
    int year;          /* 0 = unknown */
    int64_t citations; /* -1 = unknown */
    const sc_rec_author *authors;
    size_t n_authors;
    uint32_t line, col; /* where the record starts in the (decompressed) input */
} sc_rec_paper;

/* A person record (DBLP <www key="homepages/…">): the names one person is
 * known by and the affiliations noted for them. */
typedef struct {
    sc_span key;            /* "homepages/12/3456" */
    const sc_span *names;   /* first is the primary name ("Wei Wang 0001") */
    size_t n_names;
    const sc_span *affiliations;
    const sc_span *aff_labels; /* parallel to affiliations: "" or "former" … */
    size_t n_affiliations;
    const sc_span *orcids;
    size_t n_orcids;
    uint32_t line, col;
} sc_rec_person;

typedef struct sc_sink sc_sink;
struct sc_sink {
    /* Return 0 to continue, non-zero to stop the reader (it then returns
     * that value's error, already set by the sink). */
    int (*paper)(sc_sink *s, const sc_rec_paper *p);
    int (*person)(sc_sink *s, const sc_rec_person *p);
    /* A malformed record: where (1-based line/col in the decompressed
     * input), what, and the record's bytes (possibly truncated by the
     * reader to a sensible size). The reader goes on with the next record. */
    void (*reject)(sc_sink *s, uint32_t line, uint32_t col, const char *what,
                   const char *bytes, size_t n);
    void *ctx;
};

/* Context every reader gets besides its input. */
typedef struct {
    const char *path;     /* for messages */
    sc_span venue;        /* default venue (from the file name), may be empty */
    int year;             /* default year (from the file name), 0 = none */
    const char *dtd_path; /* DBLP: the DTD to load for entities */
} sc_read_ctx;

#endif
