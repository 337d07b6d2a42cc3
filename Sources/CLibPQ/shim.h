#ifndef PYKALA_CLIBPQ_SHIM_H
#define PYKALA_CLIBPQ_SHIM_H

#include <libpq-fe.h>

/* The PG_DIAG_* field codes are macros (postgres_ext.h), which Swift cannot import. */
static const int pykala_diag_sqlstate = PG_DIAG_SQLSTATE;
static const int pykala_diag_severity = PG_DIAG_SEVERITY_NONLOCALIZED;
static const int pykala_diag_message_primary = PG_DIAG_MESSAGE_PRIMARY;
static const int pykala_diag_message_detail = PG_DIAG_MESSAGE_DETAIL;
static const int pykala_diag_message_hint = PG_DIAG_MESSAGE_HINT;
static const int pykala_diag_statement_position = PG_DIAG_STATEMENT_POSITION;
static const int pykala_diag_internal_position = PG_DIAG_INTERNAL_POSITION;
static const int pykala_diag_context = PG_DIAG_CONTEXT;
static const int pykala_diag_schema_name = PG_DIAG_SCHEMA_NAME;
static const int pykala_diag_table_name = PG_DIAG_TABLE_NAME;
static const int pykala_diag_column_name = PG_DIAG_COLUMN_NAME;
static const int pykala_diag_constraint_name = PG_DIAG_CONSTRAINT_NAME;

#endif
