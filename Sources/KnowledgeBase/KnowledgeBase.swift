// The SQLite store: schema, ingest, queries, full-text search, exports.
import CSQLite
import Literature
public enum KnowledgeBaseModule {}
