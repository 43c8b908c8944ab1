import ServiceCore

/// The food service's OpenAPI document: `openapi.yaml` beside this file, embedded at build time and served as JSON
/// at `/openapi.json`. `FoodOpenAPIDriftTests` fails when a route is added, removed or changes shape without the file
/// following.
///
/// Path parameters are named as `FoodController` registers them. Paths are documented without their trailing slash;
/// the router accepts both spellings (the seed's clients use the trailing-slash one). The WebSocket of `GET /food/ws`
/// is described in that operation's description and its message schemas (`Ws*`, `OrderEvent`) under `components`.
enum FoodOpenAPI {
    static func json() throws -> String { try OpenAPIDocument.json(yaml: PackageResources.openapi_yaml) }
}
