public import Decisions
public import Postgres
public import Foundation

/// A stored version of a workflow.
public struct StoredWorkflow: Sendable, Equatable, Encodable {
    public let name: String
    public let version: Int
    public let contentHash: String
    public let loadedAt: Date
    public let loadedBy: String
    public let definition: WorkflowDefinition
}

/// Loading and reading workflow definitions.
public enum Workflows {
    /// What `load` stored.
    public struct Loaded: Sendable, Equatable, Codable {
        public let name: String
        public let version: Int
        public let contentHash: String
        /// The same content was already stored under this version; nothing new was stored.
        public let unchanged: Bool
    }

    /// Stores `definition` (read from `source`) as the next version of its name. Decisions
    /// keep the version they started on.
    public static func load(_ definition: WorkflowDefinition, source: String, organization: String?, request: UUID? = nil, on connection: Connection) throws
        -> Loaded
    {
        let json = try PostgresJSON(encoding: definition, keys: .convertToSnakeCase)
        return try connection.callWriting(
            "SELECT pykala.load_workflow($1, $2::jsonb, $3) AS result", [organization, json, source], as: Loaded.self, request: request)
    }

    /// The versions of every workflow, or of one, newest first.
    public static func list(name: String? = nil, organization: String?, on connection: Connection) throws -> [StoredWorkflow] {
        try connection.reading { tx in
            try tx.execute(
                """
                SELECT name, version, content_hash, loaded_at, loaded_by, definition FROM pykala.workflow
                 WHERE organization_id = $1 AND ($2::text IS NULL OR name = $2)
                 ORDER BY name, version DESC
                """, [try tx.organizationID(organization), name]
            ).map { row in
                StoredWorkflow(
                    name: try row.get("name"), version: try row.get("version"), contentHash: try row.get("content_hash"),
                    loadedAt: try row.get("loaded_at"), loadedBy: try row.get("loaded_by"),
                    definition: try row.decodeJSON("definition"))
            }
        }
    }

    /// The newest version of `name`.
    public static func latest(_ name: String, organization: String?, on connection: Connection) throws -> StoredWorkflow {
        guard let workflow = try list(name: name, organization: organization, on: connection).first else {
            throw StoreError(
                kind: .notFound, message: "no workflow \"\(name)\" is loaded",
                hint: "An admin loads it with `pykala workflow load workflows/\(name).yaml`.")
        }
        return workflow
    }
}
