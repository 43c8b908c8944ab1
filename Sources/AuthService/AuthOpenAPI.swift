import ServiceCore

/// The auth service's OpenAPI document: `openapi.yaml` beside this file, embedded at build time and served as JSON
/// at `/openapi.json`. `OpenAPIDriftTests` fails when a route is added, removed or changes shape without the file
/// following.
enum AuthOpenAPI {
    static func json() throws -> String { try OpenAPIDocument.json(yaml: PackageResources.openapi_yaml) }
}
